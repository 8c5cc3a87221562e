// Signals sent to pmdb are the program's (cli/signals.ts): SIGTERM, SIGHUP and SIGINT reach it,
// pmdb waits for it and ends as it did, byte for byte and status for status as plain node. A pmdb
// that dies (SIGKILL) takes the program and the processes it started with it (agent/lifeline.ts).
// The terminal's Ctrl-C pauses the program even when pmdb's stdin is a pipe.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { baseEnv } from '../helpers/env.js';
import { CLI, FIXTURES } from '../helpers/paths.js';

useSessions();

const WAITS = 'signals/waits.js';

interface Ended {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Starts `args` under this Node in a session of its own (no terminal: nothing of the test's own
 * terminal decides what pmdb passes on), sends `signal` once it said `ready PID`, and returns how
 * it ended, with the PID in its output replaced.
 */
function signalled(args: string[], signal: NodeJS.Signals): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: FIXTURES, env: { ...baseEnv(), NO_COLOR: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (b: Buffer) => {
      stdout += b;
      if (!sent && /ready \d+\n/.test(stdout)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not end: ${stdout}${stderr}`));
    }, 20_000);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ stdout: stdout.replace(/ready \d+/, 'ready PID'), stderr, code, signal: sig });
    });
  });
}

const pmdbRun = (...args: string[]) => [CLI, 'run', '--', process.execPath, WAITS, ...args];
const pmdbScript = (...args: string[]) => [CLI, '-c', 'continue', WAITS, ...args];

describe('a signal sent to pmdb', () => {
  // All at once: each waits mostly for Node to start.
  it('reaches the program (SIGTERM, SIGHUP, SIGINT), and pmdb ends as it did: its handler and status, or its death', async () => {
    const handled = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
    const runs = await Promise.all([
      ...handled.flatMap((signal) => [signalled([WAITS, 'handle'], signal), signalled(pmdbRun('handle'), signal), signalled(pmdbScript('handle'), signal)]),
      signalled([WAITS], 'SIGTERM'),
      signalled(pmdbRun(), 'SIGTERM'),
      signalled(pmdbScript(), 'SIGTERM'),
      signalled(pmdbScript(), 'SIGHUP'),
    ]);
    for (const [i, signal] of handled.entries()) {
      const [plain, run, script] = runs.slice(3 * i, 3 * i + 3);
      expect(plain).toEqual({ stdout: `ready PID\nprogram got ${signal}\n`, stderr: '', code: 7, signal: null });
      expect(run).toEqual(plain);
      expect(script).toEqual(plain);
    }
    const [plain, run, script, hungUp] = runs.slice(9);
    expect(plain).toEqual({ stdout: 'ready PID\n', stderr: '', code: null, signal: 'SIGTERM' });
    expect(run).toEqual(plain);
    expect(script).toEqual(plain);
    expect(hungUp).toEqual({ ...plain, signal: 'SIGHUP' });
  });
});

/** Whether the process has ended (a zombie whose parent died has ended too). */
function ended(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return true;
  }
}

async function allEnd(pids: number[], ms = 8_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (pids.every(ended)) return true;
  }
  return false;
}

describe.runIf(process.platform === 'linux')('when pmdb is killed', () => {
  it('the program and the process it started end with it (pmdb SCRIPT; pmdb run with a terminal)', async () => {
    const killed = async (args: string[]) => {
      const s = startSession(args);
      await s.expect(/ready \d+ \d+\n/, 15_000);
      const pids = /ready (\d+) (\d+)\n/.exec(s.output)!.slice(1).map(Number);
      expect(pids.some(ended)).toBe(false);
      s.pty.kill('SIGKILL');
      return allEnd(pids);
    };
    const spawns = 'signals/spawns.js';
    expect(await Promise.all([killed(['-c', 'continue', spawns]), killed(['run', '--', process.execPath, spawns])])).toEqual([true, true]);
  });
});

describe('when pmdb run ends', () => {
  it('a process its command left running (a daemon) runs on, as without pmdb', async () => {
    const s = startSession(['run', '--', process.execPath, 'signals/leaves-daemon.js']);
    expect(await s.waitExit()).toBe(0);
    const daemon = Number(/daemon (\d+)\n/.exec(s.output)![1]);
    try {
      // Its agent has noticed pmdb is gone by now: lifeline.ts would have ended it within this.
      expect(await allEnd([daemon], 2_500)).toBe(false);
    } finally {
      if (!ended(daemon)) process.kill(daemon, 'SIGKILL');
    }
  });
});

describe("the terminal's Ctrl-C", () => {
  it('pauses the program when pmdb reads its commands from a pipe', async () => {
    const s = startSession(['signals/stdin-pipe.js', CLI, '-c', 'continue', 'spin.js'], { command: [process.execPath] });
    await s.expect('spinning\n', 15_000);
    await new Promise((r) => setTimeout(r, 200));
    s.sendRaw('\x03');
    await s.expect("Program interrupted. (Use 'cont' to resume).\n");
    await s.expect('(Pmdb) ');
    s.send('p spins > 0');
    await s.expect('true\n');
    s.send('q');
    await s.expect('command ended: 0\n');
  });
});
