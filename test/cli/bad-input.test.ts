// Usage errors, broken scripts, failing expressions and a debuggee that dies under pmdb.
import { describe, expect, it } from 'vitest';
import { CLI, fixture } from '../helpers/paths.js';
import { INSPECT_SURVIVES_THROWING_MESSAGE } from '../helpers/node-versions.js';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

/** One `pmdb: ...` line on stderr, nothing on stdout, exit 2. */
function expectUsageError(r: { code: number | null; stdout: Buffer; stderr: Buffer }): string {
  expect(r.code).toBe(2);
  expect(r.stdout.toString()).toBe('');
  const err = r.stderr.toString();
  expect(err).toMatch(/^pmdb: [^\n]+\n$/);
  return err;
}

describe('usage errors', () => {
  it('no script', async () => {
    expectUsageError(await runPmdb([]));
  });

  it('a script that does not exist', async () => {
    const err = expectUsageError(await runPmdb(['no-such-script.js']));
    expect(err).toContain('no-such-script.js');
  });

  it('an unknown flag', async () => {
    const err = expectUsageError(await runPmdb(['--bogus', 'argv.js']));
    expect(err).toContain('--bogus');
  });

  it('-c without a command', async () => {
    expectUsageError(await runPmdb(['-c']));
  });
});

describe('a script with a syntax error', () => {
  it("prints Node's own error (file:line, the line, a caret) and exits 1", async () => {
    const r = await runPmdb([fixture('syntax-error.js')], { input: 'q\n' });
    const plain = await runNode([fixture('syntax-error.js')]);
    expect(plain.code).toBe(1);
    expect(r.code).toBe(1);
    const err = r.stderr.toString();
    expect(err).toContain(`${fixture('syntax-error.js')}:3\n`);
    expect(err).toMatch(/\n\s*\^+\n/);
    expect(err).toContain('SyntaxError: ');
    expect(err).not.toContain(CLI);
    // Exactly what plain node prints.
    expect(err).toBe(plain.stderr.toString());
    expect(r.stdout.toString()).not.toContain('(Pmdb)');
  });
});

describe('a debuggee killed while stopped', () => {
  it('the next command prints one clear line and the session goes on, without a pmdb stack trace', async () => {
    const { s } = await startAtFirstLine('argv.js');
    const pid = Number((await s.run('p process.pid')).trim());
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(s.pid);
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    s.send('p 1');
    const out = await s.expect(/\(Pmdb\) /);
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain('dist/');
    expect(out).not.toMatch(/^1$/m);
    const messages = out.split('\n').filter((l) => l.startsWith('*** ') || l.startsWith('pmdb: '));
    expect(messages, out).toHaveLength(1);
    expect(messages[0]).toMatch(/no longer running|killed|exited|terminated/i);
    // The session still works (after a restart if pmdb chose one).
    const after = await s.run('p 6 * 7');
    expect(after).toBe('42\n');
    expect(s.exitCode).toBeUndefined();
  });
});

describe('hostile values', () => {
  it('an escaping error whose message getter throws, and a throwing Proxy: one line each, session intact', async () => {
    const { s, head } = await runToPrompt('hostile-error.js');
    expect(head).toContain('Error: <exception str() failed>\n');
    expect(head).toContain(`> ${fixture('hostile-error.js')}(7)f()\n`);
    // `p` prints what the program's own util.inspect makes of it, or the one line it raised.
    expect(await s.run('p e')).toBe(INSPECT_SURVIVES_THROWING_MESSAGE ? '[object Error]\n' : '*** Error: no message for you\n');
    expect(await s.run('p trap.x')).toBe('*** Error: trap\n');
    expect(await s.run('p 1 + 1')).toBe('2\n');
  });
});
