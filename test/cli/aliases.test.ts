// alias / unalias with pdb's expansion, and ~/.pmdbrc then ./.pmdbrc before -c commands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { startSession } from '../helpers/pty-session.js';
import { startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmdb-rc-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('alias', () => {
  it('expands %1..%9 and %*, nests, keeps ;; and lists as name = command', async () => {
    const { s } = await startAtFirstLine('calls.js', { env: { HOME: tempDir({}) } });
    expect(await s.run('alias ps p %1.length;; p %1[0]')).toBe('');
    expect(await s.run('alias pa ps %*')).toBe('');
    expect(await s.run('ps "abc"')).toBe("3\n'a'\n");
    // Arguments are split at spaces, as pdb splits them.
    expect(await s.run('pa [7,8]')).toBe('2\n7\n');
    expect(await s.run('pa [7, 8]')).toBe("*** Too many arguments for alias 'ps'\n");
    expect(await s.run('alias')).toBe('pa = ps %*\nps = p %1.length;; p %1[0]\n');
    expect(await s.run('alias ps')).toBe('ps = p %1.length;; p %1[0]\n');
    expect(await s.run('ps')).toBe("*** Not enough arguments for alias 'ps'\n");
    expect(await s.run('ps "a" "b"')).toBe("*** Too many arguments for alias 'ps'\n");
    expect(await s.run('alias zz')).toBe("*** Unknown alias 'zz'\n");
    expect(await s.run('alias bad p %2')).toBe('*** Replaceable parameters must be consecutive\n');
    expect(await s.run('unalias ps')).toBe('');
    expect(await s.run('alias')).toBe('pa = ps %*\n');
    // An alias named like a command wins, as in pdb; one that names itself expands once.
    expect(await s.run('alias n p "not next"')).toBe('');
    expect(await s.run('n')).toBe("'not next'\n");
    expect(await s.run('alias loop loop')).toBe('');
    expect(await s.run('loop')).toBe('*** ReferenceError: loop is not defined\n');
  });
});

describe('.pmdbrc', () => {
  it('runs ~/.pmdbrc, then ./.pmdbrc, then -c commands, at the first stop', async () => {
    const home = tempDir({ '.pmdbrc': '# aliases for every project\n\nalias pn p n * 100\n' });
    const project = tempDir({ '.pmdbrc': `  # this project\nbreak ${fixture('calls.js')}:4\ncontinue\n` });
    const s = startSession(['-c', 'pn', fixture('calls.js')], { cwd: project, env: { HOME: home } });
    expect(await s.prompt()).toBe(
      `Breakpoint 1 at ${fixture('calls.js')}:4\n2100\n> ${fixture('calls.js')}(4)double()->42\n-> return result;\n`,
    );
  });
});
