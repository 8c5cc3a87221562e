// return / until / jump / retval, in JavaScript and TypeScript, through the real CLI.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { startSession } from '../helpers/pty-session.js';
import { startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const at = (file: string, line: number, fn: string, source: string, rv = ''): string =>
  `> ${fixture(file)}(${line})${fn}()${rv}\n-> ${source}\n`;

describe('until, return, retval', () => {
  it('until leaves a loop; return stops at the return with --Return-- and ->value (JavaScript)', async () => {
    const { s } = await startAtFirstLine('return-until.js');
    await s.run('s');
    await s.run('n');
    expect(await s.run('n')).toBe(at('return-until.js', 5, 'sum', 'total += n;'));
    expect(await s.run('until')).toBe(at('return-until.js', 7, 'sum', 'return total;'));
    expect(await s.run('retval')).toBe('*** Not yet returned!\n');
    expect(await s.run('r')).toBe(`--Return--\n${at('return-until.js', 7, 'sum', 'return total;', '->6')}`);
    expect(await s.run('rv')).toBe('6\n');
    expect(await s.run('where')).toBe(
      `  ${fixture('return-until.js')}(13)<module>()\n-> const s = sum([1, 2, 3]);\n${at('return-until.js', 7, 'sum', 'return total;', '->6')}`,
    );
    // At the return already: on to the caller, as pdb.
    expect(await s.run('r')).toBe(at('return-until.js', 14, '<module>', 'const t = twice(s);'));
  });

  it('until N runs to a later line; a smaller one is refused', async () => {
    const { s } = await startAtFirstLine('return-until.js');
    expect(await s.run('until 2')).toBe('*** "until" line number is smaller than current line number\n');
    expect(await s.run('until x')).toBe("*** Error in argument: 'x'\n");
    expect(await s.run('until 15')).toBe(at('return-until.js', 15, '<module>', 'console.log(`sum ${s} twice ${t}`);'));
    // Top-level code returns too, as pdb's <module> frame.
    expect(await s.run('r')).toBe(
      `sum 6 twice 12\n--Return--\n${at('return-until.js', 15, '<module>', 'console.log(`sum ${s} twice ${t}`);', '->undefined')}`,
    );
  });

  it('return from a TypeScript function shows TypeScript lines', async () => {
    const { s, head } = await startAtFirstLine('return-until.ts');
    // The first line is the first statement that runs, not esbuild's `__name(sum, "sum")`, which
    // its map puts on the declaration's line.
    expect(head.endsWith(at('return-until.ts', 14, '<module>', 'const s: number = sum([{ price: 1 }, { price: 2 }, { price: 3 }]);'))).toBe(true);
    expect(await s.run('s')).toBe(at('return-until.ts', 4, 'sum', 'let total = 0;'));
    expect(await s.run('until 8')).toBe(at('return-until.ts', 8, 'sum', 'return total;'));
    expect(await s.run('r')).toBe(`--Return--\n${at('return-until.ts', 9, 'sum', '}', '->6')}`);
  });
});

describe('return from an older frame', () => {
  it('up, then return, stops when that frame returns', async () => {
    const { s } = await startAtFirstLine('nested-return.js');
    await s.run('s');
    expect(await s.run('s')).toBe(at('nested-return.js', 3, 'inner', 'return x + 1;'));
    await s.run('up');
    expect(await s.run('r')).toBe(`--Return--\n${at('nested-return.js', 8, 'outer', 'return a + b;', '->5')}`);
  });
});

describe('jump', () => {
  it('says V8 cannot jump; to the first line of the function it restarts the frame', async () => {
    const { s } = await startAtFirstLine('return-until.js');
    await s.run('n');
    expect(await s.run('s')).toBe(at('return-until.js', 10, 'twice', 'const d = n * 2;'));
    expect(await s.run('n')).toBe(`--Return--\n${at('return-until.js', 11, 'twice', 'return d;', '->12')}`);
    expect(await s.run('j 10')).toBe(
      '*** jump is not possible in JavaScript: V8 cannot move the program counter\n(jump 9, the first line of twice(), restarts the function)\n',
    );
    expect(await s.run('jump')).toBe("*** The 'jump' command requires a line number\n");
    expect(await s.run('j 9')).toBe(
      `Restarting twice() at its first line: V8 cannot jump, it runs the function again (what it already did stays done)\n${at('return-until.js', 10, 'twice', 'const d = n * 2;')}`,
    );
    expect(await s.run('p n')).toBe('6\n');
    await s.run('up');
    expect(await s.run('j 9')).toBe('*** You can only jump within the bottom frame\n');
    expect(await s.run('debug twice(1)')).toBe(
      '*** debug is not possible in JavaScript: V8 does not stop in code evaluated while the program is paused\n(to step through a call, break in the called function and continue)\n',
    );
  });

  it('restarts a TypeScript function too', async () => {
    const { s } = await startAtFirstLine('return-until.ts');
    await s.run('until 15');
    expect(await s.run('s')).toBe(at('return-until.ts', 11, 'twice', 'const d: number = n * 2;'));
    expect(await s.run('j 10')).toContain(at('return-until.ts', 11, 'twice', 'const d: number = n * 2;'));
  });
});

describe('stepping skips installed packages', () => {
  it('with --no-skip, s stops inside the node_modules function', async () => {
    const s = startSession(['--no-skip', 'skip-app/main.js']);
    await s.prompt();
    await s.run('n');
    await s.run('n');
    expect(await s.run('s')).toBe(at('skip-app/node_modules/each-lib/index.js', 2, 'each', 'for (const item of items) fn(item);'));
  });

  it('s into a node_modules function lands in the user callback it calls; where still shows the package', async () => {
    const { s } = await startAtFirstLine('skip-app/main.js');
    await s.run('n');
    expect(await s.run('n')).toBe(at('skip-app/main.js', 4, '<module>', 'each([1, 2], (n) => {'));
    expect(await s.run('s')).toBe(at('skip-app/main.js', 5, '<anonymous>', 'sum += n;'));
    expect(await s.run('w')).toBe(
      `  ${fixture('skip-app/main.js')}(4)<module>()\n-> each([1, 2], (n) => {\n` +
        `  ${fixture('skip-app/node_modules/each-lib/index.js')}(2)each()\n-> for (const item of items) fn(item);\n` +
        at('skip-app/main.js', 5, '<anonymous>', 'sum += n;'),
    );
  });
});
