// Runs pmdb (or plain node) without a terminal: stdin/stdout/stderr are pipes, output kept as bytes.
import { spawn } from 'node:child_process';
import { CLI, FIXTURES } from './paths.js';
import { baseEnv } from './env.js';

export interface PipeResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

export interface PipeOptions {
  cwd?: string;
  /** Written to stdin, then stdin is closed. */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** A slow reader: stdout is read only after this many ms (the pipe fills up meanwhile). */
  readAfterMs?: number;
}

function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv(), NO_COLOR: '1', TERM: 'dumb' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Run `command args` with piped stdio; resolve with its exit status and raw output. */
export function runProcess(command: string, args: string[], options: PipeOptions = {}): Promise<PipeResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? FIXTURES, env: cleanEnv(options.env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    if (options.readAfterMs) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), options.readAfterMs);
    }
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${command} ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${Buffer.concat(out)
            .toString()
            .slice(-2000)}\nstderr: ${Buffer.concat(err).toString().slice(-2000)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
    child.stdin.on('error', () => {
      /* the process may exit before reading its input */
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Run the pmdb CLI with piped stdio. */
export const runPmdb = (args: string[], options: PipeOptions = {}): Promise<PipeResult> =>
  runProcess(process.execPath, [CLI, ...args], options);

/** Run a script with plain node, for comparison. */
export const runNode = (args: string[], options: PipeOptions = {}): Promise<PipeResult> =>
  runProcess(process.execPath, args, options);
