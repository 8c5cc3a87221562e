// Names the compiler renamed: esbuild (tsx) renames a local that shadows an outer name (`items`
// -> `items2`), and V8's scopes hold the renamed ones. Every name pmdb shows or takes is the
// source's, with the source's scoping: the block's `label` hides the parameter, which hides the
// module's. Each fixture prints how its function was compiled: these tests fail if nothing was
// renamed (Node's own type stripping, for one, renames nothing).
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { LINE_EDITING, startSession, type PtySession } from '../helpers/pty-session.js';
import { runPmdb } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import type { Dump } from '../../src/dump/format.js';

useSessions();

const COMPILED = /compiled as function sum\(items2, ?label2\)\n/;
const at = (file: string, line: number, name: string, source: string) => `> ${path.isAbsolute(file) ? file : fixture(file)}(${line})${name}()\n-> ${source}\n`;

/**
 * `up` to the module's frame. An ES module entry's frame is named `<anonymous>` on Node >= 22
 * (paths.test.ts's module-vars.mts fails there for it): the entry's business, not this test's.
 */
async function upToModule(s: PtySession, file: string): Promise<void> {
  const out = await s.run('up');
  expect(file.endsWith('.mts') ? out.replace(')<anonymous>()', ')<module>()') : out).toBe(at(file, 18, '<module>', "sum([5, 6, 7], 'second');"));
}

/** The fixture as an ES module and as CommonJS by its extension: each is compiled as such. */
const copies = mkdtempSync(path.join(tmpdir(), 'pmdb-renamed-'));
for (const ext of ['mts', 'cts']) copyFileSync(fixture('shadow-names.ts'), path.join(copies, `shadow-names.${ext}`));
afterAll(() => rmSync(copies, { recursive: true, force: true }));

for (const file of [fixture('shadow-names.ts'), path.join(copies, 'shadow-names.mts'), path.join(copies, 'shadow-names.cts')]) {
  const SUM = at(file, 12, 'sum', 'throw new RangeError(label);');

  describe(`renamed locals in ${path.basename(file)}`, () => {
    it('args, p, whatis and display show and take the source names, innermost scope first', async () => {
      const { s, head } = await runToPrompt(file);
      expect(head).toMatch(COMPILED);
      expect(head).toContain(SUM);
      expect(await s.run('args')).toBe("items = [ 5, 6, 7 ]\nlabel = 'second'\n");
      expect(await s.run('p items')).toBe('[ 5, 6, 7 ]\n');
      expect(await s.run('p total')).toBe('18\n');
      expect(await s.run('p label')).toBe("'18 > 10'\n");
      expect(await s.run('pp ({ items, total })')).toBe('{ items: [ 5, 6, 7 ], total: 18 }\n');
      expect(await s.run('p items.map((items) => items * total)')).toBe('[ 90, 108, 126 ]\n');
      expect(await s.run('whatis total')).toBe('number\n');
      // The compiler's names are no names of the source's.
      expect(await s.run('p items2')).toBe('*** ReferenceError: items2 is not defined\n');
      expect(await s.run('p total2')).toBe('*** ReferenceError: total2 is not defined\n');
      expect(await s.run('display total')).toBe('display total: 18\n');
      await upToModule(s, file);
      expect(await s.run('p [items, label, total]')).toBe("[ [ 1, 2, 3 ], 'module', 3 ]\n");
      expect(await s.run('args')).toBe('');
    });

    it('assignments change the variable the source names, and the program sees them', async () => {
      const { s } = await runToPrompt(file);
      expect(await s.run('total = 1')).toBe('1\n');
      expect(await s.run('!total += 1; items.push(total); label = "set"')).toBe("'set'\n");
      expect(await s.run('p [items, total, label]')).toBe("[ [ 5, 6, 7, 2 ], 2, 'set' ]\n");
      // V8 has them under its own names: the frame's variables changed, not copies.
      expect(await s.run('p typeof total2')).toBe('*** ReferenceError: total2 is not defined\n');
      await upToModule(s, file);
      expect(await s.run('p [items, total]')).toBe('[ [ 1, 2, 3 ], 3 ]\n');
      expect(await s.run('down')).toBe(SUM);
      expect(await s.run('p total')).toBe('2\n');
    });

    it('a breakpoint condition reads the variables the source names where it stands', async () => {
      const { s } = await startAtFirstLine(file);
      // Compiled into the code, where the function's `total` and `label` are `total2`, `label2`.
      expect(await s.run(`b 10, JSON.stringify({ total, label }) == '{"total":18,"label":"second"}'`)).toBe(`Breakpoint 1 at ${file}:10\n`);
      expect(await s.run('c')).toContain(at(file, 10, 'sum', 'if (total > 10) {'));
      expect(await s.run('p [items, label, total]')).toBe("[ [ 5, 6, 7 ], 'second', 18 ]\n");
    });

    it('completion offers the source names; interact and extract take them', async () => {
      const { s } = await runToPrompt(file, LINE_EDITING);
      s.sendRaw('p tot');
      await s.expect('p tot');
      s.sendRaw('\t');
      await s.expect('al');
      s.sendRaw(' + 1\r');
      expect(await s.prompt()).toMatch(/^ \+ 1\r?\n19\n$/);
      s.send('interact');
      await s.expect('>>> ');
      s.send('total += items.length');
      expect(await s.expect('>>> ')).toContain('21');
      s.send('.exit');
      await s.prompt();
      expect(await s.run('p total')).toBe('21\n');
      expect(await s.run('extract')).toBe('Extracted: label, items, total\n');
      expect(await s.run('extract items label')).toBe('Extracted: items, label\n');
      expect(await s.run('extract items2')).toBe('*** ReferenceError: items2 is not defined\n');
    });
  });
}

describe('renamed locals beside module variables the function does not capture', () => {
  it('one expression reads and assigns both, each in its own frame', async () => {
    const { s } = await runToPrompt('shadow-names.ts');
    // `sum` is the module's, which V8 keeps only in the module's frame; `total` and `label` are
    // the function's, which V8 calls `total2` and `label3`.
    expect(await s.run('p [total, sum.name, label]')).toBe("[ 18, 'sum', '18 > 10' ]\n");
    expect(await s.run('!total = sum.length; label = sum.name')).toBe("'sum'\n");
    expect(await s.run('p [total, label]')).toBe("[ 2, 'sum' ]\n");
    await upToModule(s, fixture('shadow-names.ts'));
    expect(await s.run('p [total, label, sum.name]')).toBe("[ 3, 'module', 'sum' ]\n");
  });
});

describe('renamed locals on a dump', () => {
  it('pmdb open shows and takes the source names', async () => {
    const dir = freshDir();
    const r = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, '--require', 'tsx/cjs', 'shadow-names.ts']);
    expect(r.stdout.toString()).toMatch(COMPILED);
    const [dump] = dumpsIn(dir);
    const kept = (JSON.parse(readFileSync(dump!, 'utf8')) as Dump).frames.flatMap((f) => [...f.args, ...f.scopes.flatMap((scope) => scope.variables.map(([name]) => name))]);
    expect(kept.filter((name) => /\d$/.test(name))).toEqual([]);
    const s = startSession(['open', dump!]);
    expect(await s.prompt()).toContain(at('shadow-names.ts', 12, 'sum', 'throw new RangeError(label);'));
    expect(await s.run('args')).toBe("items = [ 5, 6, 7 ]\nlabel = 'second'\n");
    expect(await s.run('p [items, label, total]')).toBe("[ [ 5, 6, 7 ], '18 > 10', 18 ]\n");
    expect(await s.run('p items2')).toBe('*** ReferenceError: items2 is not defined\n');
    expect(await s.run('up')).toBe(at('shadow-names.ts', 18, '<module>', "sum([5, 6, 7], 'second');"));
    expect(await s.run('p [items, label, total]')).toBe("[ [ 1, 2, 3 ], 'module', 3 ]\n");
  });
});

describe('renamed locals in frames kept at a rejection', () => {
  it('the snapshot shows and takes the source names', async () => {
    const { s, head } = await runToPrompt('shadow-names-reject.ts');
    expect(head).toContain('compiled as function check(items2)\n');
    expect(head).toContain(at('shadow-names-reject.ts', 6, 'check', 'return Promise.reject(new RangeError(`${total} items`));'));
    expect(await s.run('args')).toBe("items = [ 'a', 'b' ]\n");
    expect(await s.run('p [items, total]')).toBe("[ [ 'a', 'b' ], 2 ]\n");
    expect(await s.run('p items2')).toBe('*** ReferenceError: items2 is not defined\n');
    expect(await s.run('up')).toBe(at('shadow-names-reject.ts', 9, '<module>', "const total = check(['a', 'b']);"));
    expect(await s.run('p items')).toBe("[ 'module' ]\n");
  });
});

describe('a source map that names one variable two ways', () => {
  it('keeps V8\'s name for it, and says it cannot tell which variable the source names mean', async () => {
    const { s } = await runToPrompt('unsure-names.js');
    expect(await s.run('args')).toBe('a2 = 1\n');
    const unsure = (name: string) => `*** pmdb cannot tell which variable ${name} is here: the compiler renamed a2, and its source map names it first and second\n`;
    expect(await s.run('p first')).toBe(unsure('first'));
    expect(await s.run('p second + b')).toBe(unsure('second'));
    expect(await s.run('p [a2, b]')).toBe('[ 1, 2 ]\n');
  });
});

describe('args of top-level code', () => {
  it('are none, though a comment before the code has a name in parentheses', async () => {
    const { s } = await runToPrompt('module-args.js');
    expect(await s.run('args')).toBe("reason = 'no 1'\n");
    expect(await s.run('up')).toBe(at('module-args.js', 6, '<module>', 'fail(`no ${data.length}`);'));
    expect(await s.run('args')).toBe('');
  });
});
