// Scripts as users have them: paths with spaces, symlinks, shebangs, .cjs/.cts/.mts files, and
// module variables read from inside a function.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { runToPrompt, useSessions, UNCAUGHT } from '../helpers/sessions.js';
import { fixture } from '../helpers/paths.js';

useSessions();

describe('paths', () => {
  it('a script in a directory with spaces, started by a relative path, stops in the required .cjs module', async () => {
    const { s, head } = await runToPrompt('./dir with space/app.js', { args: ['a b', 'c'] });
    expect(head).toContain(UNCAUGHT);
    expect(head).toContain(`> ${fixture('dir with space/lib.cjs')}(3)shout()\n`);
    expect(await s.run('p words')).toBe("[ 'a b', 'c' ]\n");
    expect(await s.run('where')).toContain(`  ${fixture('dir with space/app.js')}(5)<module>()\n`);
  });

  it('a symlinked script runs as its real file, like node resolves it', async () => {
    const { head } = await runToPrompt('linked-app.js', { args: ['x'] });
    expect(head).toContain(`> ${path.join(path.dirname(fixture('linked-app.js')), 'dir with space', 'lib.cjs')}(3)shout()\n`);
  });
});

describe('module variables from an inner frame', () => {
  for (const [file, line] of [['module-vars.cts', 5], ['module-vars.mts', 4]] as const) {
    it(`${file}: a module binding no closure captures is still readable, as pdb reads globals`, async () => {
      const { s, head } = await runToPrompt(file);
      expect(head).toContain(`> ${fixture(file)}(${line})check()\n`);
      expect(await s.run('p limit')).toMatch(/^[34]\n$/);
      expect(await s.run('p nope')).toBe('*** ReferenceError: nope is not defined\n');
    });
  }
});

describe('a rejection with a non-Error reason', () => {
  it('stops on the snapshot taken at the rejection, with its frames and locals', async () => {
    const { s, head } = await runToPrompt('reject-number.js');
    expect(head).toContain('number: 42\n');
    expect(head).toContain(`> ${fixture('reject-number.js')}(5)check()\n`);
    expect(await s.run('p limit')).toBe('10\n');
    expect(await s.run('args')).toBe('v = 99\n');
  });
});
