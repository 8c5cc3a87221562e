// A program that stood at pmdb's prompt does not see the pause in its timers: on `c` (or a step)
// every pending timer fires as if the pause never happened, and a mocha test paused longer than
// its timeout still passes. Each fixture races a timer against work that should win; under plain
// node a freeze as long as the pause (a busy loop where pmdb pauses) makes the timer win, which
// shows that each race does turn on the pause.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSession } from '../helpers/pty-session.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';
import { runNode, runProcess } from '../helpers/run-pipe.js';
import { ROOT } from '../helpers/paths.js';

useSessions();

/** Longer than the race's head start: without holding, the 1000 ms timeout is overdue on resume. */
const PAUSE_MS = 1500;

describe('timers held across a pause at the prompt', () => {
  it('a 1000 ms timeout still loses to 200 ms of work started after 1.5 s at a debugger statement', async () => {
    expect((await runNode(['timer-race.js', String(PAUSE_MS)])).stdout.toString()).toMatch(/^timeout won/);
    const { s } = await runToPrompt('timer-race.js');
    await sleep(PAUSE_MS);
    s.send('c');
    await s.expect(' won, ');
    expect(s.output).toContain('work won, ');
  });

  it('a step holds them too, and a timer started at the prompt counts from the resume', async () => {
    const { s } = await runToPrompt('timer-race.js');
    await sleep(PAUSE_MS);
    // The text it prints is not in the line typed, whose echo is in the output too.
    await s.run(`!void setTimeout(() => console.log('typed at ' + 'the prompt'), 50)`);
    await s.run('n');
    await sleep(PAUSE_MS);
    s.send('c');
    await s.expect(' won, ');
    expect(s.output).toMatch(/typed at the prompt\n[^]*work won, /);
  });

  it('an interval paused in its own callback runs next when it would have, after 100 ms of work', async () => {
    expect((await runNode(['interval-race.js', String(PAUSE_MS)])).stdout.toString()).toBe('interval run 2\nwork done\n');
    const { s } = await runToPrompt('interval-race.js');
    await sleep(PAUSE_MS);
    s.send('c');
    await s.expect('interval run 2');
    expect(s.output).toMatch(/work done\ninterval run 2/);
  });

  it("a worker thread's timers are held when it stops", async () => {
    const { s } = await runToPrompt('timer-race-worker.js');
    await sleep(PAUSE_MS);
    s.send('c');
    await s.expect(' won, ');
    expect(s.output).toContain('work won, ');
  });
});

describe('mocha under pmdb', () => {
  const MOCHA = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const TESTS = path.join('mocha-paused', 'paused.test.js');

  it('tests with a 500 ms timeout, each stopped at a debugger statement for longer, still pass', async () => {
    const frozen = await runProcess(process.execPath, [MOCHA, TESTS], { env: { FREEZE_MS: '700' } });
    expect(frozen.stdout.toString()).toContain('3 failing');
    const s = startSession(['-c', 'continue', MOCHA, TESTS]);
    for (const test of ['sync', 'async, after an await', 'with a done callback']) {
      await s.prompt();
      await sleep(700);
      s.send('c');
      await s.expect(new RegExp(`✔ ${test}`));
    }
    await s.expect('3 passing');
    expect(s.output).not.toContain('failing');
  });
});
