// `pmdb stacks PID` on real running programs: each thread's stack in the traceback format
// (TypeScript lines through source maps), what holds an idle process open, and the program
// going on untouched afterwards, its inspector closed again, ending as it would have.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPmdb } from '../helpers/run-pipe.js';
import { fixture } from '../helpers/paths.js';
import { cpuTicks, expectBusyUntouched, inspectorPortOpen, killAllLive, startLive, withoutInspectorLines } from '../helpers/live-process.js';
import { CLI, REGISTER } from '../helpers/paths.js';

afterEach(killAllLive);

const major = Number(process.versions.node.split('.')[0]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pmdb stacks', () => {
  it('prints where a busy TypeScript program spins, with --locals, and lets it spin on', async () => {
    const busy = await startLive(['--inspect-port=0', '--import', 'tsx', fixture('attach/busy.ts')], 'busy: started');
    await sleep(300);
    const r = await runPmdb(['stacks', '--locals', String(busy.pid)]);
    const out = r.stdout.toString();
    expect(r.stderr.toString()).toBe('');
    expect(r.code).toBe(0);
    const file = fixture('attach/busy.ts');
    expect(out).toContain(
      `Main thread: running (most recent call last):\n  File "${file}", line 22, in <anonymous>\n    setTimeout(() => runJob({ name: 'nightly', rounds: 7 }), 50);\n`,
    );
    expect(out).toContain(`  File "${file}", line 18, in runJob\n    return crunch(job) + started;\n           ~~~~~~^^^^^\n    job = { name: 'nightly', rounds: 7 }\n    started = `);
    expect(out).toMatch(new RegExp(`  File "${file}", line (9|10|11), in crunch\\n.*\\n    job = \\{ name: 'nightly', rounds: 7 \\}\\n    total = \\d+\\n(\\n|$)`));
    expect(out).not.toContain('pmdb-idle-probe');
    // Still spinning, its inspector closed again.
    await expectBusyUntouched(busy);
  });

  it('says what holds an idle process open (servers, then timers as created), twice, and the process ends as it would have', async () => {
    // Node's default inspector port, 9229, as a program started without any flag has it.
    const idle = await startLive([fixture('attach/idle.js')], 'idle: listening');
    const file = fixture('attach/idle.js');
    for (let round = 0; round < 2; round++) {
      const r = await runPmdb(['stacks', String(idle.pid)]);
      expect(r.stderr.toString()).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toMatch(
        new RegExp(
          '^Main thread: waiting in the event loop\\n  held open by:\\n' +
            '    server listening on 127\\.0\\.0\\.1:\\d+ \\(Server\\)\\n'.repeat(2) +
            `    setInterval every 700 ms, calling tick \\(${file}:6\\)\\n` +
            `    setTimeout of 3600000 ms, calling giveUp \\(${file}:9\\)\\n` +
            `    setTimeout of 1800000 ms, calling later \\(${file}:18\\)\\n$`,
        ),
      );
      const { port, open } = await inspectorPortOpen(idle.stderr());
      expect(port).toBe(9229);
      expect(open).toBe(false);
    }
    await sleep(800);
    idle.child.kill('SIGTERM');
    // The fixture reports inspector.url() as it ends: undefined, as before pmdb came.
    expect(await idle.ended).toEqual({ code: 7, signal: null });
    expect(idle.stdout()).toBe('idle: listening\nidle: ticked, inspector closed\n');
    expect(withoutInspectorLines(idle.stderr())).toBe('');
  });

  it('prints every worker thread: one spinning, one waiting', async () => {
    const workers = await startLive(['--inspect-port=0', fixture('attach/workers.js')], 'workers: ready');
    await sleep(300);
    const r = await runPmdb(['stacks', '--locals', String(workers.pid)]);
    expect(r.code).toBe(0);
    const spin = fixture('attach/spin-worker.js');
    expect(r.stdout.toString()).toBe(
      'Main thread: waiting in the event loop\n  held open by:\n' +
        '    MessagePort (of a worker thread or a MessageChannel)\n'.repeat(2) +
        '\n' +
        `Worker thread 1 (${spin}): running (most recent call last):\n` +
        `  File "${spin}", line 8, in <anonymous>\n` +
        '    setTimeout(() => spinForever(workerData.limit), 20);\n' +
        '                     ~~~~~~~~~~~^^^^^^^^^^^^^^^^^^\n' +
        `  File "${spin}", line 5, in spinForever\n` +
        '    while (laps >= 0) laps = (laps + 1) % limit;\n' +
        r.stdout.toString().match(/    laps = \d+\n/)![0] +
        '    limit = 12\n' +
        '\n' +
        `Worker thread 2 (${fixture('attach/listen-worker.js')}): waiting in the event loop\n`,
    );
    workers.child.kill('SIGTERM');
    expect(await workers.ended).toEqual({ code: 5, signal: null });
    expect(workers.stdout()).toBe('workers: ready\nworkers: stopping\n');
    expect(withoutInspectorLines(workers.stderr())).toBe('');
  });

  it('shows an ES module awaiting a timer as waiting, held by that timer', async () => {
    const awaiting = await startLive(['--inspect-port=0', fixture('attach/awaiting.mjs')], 'awaiting: waiting');
    const r = await runPmdb(['stacks', String(awaiting.pid)]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('Main thread: waiting in the event loop\n  held open by:\n    setTimeout of 3600000 ms, calling a function\n');
    awaiting.child.kill('SIGTERM');
    expect(await awaiting.ended).toEqual({ code: 4, signal: null });
    expect(awaiting.stdout()).toBe('awaiting: waiting\nawaiting: stopped\n');
  });
});

describe('pmdb stacks on a process armed with pmdb/register', () => {
  it('with PMDB_AWAITS=1, shows what each pending async function awaits, as a tree in TypeScript lines, two calls at one await counted', async () => {
    const pending = await startLive(['--inspect-port=0', '--import', 'tsx', '--require', REGISTER, fixture('attach/pending.ts')], 'pending: waiting', { PMDB_AWAITS: '1' });
    const file = fixture('attach/pending.ts');
    const r = await runPmdb(['stacks', String(pending.pid)]);
    expect(r.stderr.toString()).toBe('');
    // The agent thread pmdb/register starts for a worker (esbuild's, under tsx on Node 22) is pmdb's: not shown.
    expect(r.stdout.toString()).not.toContain('agent/worker.js');
    expect(r.stdout.toString().split('\n\n')[0]!.replace(/\n*$/, '\n')).toBe(
      'Main thread: waiting in the event loop\n  held open by:\n' +
        '    setTimeout of 3600001 ms, calling a function\n    setTimeout of 3600002 ms, calling a function\n' +
        '  awaiting (pending async functions, outermost first):\n' +
        `    runJob (${file}:12): const pages: string[] = await Promise.all([fetchPage(1), fetchPage(2)]);\n` +
        `      fetchPage (${file}:7) x2: await pause(3_600_000 + page);\n` +
        `        pause (${file}:3) x2: await new Promise<void>((resolve) => setTimeout(resolve, ms));\n`,
    );
    pending.child.kill('SIGTERM');
    expect(await pending.ended).toEqual({ code: 6, signal: null });
    expect(pending.stdout()).toBe('pending: waiting\npending: stopped\n');
    expect(withoutInspectorLines(pending.stderr())).toBe('');
  });
});

describe('pmdb stacks on a blocked main thread', () => {
  it('gives up in one line while the main thread is blocked, and closes the inspector the late signal opened afterwards', async () => {
    const blocked = await startLive([fixture('attach/blocked.js'), '9'], 'blocked: waiting');
    const r = await runPmdb(['stacks', String(blocked.pid)], { timeoutMs: 30_000 });
    expect(r.stderr.toString()).toBe(
      `pmdb: process ${blocked.pid} did not open its inspector within 5 s: its main thread is blocked in a synchronous call, or its inspector port (9229) is taken; should it open later, pmdb stacks ${blocked.pid} closes it\n`,
    );
    expect(r.code).toBe(2);
    // The main thread gets back to its loop (the fixture's `sleep 9` ends) and opens the port.
    while (!blocked.stderr().includes('Debugger listening')) await sleep(100);
    const again = await runPmdb(['stacks', String(blocked.pid)], { timeoutMs: 30_000 });
    expect(again.code).toBe(0);
    expect(again.stdout.toString()).toContain('Worker thread 1 ([worker eval]): running (most recent call last):\n');
    expect((await inspectorPortOpen(blocked.stderr())).open).toBe(false);
  });
});

describe('pmdb stacks refuses in one line', () => {
  it('no PID, a PID that is no number, no such process', async () => {
    for (const [args, message] of [
      [['stacks'], 'pmdb: usage: pmdb stacks [--locals] PID\n'],
      [['stacks', 'abc'], "pmdb: 'abc' is neither a process id nor HOST:PORT\n"],
    ] as const) {
      const r = await runPmdb([...args]);
      expect(r.stderr.toString()).toBe(message);
      expect(r.code).toBe(2);
    }
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const r = await runPmdb(['stacks', gone.stdout]);
    expect(r.stderr.toString()).toBe(`pmdb: no process ${gone.stdout}\n`);
    expect(r.code).toBe(2);
  });

  it('a process that is not Node, which SIGUSR1 would have killed, is left alone', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const r = await runPmdb(['stacks', String(sleeper.pid)]);
      expect(r.stderr.toString()).toBe(`pmdb: process ${sleeper.pid} is not a Node.js process (sleep)\n`);
      expect(r.code).toBe(2);
      expect(sleeper.exitCode).toBe(null);
      expect(sleeper.signalCode).toBe(null);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it.runIf(process.getuid?.() === 0)("another user's process (pmdb run as nobody, the program as root)", async () => {
    const idle = await startLive(['--inspect-port=0', fixture('attach/idle.js')], 'idle: listening');
    const r = spawnSync(nodeForNobody(), [CLI, 'stacks', String(idle.pid)], { uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stderr).toBe(`pmdb: process ${idle.pid} belongs to another user: pmdb opens only your own processes\n`);
    expect(r.status).toBe(2);
    expect(idle.stderr()).toBe('');
  });

  // --disable-sigusr1 exists from Node 22.14 / 23.7 (nodejs/node#56441); Node 20 refuses the flag.
  it.runIf(major >= 22)('a process started with --disable-sigusr1, by flag or NODE_OPTIONS', async () => {
    for (const [args, env] of [
      [['--disable-sigusr1', fixture('attach/idle.js')], {}],
      [[fixture('attach/idle.js')], { NODE_OPTIONS: '--disable-sigusr1' }],
    ] as const) {
      const idle = await startLive([...args], 'idle: listening', env);
      const r = await runPmdb(['stacks', String(idle.pid)]);
      expect(r.stderr.toString()).toBe(
        `pmdb: process ${idle.pid} was started with --disable-sigusr1: its inspector cannot be opened from outside (start it with --inspect and use pmdb attach HOST:PORT)\n`,
      );
      expect(r.code).toBe(2);
      idle.child.kill('SIGTERM');
      expect(await idle.ended).toEqual({ code: 7, signal: null });
      expect(idle.stderr()).toBe('');
    }
  });
});

/**
 * This Node, as user nobody may run it: scripts/node-major.sh keeps other majors under root's
 * home, which nobody cannot enter; then a copy in a directory anyone can read.
 */
function nodeForNobody(): string {
  if (!spawnSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534 }).error) return process.execPath;
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-node-'));
  chmodSync(dir, 0o755);
  const copy = path.join(dir, 'node');
  copyFileSync(process.execPath, copy);
  chmodSync(copy, 0o755);
  return copy;
}
