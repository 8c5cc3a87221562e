// `q` after Ctrl-C exits 0 (README, Exit status). Under `npx` the status is npm's script shell's:
// the terminal's Ctrl-C reaches every process of the foreground group, npm's `sh -c` among them;
// dash (Debian's /bin/sh) dies of it at once, and npm, seeing its child killed by SIGINT, kills
// itself with it too (@npmcli/run-script), whatever pmdb exits with.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { startSession, type SessionOptions } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';

useSessions();

/** Ctrl-C in spin.js's loop, then `q`: pmdb's exit code and the signal that ended the process. */
async function interruptThenQuit(options: SessionOptions = {}): Promise<{ code: number; signal: number }> {
  const s = startSession(['-c', 'continue', path.join('test', 'fixtures', 'spin.js')], { cwd: ROOT, ...options });
  await s.expect('spinning\n', 30_000);
  await new Promise((r) => setTimeout(r, 200));
  s.sendRaw('\x03');
  expect(await s.prompt()).toContain('Program interrupted.');
  s.send('q');
  const code = await s.waitExit();
  return { code, signal: s.signal ?? 0 };
}

// From PATH: npm runs with the Node under test, which runs pmdb.
const npx = 'npx';
const shIsDash = path.basename(realpathSync('/bin/sh')) === 'dash';

describe('exit status after Ctrl-C and q', () => {
  it('is 0', async () => {
    expect(await interruptThenQuit()).toEqual({ code: 0, signal: 0 });
  });

  it('is 0 under npx when its script shell waits for pmdb (bash)', async () => {
    expect(await interruptThenQuit({ command: [npx, '--script-shell=bash', 'pmdb'] })).toEqual({ code: 0, signal: 0 });
  });

  it.runIf(shIsDash)("is npm's SIGINT (130) under npx when its script shell is dash", async () => {
    expect(await interruptThenQuit({ command: [npx, 'pmdb'] })).toEqual({ code: 0, signal: 2 });
  });
});
