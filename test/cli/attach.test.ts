// `pmdb attach` on real running programs, through a terminal: the prompt in the frame the process
// was running (TypeScript lines), `c` and Ctrl-C, breakpoints, and `q` leaving the process running
// with its inspector closed again (or left open, when the user opened it with --inspect).
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { runPmdb } from '../helpers/run-pipe.js';
import { cpuTicks, expectBusyUntouched, inspectorPortOpen, killAllLive, startLive, withoutInspectorLines } from '../helpers/live-process.js';

useSessions();
afterEach(killAllLive);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pmdb attach PID', () => {
  it('stops a TypeScript program stuck in a loop where it spins; c runs it, Ctrl-C stops it again, q leaves it spinning', async () => {
    const busy = await startLive(['--inspect-port=0', '--import', 'tsx', fixture('attach/busy.ts')], 'busy: started');
    await sleep(300);
    const file = fixture('attach/busy.ts');
    const s = startSession(['attach', String(busy.pid)]);
    const first = await s.prompt(20_000);
    expect(first).toContain(`pmdb: attached to process ${busy.pid} (${file}); q detaches and leaves it running\n`);
    expect(first).toContain("Program interrupted. (Use 'cont' to resume).\n");
    expect(first).toMatch(new RegExp(`> ${file}\\((9|10|11)\\)crunch\\(\\)\\n-> `));
    expect(await s.run('p job')).toBe("{ name: 'nightly', rounds: 7 }\n");
    expect(await s.run('up')).toBe(`> ${file}(18)runJob()\n-> return crunch(job) + started;\n`);
    expect(await s.run('p typeof started')).toBe("'number'\n");
    s.send('c');
    await sleep(500);
    s.sendRaw('\x03');
    const again = await s.prompt();
    expect(again).toContain("Program interrupted. (Use 'cont' to resume).\n");
    expect(again).toMatch(new RegExp(`> ${file}\\((9|10|11)\\)crunch\\(\\)`));
    s.send('q');
    expect(await s.waitExit()).toBe(0);
    await expectBusyUntouched(busy);
  });

  it('stops an idle process in the event loop; a breakpoint stops it in its timer; q removes it and the process ends as it would have', async () => {
    const idle = await startLive([fixture('attach/idle.js')], 'idle: listening');
    const file = fixture('attach/idle.js');
    const s = startSession(['attach', String(idle.pid)]);
    expect(await s.prompt(20_000)).toContain('> (no JavaScript frame: the program was waiting in the event loop)\n');
    expect(await s.run('b idle.js:7')).toBe(`Breakpoint 1 at ${file}:7\n`);
    s.send('c');
    expect(await s.prompt()).toContain(`> ${file}(7)tick()\n-> ticks++;\n`);
    expect(await s.run('p ticks >= 0')).toBe('true\n');
    s.send('q');
    expect(await s.waitExit()).toBe(0);
    expect((await inspectorPortOpen(idle.stderr())).open).toBe(false);
    // The breakpoint went with pmdb: the timer ticks on undisturbed.
    await sleep(1600);
    idle.child.kill('SIGTERM');
    expect(await idle.ended).toEqual({ code: 7, signal: null });
    expect(idle.stdout()).toBe('idle: listening\nidle: ticked, inspector closed\n');
    expect(withoutInspectorLines(idle.stderr())).toBe('');
  });

  it('a program that ends while attached ends as it would have, and pmdb says so', async () => {
    const spin = await startLive(['--inspect-port=0', fixture('attach/spin.js'), '8'], 'spin: started');
    const s = startSession(['attach', String(spin.pid)]);
    expect(await s.prompt(20_000)).toContain(`> ${fixture('attach/spin.js')}(5)spinUntil()\n`);
    s.send('c');
    await s.expect(`pmdb: the process ${spin.pid} has ended\n`, 30_000);
    expect(await s.waitExit()).toBe(0);
    expect(await spin.ended).toEqual({ code: 0, signal: null });
    expect(spin.stdout()).toBe('spin: started\nspin: done\n');
  });

  it('restart is refused: pmdb does not own the process', async () => {
    const idle = await startLive(['--inspect-port=0', fixture('attach/idle.js')], 'idle: listening');
    const s = startSession(['attach', String(idle.pid)]);
    await s.prompt(20_000);
    expect(await s.run('restart')).toBe("*** pmdb attach cannot restart a process it did not start: 'q' detaches and leaves it running\n");
    s.send('q');
    expect(await s.waitExit()).toBe(0);
  });
});

describe('pmdb attach HOST:PORT', () => {
  it('attaches to a process started with --inspect and leaves its inspector open', async () => {
    const idle = await startLive(['--inspect=127.0.0.1:0', fixture('attach/idle.js')], 'idle: listening');
    const { port } = await inspectorPortOpen(idle.stderr());
    const s = startSession(['attach', `127.0.0.1:${port}`]);
    const first = await s.prompt(20_000);
    expect(first).toContain(`pmdb: attached to process (${fixture('attach/idle.js')}); q detaches and leaves it running\n`);
    expect(await s.run('p 6 * 7')).toBe('42\n');
    s.send('q');
    expect(await s.waitExit()).toBe(0);
    expect((await inspectorPortOpen(idle.stderr())).open).toBe(true);
    idle.child.kill('SIGTERM');
    expect(await idle.ended).toEqual({ code: 7, signal: null });
    expect(idle.stdout()).toMatch(/^idle: listening\nidle: (never )?ticked, inspector ws:\/\/127\.0\.0\.1:\d+\/[\w-]+\n$/);
  });

  it('by PID too, when --inspect chose a port of its own (port 0): the inspector stays open', async () => {
    const idle = await startLive(['--inspect=127.0.0.1:0', fixture('attach/idle.js')], 'idle: listening');
    const s = startSession(['attach', String(idle.pid)]);
    expect(await s.prompt(20_000)).toContain(`pmdb: attached to process ${idle.pid} (${fixture('attach/idle.js')})`);
    s.send('q');
    expect(await s.waitExit()).toBe(0);
    expect((await inspectorPortOpen(idle.stderr())).open).toBe(true);
  });

  it('refuses in one line: no inspector there, nothing to attach to', async () => {
    for (const [args, message] of [
      [['attach'], 'pmdb: usage: pmdb attach PID | HOST:PORT\n'],
      [['attach', 'somewhere'], "pmdb: 'somewhere' is neither a process id nor HOST:PORT\n"],
      [['attach', '127.0.0.1:1'], 'pmdb: no Node inspector answers at 127.0.0.1:1 (ECONNREFUSED)\n'],
    ] as const) {
      const r = await runPmdb([...args]);
      expect(r.stderr.toString()).toBe(message);
      expect(r.code).toBe(2);
    }
  });
});
