// Programs that survive their errors must run to their end without a stop.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { startSession } from '../helpers/pty-session.js';
import { FINISHED, UNCAUGHT, useSessions } from '../helpers/sessions.js';

useSessions();

/** Run FIXTURE with -c continue, return what it printed before it came back to line 1. */
async function runThrough(file: string, end: string): Promise<string> {
  const s = startSession(['-c', 'continue', file]);
  const out = await s.expect(`${end}\n`, 15_000);
  const restart = await s.prompt();
  expect(restart).toMatch(new RegExp(`^> ${fixture(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(\\d+\\)<module>\\(\\)\\n-> `));
  expect(out + restart).not.toContain(UNCAUGHT);
  expect(out).not.toContain('Traceback');
  return out;
}

describe('never stops a program that survives', () => {
  it('a rejection handled one tick later', async () => {
    const out = await runThrough('late-catch.js', FINISHED);
    expect(out).toContain('caught: handled later\nstill alive\n');
  });

  it("errors a worker's top-level code catches, and a worker's death its parent handles", async () => {
    const out = await runThrough('worker-survives.js', FINISHED);
    expect(out).toContain('worker said: SyntaxError, rejected in an executor\n');
    expect(out).toContain('handled: worker failed on 42\n');
  });

  it('promises an async function rejects itself after an await and handles once made', async () => {
    const out = await runThrough('late-catch-async.js', FINISHED);
    expect(out).toContain(
      'caught: executor\ncaught: thrown in executor\ncaught: kept reject\ncaught: Promise.reject\nstill alive\n',
    );
  });

  it('Promise.all(...).catch', async () => {
    const out = await runThrough('all-catch.js', FINISHED);
    expect(out).toContain('all caught: task 1 failed\n');
  });

  it('5000 handled throws', async () => {
    const started = Date.now();
    const out = await runThrough('many-handled.js', FINISHED);
    expect(out).toContain('caught 5000\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('process.exit(3) prints the exit message', async () => {
    const out = await runThrough('exit3.js', 'The program exited via process.exit(). Exit status: 3');
    expect(out).toContain('leaving\n');
  });
});
