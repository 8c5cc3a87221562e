// Values of other realms: a vm context is a world of its own for the inspector, and a value of
// one cannot be an argument of a function called in another. pmdb carries them across, so values
// of a vm context (and the main context's values seen from it) print, evaluate, display and dump.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { NOT_LIVE, UNCAUGHT, runToPrompt, useSessions } from '../helpers/sessions.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { FIXTURES } from '../helpers/paths.js';

useSessions();

const AT_TOTAL = 'order-rules.js(6)total()\n-> for (const line of lines) sum += line.price.amount * settings.rates.get(line.price.currency);\n';
const LINES = "[ { sku: 'A', price: { amount: 2, currency: 'EUR' } }, { sku: 'B' } ]\n";

/** What `p`, `pp`, `args`, `whatis` and `display` show in vm-crash.js's frame, live or from a dump. */
async function expectVmFrameValues(s: PtySession): Promise<void> {
  expect(await s.run('p lines')).toBe(LINES);
  expect(await s.run('pp seen')).toBe("Set(2) { 'A', 'B' }\n");
  expect(await s.run('args')).toBe("order = { id: 7, lines: [ { sku: 'A', price: [Object] }, { sku: 'B' } ] }\n");
  expect(await s.run('whatis seen')).toBe('Set\n');
  expect(await s.run('p [...seen].join("+") + lines.length')).toBe("'A+B2'\n");
  expect(await s.run('display lines[0].sku')).toBe("display lines[0].sku: 'A'\n");
}

describe('values of a vm context (vm.runInNewContext)', () => {
  it('stop live in its frame: print, evaluate, assign, display, $names and extract', async () => {
    const { s, head } = await runToPrompt('vm-crash.js');
    expect(head).toContain(`TypeError: Cannot read properties of undefined (reading 'amount')\n${UNCAUGHT}\n`);
    expect(head).toContain(`> ${AT_TOTAL}`);
    await expectVmFrameValues(s);
    // The main context's objects, seen from the vm context's frame.
    expect(await s.run('p settings')).toBe("{ currency: 'EUR', rates: Map(1) { 'EUR' => 1 } }\n");
    expect(await s.run('p settings.rates.get(lines[0].price.currency) * 5')).toBe('5\n');
    expect(await s.run('p lines[1].price = { amount: 3, currency: "EUR" }')).toBe("{ amount: 3, currency: 'EUR' }\n");
    expect(await s.run('p lines[1]')).toBe("{ sku: 'B', price: { amount: 3, currency: 'EUR' } }\n");
    expect(await s.run('p $_exception.message')).toBe('"Cannot read properties of undefined (reading \'amount\')"\n');
    expect(await s.run('p $kept = order')).toContain('id: 7');
    expect(await s.run('extract seen')).toBe('Extracted: seen\n');
    expect(await s.run('up')).toContain('order-rules.js(9)<anonymous>()\n');
    expect(await s.run('p $kept.lines.length')).toBe('2\n');
    expect(await s.run('p [...seen]')).toBe("[ 'A', 'B' ]\n");
  });

  it('a crash dump without a terminal holds them, and pmdb open shows them', async () => {
    const dir = freshDir();
    const plain = await runProcess(process.execPath, ['vm-crash.js']);
    const r = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'vm-crash.js']);
    expect(r.code).toBe(plain.code);
    const [dump] = dumpsIn(dir);
    expect(r.stderr.toString()).toBe(`pmdb: crash dump written to ${dump}\n${plain.stderr.toString()}`);
    const s = startSession(['open', dump!]);
    expect(await s.prompt()).toContain(`> ${AT_TOTAL}`);
    await expectVmFrameValues(s);
  });

  it('an error of a vm context thrown through vm.runInNewContext prints, with its properties', async () => {
    const { s, head } = await runToPrompt('vm-sync-crash.js');
    expect(head).toContain('RangeError: queue too long\n  queue: [ 1, 2, 3, 4 ]\n');
    // Node's vm rethrows it from C++: pmdb leaves that pause untouched (src/agent/vm-rethrow.cts)
    // and stops where Node reports it, with the frames rebuilt from the stack: not live.
    expect(head).toContain(NOT_LIVE);
    expect(await s.run('p $_exception.queue.length')).toBe('4\n');
    expect(await s.run('exceptions')).toBe('>   0 RangeError: queue too long\n');
  });
});

describe("values of jest's vm context", () => {
  const APP = path.join(FIXTURES, 'jest-app');
  const JEST = ['npx', '--no-install', 'jest', 'retry'];
  const AT_TIMER = `${path.join(APP, 'retry.test.js')}(7)<anonymous>()\n-> job.retryAt = last.at + 1000;\n`;

  it('a timer a test left behind fails after the run: the prompt prints and evaluates its values; c fails as jest does', async () => {
    const s = startSession(['run', '--', ...JEST], { cwd: APP });
    expect(await s.prompt(60_000)).toContain(`> ${AT_TIMER}`);
    expect(await s.run('p job.attempts')).toBe("Map(1) { 'fetch' => 2 }\n");
    expect(await s.run('pp job.tags')).toBe("Set(1) { 'nightly' }\n");
    expect(await s.run('p [...job.attempts.keys(), job.id]')).toBe("[ 'fetch', 3 ]\n");
    expect(await s.run('p $job = job')).toContain("tags: Set(1) { 'nightly' }");
    expect(await s.run('p $job.id')).toBe('3\n');
    expect(await s.run('display job.id')).toBe('display job.id: 3\n');
    s.send('c');
    expect(await s.waitExit(30_000)).toBe(1);
    expect(s.rest).toContain("TypeError: Cannot read properties of undefined (reading 'at')\n");
  }, 90_000);

  it('without a terminal the dump holds them', async () => {
    const dir = freshDir();
    const r = await runPmdb(['run', '--dump-dir', dir, '--', ...JEST], { cwd: APP, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const [dump] = dumpsIn(dir);
    expect(r.stderr.toString()).toContain(`pmdb: crash dump written to ${dump}\n`);
    const s = startSession(['open', dump!]);
    expect(await s.prompt()).toContain(`> ${AT_TIMER}`);
    expect(await s.run('p job.attempts')).toBe("Map(1) { 'fetch' => 2 }\n");
    expect(await s.run('p job.tags.has("nightly")')).toBe('true\n');
  }, 90_000);
});
