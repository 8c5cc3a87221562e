// A program running on its own, for `pmdb attach` and `pmdb stacks` to reach by PID: started
// with plain node, its output and exit kept to compare with what it would have done untouched.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { baseEnv } from './env.js';
import { FIXTURES } from './paths.js';

export interface LiveProcess {
  child: ChildProcess;
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with how it ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<LiveProcess>();

/** Starts `node ARGS` and resolves once its stdout has said `ready`. */
export async function startLive(args: string[], ready: string, env: Record<string, string> = {}): Promise<LiveProcess> {
  const child = spawn(process.execPath, args, { cwd: FIXTURES, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b));
  child.stderr!.on('data', (b: Buffer) => (err += b));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const live: LiveProcess = { child, pid: child.pid!, stdout: () => out, stderr: () => err, ended };
  running.add(live);
  void ended.then(() => running.delete(live));
  const deadline = Date.now() + 15_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args.join(' ')} never said '${ready}': ${out}${err}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return live;
}

export function killAllLive(): void {
  for (const live of running) live.child.kill('SIGKILL');
}

/** The lines Node itself writes to a process's stderr when its inspector opens and a debugger connects. */
export const withoutInspectorLines = (stderr: string): string =>
  stderr.replace(/^(Debugger listening on ws:\/\/127\.0\.0\.1:\d+\/[\w-]+|For help, see: https:\/\/nodejs\.org\/\S+|Debugger attached\.)\n/gm, '');

/** The inspector port Node said it opened (on the process's stderr), and whether it still accepts connections. */
export async function inspectorPortOpen(stderr: string): Promise<{ port: number; open: boolean }> {
  const port = Number(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr)?.[1]);
  if (!port) throw new Error(`no inspector was opened: ${stderr}`);
  const open = await new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  return { port, open };
}

/** CPU time the process has used so far, in clock ticks: it grows while the process runs. */
export function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * pmdb is gone and left `busy` (a fixture printing `busy: started`, spinning) as it found it:
 * still running, its inspector closed again; ended by SIGTERM as it would have been, with its
 * own output only (Node's inspector lines aside).
 */
export async function expectBusyUntouched(busy: LiveProcess): Promise<void> {
  const { expect } = await import('vitest');
  const before = cpuTicks(busy.pid);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(cpuTicks(busy.pid)).toBeGreaterThan(before);
  expect((await inspectorPortOpen(busy.stderr())).open).toBe(false);
  busy.child.kill('SIGTERM');
  expect(await busy.ended).toEqual({ code: null, signal: 'SIGTERM' });
  expect(busy.stdout()).toBe('busy: started\n');
  expect(withoutInspectorLines(busy.stderr())).toBe('');
}
