// `pmdb run CMD...`: runs any command with every Node process it starts armed (NODE_OPTIONS
// carries pmdb/register, as VS Code's debug terminal carries its bootstrap; the user's own
// NODE_OPTIONS stay). With a terminal on stdin, an error that escapes in any of them opens the
// post-mortem prompt in that process (crash-prompts.ts). Without one, that process's own agent
// captures a dump, `pmdb: crash dump written to PATH` goes to stderr. Either way the process then
// fails exactly as it would have, and pmdb exits as the command does. `pmdb test` is the same,
// stopping (or, without a terminal, writing a dump) at each failing test too.
import { spawn } from 'node:child_process';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { AGENT_ENV, type AgentConfig } from '../agent/config.cjs';
import { dumpDirectory } from '../dump/write-dump.js';
import { CrashPrompts } from './crash-prompts.js';
import { HeldOutput } from './held-output.js';
import { within } from '../util/within.js';
import { terminalText } from './terminal-text.js';

/** How long the command's output may go on after it ended (its children's last writes). */
const OUTLIVED_MS = 1000;
import { endedLike, sentByTerminal, takeSignals } from './signals.js';

const register = fileURLToPath(new URL('../register.cjs', import.meta.url));

export interface RunOptions {
  dumpDir?: string;
  /** The dump's bounds (dump/limits.cts), checked already. */
  dumpLimits?: string;
  redact: boolean;
  /** With a terminal, `--stop-on escaped`: errors that library code catches stop too; `pmdb test`: each failing test. */
  stopOn?: 'escaped' | 'test';
  /** --timeout SECONDS [--repeat] [--exit]: the watchdog (watchdog.ts). */
  watchdog?: { seconds: number; repeat: boolean; exit: boolean };
  /** `pmdb test --trace` with a terminal: also stop at each test's start. */
  trace?: boolean;
}

export async function runCommand(command: string[], options: RunOptions): Promise<number> {
  // isatty, not process.stdin: until a prompt opens, pmdb leaves the terminal's input alone.
  // `pmdb test` at a terminal: the runner's output through pmdb, held while a prompt is open (held-output.ts).
  const output = isatty(0) && options.stopOn === 'test' ? new HeldOutput() : undefined;
  const prompts = isatty(0) ? await CrashPrompts.open({ stopOn: options.stopOn, trace: options.trace }, output) : undefined;
  const dumpDir = dumpDirectory(options.dumpDir);
  // `pmdb test` without a terminal: every process's agent starts with it, judges each throw, and
  // writes a dump per failing test (no front end to answer).
  const agent: AgentConfig | undefined =
    prompts?.config ?? (options.stopOn === 'test' ? { interactive: false, tree: true, stopOn: 'test', dumpDir, redact: options.redact, dumpLimits: options.dumpLimits } : undefined);
  const env = {
    ...process.env,
    // One directory for the whole tree, whatever directory each process runs in.
    PMDB_DUMP_DIR: dumpDir,
    ...(options.redact ? {} : { PMDB_NO_REDACT: '1' }),
    ...(options.dumpLimits ? { PMDB_DUMP_LIMITS: options.dumpLimits } : {}),
    ...(agent ? { [AGENT_ENV]: JSON.stringify(agent) } : {}),
    // The user's own NODE_OPTIONS stay, after pmdb's.
    NODE_OPTIONS: [`--require ${quote(register)}`, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
  const child = spawn(command[0]!, command.slice(1), { stdio: output ? ['inherit', 'pipe', 'pipe'] : 'inherit', env });
  if (output) {
    output.relay(child.stdout!, process.stdout);
    output.relay(child.stderr!, process.stderr);
  }
  // pmdb stays to report how the command ended (signals.ts).
  const releaseSignals = takeSignals((signal) => {
    if (!sentByTerminal(signal)) child.kill(signal);
  });
  const watchdog =
    options.watchdog && child.pid !== undefined
      ? new (await import('./watchdog.js')).Watchdog(child.pid, { ...options.watchdog, dumpDir: env.PMDB_DUMP_DIR, tree: true }, (text) => process.stderr.write(text))
      : undefined;
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  // A prompt still open in a process the command did not wait for is finished first.
  await prompts?.settled();
  // The rest of its output; a process it left behind that still holds the pipe is not waited for.
  if (output) await within(output.drained(), OUTLIVED_MS);
  await prompts?.close();
  if (ended.error) {
    releaseSignals();
    process.stderr.write(terminalText(`pmdb: cannot run '${command[0]}': ${(ended.error as NodeJS.ErrnoException).code ?? ended.error.message}\n`, false));
    return 127;
  }
  await watchdog?.stop();
  releaseSignals();
  // --exit ended it: a failing status, as faulthandler's exit=True gives.
  if (watchdog?.fired) return 1;
  return endedLike(ended);
}

/** NODE_OPTIONS splits on spaces; double quotes keep a path whole. */
function quote(file: string): string {
  return /[\s"\\]/.test(file) ? `"${file.replace(/(["\\])/g, '\\$1')}"` : file;
}
