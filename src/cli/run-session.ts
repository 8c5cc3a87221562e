// `pmdb run CMD...`: runs any command with every Node process it starts armed (NODE_OPTIONS
// carries pmdb/register, as VS Code's debug terminal carries its bootstrap). An error that
// escapes in any of them is captured into a dump by that process's own agent, `pmdb: crash dump
// written to PATH` goes to stderr, and the process then fails exactly as it would have. pmdb exits
// as the command does. (With a terminal, the prompt in the crashing process is still to come:
// for now a terminal gets a dump too.)
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dumpDirectory } from '../dump/write-dump.js';

const register = fileURLToPath(new URL('../register.cjs', import.meta.url));

export interface RunOptions {
  dumpDir?: string;
  redact: boolean;
}

export async function runCommand(command: string[], options: RunOptions): Promise<number> {
  const env = {
    ...process.env,
    // One directory for the whole tree, whatever directory each process runs in.
    PMDB_DUMP_DIR: dumpDirectory(options.dumpDir),
    ...(options.redact ? {} : { PMDB_NO_REDACT: '1' }),
    // The user's own NODE_OPTIONS stay, after pmdb's.
    NODE_OPTIONS: [`--require ${quote(register)}`, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  if (ended.error) {
    process.stderr.write(`pmdb: cannot run '${command[0]}': ${(ended.error as NodeJS.ErrnoException).code ?? ended.error.message}\n`);
    return 127;
  }
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
