// Shortcuts for the common ways a test starts pmdb.
import { afterEach } from 'vitest';
import { closeAllSessions, startSession, type PtySession, type SessionOptions } from './pty-session.js';
import { runPmdb } from './run-pipe.js';
import { dumpsIn, freshDir } from './dumps.js';
import { fixture } from './paths.js';

export const UNCAUGHT = 'Uncaught exception. Entering post mortem debugging';
export const RESTART_HINT = "Running 'cont' or 'step' will restart the program";
export const FINISHED = 'The program finished and will be restarted';
export const NOT_LIVE =
  'pmdb: V8 reported this error only after its stack unwound: the frames are not live and have no locals';

/** Close leftover sessions after each test of the calling file. */
export function useSessions(): void {
  afterEach(closeAllSessions);
}

export interface Stop {
  s: PtySession;
  /** Everything printed before the first prompt (traceback, banners, location). */
  head: string;
}

/** `pmdb -c continue FIXTURE`: run at full speed and wait for the first prompt. */
export async function runToPrompt(script: string, options: SessionOptions & { args?: string[] } = {}): Promise<Stop> {
  const s = startSession(['-c', 'continue', script, ...(options.args ?? [])], options);
  const head = await s.prompt();
  return { s, head };
}

/** `pmdb FIXTURE`: stop at the first line. */
export async function startAtFirstLine(script: string, options: SessionOptions = {}): Promise<Stop> {
  const s = startSession([script], options);
  const head = await s.prompt();
  return { s, head };
}

/** `pmdb run` a crashing fixture into a fresh directory, then `pmdb open` its dump. */
export async function openCrashDump(script: string, options: SessionOptions = {}): Promise<Stop> {
  const dir = freshDir();
  await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, script]);
  const [dump] = dumpsIn(dir);
  const s = startSession(['open', dump!], options);
  const head = await s.prompt();
  return { s, head };
}

/**
 * The banner line naming a worker thread: stopped live in it, or, once it `died` of the error that
 * then ended the process through its parent, in its frames as they were at the throw.
 */
export function workerBanner(file: string, died = false): RegExp {
  const name = `worker thread \\d+ \\(${fixture(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`;
  return new RegExp(died ? `\\npmdb: this error killed ${name} first: its frames are a snapshot taken at the throw, not live\\n` : `\\npmdb: in ${name}\\n`);
}
