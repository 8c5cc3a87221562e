// Scripts as users have them: paths with spaces, symlinks, shebangs, .cjs/.cts/.mts files, and
// module variables read from inside a function.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { runToPrompt, startAtFirstLine, useSessions, UNCAUGHT } from '../helpers/sessions.js';
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

  it('a script in a directory named with [ ] ^ |, which Node writes unencoded in a CommonJS URL: first line, breakpoint and crash stop', async () => {
    const file = fixture('dir [v2]^x|y/app.js');
    const { s, head } = await startAtFirstLine(file);
    expect(head).toBe(`> ${file}(6)<module>()\n-> console.log(total({ items: [1, 2], price: { amount: 3 } }));\n`);
    expect(await s.run('b 4')).toBe(`Breakpoint 1 at ${file}:4\n`);
    expect(await s.run('c')).toBe(`> ${file}(4)total()\n-> return count * order.price.amount;\n`);
    expect(await s.run('p count')).toBe('2\n');
    await s.run('cl 1');
    const crash = await s.run('c');
    expect(crash).toContain(UNCAUGHT);
    expect(crash).toContain(`> ${file}(4)total()\n`);
    expect(await s.run('p order')).toBe('{ items: [ 1 ] }\n');
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
