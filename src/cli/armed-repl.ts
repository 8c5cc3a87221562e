// `pmdb` with no script: the front end of the armed REPL (agent/armed-repl.cts, the program it
// debugs). The session is `pmdb SCRIPT`'s (script-session.ts), with no first-line stop and no
// restart: the REPL ends pmdb when it exits, and every stop goes back to it.
import { fileURLToPath } from 'node:url';
import type { Channel } from '../target/agent-client.js';

/** The program `pmdb` alone runs. */
export const ARMED_REPL = fileURLToPath(new URL('../agent/armed-repl.cjs', import.meta.url));

/** What `c` and `q` do after an error escaped a line, in the words of pdb's restart hint. */
export const REPL_HINT = "Running 'cont' or 'quit' will return to the REPL";

/**
 * Takes the terminal for a prompt, and returns how to give it back. The REPL keeps it in raw mode
 * at its own prompt and in normal mode while a line runs; pmdb's prompt leaves it normal, which
 * is right only for a stop in a running line, not for one in a timer that fired while the REPL
 * waited for input. pmdb's own record of the mode is stale (the REPL changes it behind pmdb's
 * back): reset it, so that the prompt's raw mode is really set.
 */
export async function lendTerminal(client: Channel, input: NodeJS.ReadStream): Promise<() => void> {
  const r = await client
    .call('Runtime.evaluate', { expression: 'process.stdin.isRaw === true', returnByValue: true, silent: true })
    .catch(() => undefined);
  const raw = r?.result?.value === true;
  if (input.isRaw) input.setRawMode(false);
  return () => {
    if (raw) input.setRawMode(true);
  };
}

/** After Ctrl-C paused the REPL and the user continues: a line that awaits is given up, as in Node's REPL. */
export async function replInterrupted(client: Channel): Promise<void> {
  await client
    .call('Runtime.evaluate', { expression: `process[Symbol.for('pmdb.armedRepl.interrupted')]?.()`, silent: true })
    .catch(() => undefined);
}
