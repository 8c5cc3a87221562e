// `pmdb run CMD...`: runs any command with every Node process it starts armed (NODE_OPTIONS
// carries pmdb/register, as VS Code's debug terminal carries its bootstrap; the user's own
// NODE_OPTIONS stay). With a terminal on stdin, an error that escapes in any of them opens the
// post-mortem prompt in that process (crash-prompts.ts). Without one, that process's own agent
// captures a dump, `pmdb: crash dump written to PATH` goes to stderr. Either way the process then
// fails exactly as it would have, and pmdb exits as the command does. `pmdb test` is the same,
// stopping (or, without a terminal, writing a dump) at each failing test too.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { AGENT_ENV, type AgentConfig } from '../agent/config.cjs';
import { dumpDirectory } from '../dump/write-dump.js';
import { CrashPrompts } from './crash-prompts.js';

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
  const prompts = isatty(0) ? await CrashPrompts.open({ stopOn: options.stopOn, trace: options.trace }) : undefined;
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
  // Ctrl-C at the terminal reaches the whole process group: the command gets it as without pmdb,
  // and pmdb stays to report how the command ended.
  const keepOnInterrupt = () => {};
  process.on('SIGINT', keepOnInterrupt);
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
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
  prompts?.close();
  process.off('SIGINT', keepOnInterrupt);
  if (ended.error) {
    process.stderr.write(`pmdb: cannot run '${command[0]}': ${(ended.error as NodeJS.ErrnoException).code ?? ended.error.message}\n`);
    return 127;
  }
  await watchdog?.stop();
  // --exit ended it: a failing status, as faulthandler's exit=True gives.
  if (watchdog?.fired) return 1;
  if (ended.signal) {
    // Die of the same signal, so that whoever ran pmdb sees what they would have seen.
    process.kill(process.pid, ended.signal);
    return 128 + (constants.signals[ended.signal] ?? 0);
  }
  return ended.code ?? 1;
}

/** NODE_OPTIONS splits on spaces; double quotes keep a path whole. */
function quote(file: string): string {
  return /[\s"\\]/.test(file) ? `"${file.replace(/(["\\])/g, '\\$1')}"` : file;
}
