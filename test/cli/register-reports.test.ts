// What a process armed with pmdb/register reports about itself, as faulthandler does: its stacks
// on SIGUSR2 (faulthandler.register), and PMDB_TIMEOUT's watchdog (dump_traceback_later), which
// prints them and writes a dump when the process still runs after SECONDS. The program's own
// output, exit and SIGUSR2 listeners stay as they were.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, REGISTER } from '../helpers/paths.js';
import { killAllLive, startLive, withoutInspectorLines } from '../helpers/live-process.js';

// Not afterEach: the tests of a describe run at once, and each ends its own processes.
afterAll(killAllLive);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await sleep(50);
  }
}

describe.concurrent('pmdb/register: SIGUSR2', () => {
  it('prints the stacks, and with PMDB_AWAITS=1 what each pending async function awaits, on stderr; the program goes on and ends as it would have', async () => {
    const file = fixture('attach/awaiting.mjs');
    const awaiting = await startLive(['--inspect-port=0', '--require', REGISTER, file], 'awaiting: waiting', { PMDB_AWAITS: '1' });
    awaiting.child.kill('SIGUSR2');
    await until(() => awaiting.stderr().includes('fetchReport'), 'the report');
    expect(withoutInspectorLines(awaiting.stderr())).toBe(
      `pmdb: stacks of process ${awaiting.pid} (SIGUSR2):\n` +
        'Main thread: waiting in the event loop\n  held open by:\n    setTimeout of 3600000 ms, calling a function\n' +
        '  awaiting (pending async functions, outermost first):\n' +
        `    main (${file}:7): const report = await fetchReport(7);\n` +
        `      fetchReport (${file}:3): await new Promise((resolve) => setTimeout(resolve, 3_600_000));\n`,
    );
    awaiting.child.kill('SIGTERM');
    expect(await awaiting.ended).toEqual({ code: 4, signal: null });
    expect(awaiting.stdout()).toBe('awaiting: waiting\nawaiting: stopped\n');
  });

  it('a program with its own SIGUSR2 listener keeps the signal: pmdb prints nothing', async () => {
    const own = await startLive(['--inspect-port=0', '--require', REGISTER, fixture('attach/own-usr2.js')], 'own-usr2: ready');
    own.child.kill('SIGUSR2');
    await until(() => own.stdout().includes('got SIGUSR2'), "the program's listener");
    await sleep(1500);
    own.child.kill('SIGTERM');
    expect(await own.ended).toEqual({ code: 0, signal: null });
    // pmdb's listener is counted: the one thing the program can see (README).
    expect(own.stdout()).toBe('own-usr2: ready\nown-usr2: got SIGUSR2, 2 listeners\nown-usr2: stopped\n');
    expect(own.stderr()).toBe('');
  });
});

describe.concurrent('pmdb/register: PMDB_TIMEOUT', () => {
  it("'2 --exit': a program still spinning after 2 s gets its stack on stderr, a dump, and is ended", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-timeout-'));
    const spin = fixture('attach/spin.js');
    const stuck = await startLive(['--inspect-port=0', '--require', REGISTER, spin], 'spin: started', { PMDB_TIMEOUT: '2 --exit', PMDB_DUMP_DIR: dir });
    expect(await stuck.ended).toEqual({ code: null, signal: 'SIGKILL' });
    expect(withoutInspectorLines(stuck.stderr())).toMatch(
      new RegExp(
        `^pmdb: process ${stuck.pid} still running after 2 s:\\nMain thread: running \\(most recent call last\\):\\n` +
          `  File "${spin}", line 9, in <module>\\n    spinUntil\\(Date\\.now\\(\\) \\+ seconds \\* 1000\\);\\n  File "${spin}", line 5, in spinUntil\\n    while \\(Date.now\\(\\) < deadline\\) laps\\+\\+;\\n` +
          `pmdb: dump written to ${dir}/spin\\.js-[\\w-]+\\.pmdump\\n$`,
      ),
    );
    expect(readdirSync(dir)).toHaveLength(1);
    expect(stuck.stdout()).toBe('spin: started\n');
  });

  it('a program that ends in time is not reported on; a value that is not SECONDS [--repeat] [--exit] is one line', async () => {
    const quick = await startLive(['--require', REGISTER, fixture('attach/spin.js'), '0.3'], 'spin: started', { PMDB_TIMEOUT: '30' });
    expect(await quick.ended).toEqual({ code: 0, signal: null });
    expect(quick.stdout()).toBe('spin: started\nspin: done\n');
    expect(quick.stderr()).toBe('');
    const bad = await startLive(['--require', REGISTER, fixture('attach/spin.js'), '0.3'], 'spin: started', { PMDB_TIMEOUT: 'soon' });
    expect(await bad.ended).toEqual({ code: 0, signal: null });
    expect(bad.stderr()).toBe("pmdb: PMDB_TIMEOUT='soon': expected SECONDS [--repeat] [--exit], as in PMDB_TIMEOUT='60 --repeat'; no watchdog\n");
  });
});
