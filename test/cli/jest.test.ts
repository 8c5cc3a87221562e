// A real jest (its tests run in a vm context, its promises are jest-circus's) under `pmdb run`:
// failing tests are jest's to report. Nothing escapes, so nothing stops and no dump is written;
// jest's report and exit status are exactly as without pmdb.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { spawn } from 'node-pty';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { baseEnv } from '../helpers/env.js';
import { freshDir } from '../helpers/dumps.js';
import { stripAnsi } from '../helpers/strip.js';
import { FIXTURES } from '../helpers/paths.js';

useSessions();

const APP = path.join(FIXTURES, 'jest-app');
const JEST = ['npx', '--no-install', 'jest', 'price'];

/** Jest's report with the times it measured taken out. */
const report = (text: string): string =>
  stripAnsi(text)
    .replace(/\r/g, '')
    .replace(/ \(\d+(\.\d+)? m?s\)/g, '') // a test's time, and a slow file's (over 5 s)
    .replace(/^Time: .*$/m, 'Time: T');

/** What a command prints to a terminal and its exit status, without pmdb. */
function plainInPty(command: string[]): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const pty = spawn(command[0]!, command.slice(1), { cwd: APP, env: { ...baseEnv(), NO_COLOR: '1', TERM: 'dumb' }, cols: 200, rows: 50 });
    let output = '';
    pty.onData((data) => (output += data));
    pty.onExit(({ exitCode }) => setTimeout(() => resolve({ output, code: exitCode }), 100));
  });
}

describe('jest under pmdb run', () => {
  it("with a terminal: no stop at jest-circus's reject(error); the report and status are jest's own", async () => {
    const plain = await plainInPty(JEST);
    expect(report(plain.output)).toContain('Tests:       2 failed, 1 passed, 3 total');
    const s = startSession(['run', '--', ...JEST], { cwd: APP });
    expect(await s.waitExit(60_000)).toBe(plain.code);
    expect(plain.code).toBe(1);
    expect(s.output).not.toContain('(Pmdb) ');
    expect(report(s.output)).toBe(report(plain.output));
  }, 90_000);

  it('without a terminal: no dump, the same stdout, stderr and status as plain jest', async () => {
    const dir = freshDir();
    const plain = await runProcess(JEST[0]!, JEST.slice(1), { cwd: APP, timeoutMs: 60_000 });
    const armed = await runPmdb(['run', '--dump-dir', dir, '--', ...JEST], { cwd: APP, timeoutMs: 60_000 });
    expect(armed.code).toBe(plain.code);
    expect(existsSync(dir)).toBe(false);
    expect(report(armed.stdout.toString())).toBe(report(plain.stdout.toString()));
    expect(report(armed.stderr.toString())).toBe(report(plain.stderr.toString()));
  }, 90_000);
});
