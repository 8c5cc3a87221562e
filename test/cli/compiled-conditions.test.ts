// Breakpoint conditions compiled into the program's code (engine/compiled-conditions.ts): they
// stop exactly where V8's conditions would, pmdb shows the program's own source and positions,
// and where V8 refuses the edit the condition falls back to V8's. PMDB_DEBUG says which way each
// breakpoint went; the speed itself is measured in bench/stepping.mjs.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { startAtFirstLine, useSessions, FINISHED } from '../helpers/sessions.js';
import { runProcess } from '../helpers/run-pipe.js';
import { CLI } from '../helpers/paths.js';

useSessions();

const at = (file: string, line: number, fn: string, source: string): string =>
  `> ${fixture(file)}(${line})${fn}()\n-> ${source}\n`;

/** pmdb fed `commands` through a pipe with PMDB_DEBUG on: its notes on how conditions were set. */
async function notes(script: string, commands: string[]): Promise<{ out: string; notes: string[] }> {
  const r = await runProcess(process.execPath, [CLI, script], { input: commands.join('\n') + '\n', env: { PMDB_DEBUG: '1' } });
  const lines = r.stderr.toString().split('\n');
  return { out: r.stdout.toString(), notes: lines.filter((l) => /pmdb-debug: breakpoint \d+: condition/.test(l)) };
}

describe('compiled conditions', () => {
  it('after a class declaration the first-line stop is not fresh: the condition is V8\'s, and the run keeps its output', async () => {
    const { out, notes: said } = await notes('cond-class.js', ['b 10, i === 1', 'c', 'p i', 'q']);
    expect(said).toEqual(["pmdb-debug: breakpoint 1: condition left to V8's condition"]);
    expect(out).toContain(`(Pmdb) i 0 1\n${at('cond-class.js', 10, '<module>', "console.log('i', i, counter.count);")}(Pmdb) 1\n`);
  });

  it('stop in a top-level loop of a script and of a module loaded later, with the program source', async () => {
    const { s } = await startAtFirstLine('cond-loop.js');
    expect(await s.run('b 4, i === 500')).toBe(`Breakpoint 1 at ${fixture('cond-loop.js')}:4\n`);
    expect(await s.run('b cond-lib.js:5, j === 7')).toBe(`Breakpoint 2 at ${fixture('cond-lib.js')}:5\n`);
    expect(await s.run('c')).toBe(at('cond-loop.js', 4, '<module>', 'x += i;'));
    expect(await s.run('p [i, x]')).toBe('[ 500, 124750 ]\n');
    // The listing is the file's, not the code V8 runs.
    expect(await s.run('l 4,4')).toBe('  4 B->\t  x += i;\n');
    expect(await s.run('n')).toBe(at('cond-loop.js', 3, '<module>', 'for (let i = 0; i < 1000; i++) {'));
    expect(await s.run('c')).toBe(at('cond-lib.js', 5, 'sum', 's += j;'));
    expect(await s.run('p j')).toBe('7\n');
    expect(await s.run('where')).toContain(`  ${fixture('cond-loop.js')}(7)<module>()\n-> console.log('sums', x, sum(20));\n`);
    expect(await s.run('b')).toContain(`1   breakpoint   keep yes   at ${fixture('cond-loop.js')}:4\n\tstop only if i === 500\n\tbreakpoint already hit 1 time\n`);
    // Across restart the conditions are compiled in again as the files load.
    expect(await s.run('c')).toBe(`sums 499500 190\n${FINISHED}\n${at('cond-loop.js', 2, '<module>', 'let x = 0;')}`);
    expect(await s.run('c')).toBe(at('cond-loop.js', 4, '<module>', 'x += i;'));
    expect(await s.run('p i')).toBe('500\n');
  });

  it('are compiled into the code, in JavaScript and TypeScript; an ES module top level stays with V8', async () => {
    const js = await notes('cond-loop.js', ['b 4, i === 500', 'b cond-lib.js:5, j === 7', 'c', 'p i', 'c', 'p j', 'q']);
    expect(js.notes).toEqual([
      'pmdb-debug: breakpoint 1: condition compiled into the code',
      'pmdb-debug: breakpoint 2: condition compiled into the code',
    ]);
    expect(js.out).toContain('(Pmdb) 500\n');
    expect(js.out).toContain('(Pmdb) 7\n');
    const ts = await notes('bp-loop.ts', ['b 21, i === 3', 'c', 'p i', 'q']);
    expect(ts.notes).toEqual(['pmdb-debug: breakpoint 1: condition compiled into the code']);
    expect(ts.out).toContain(`${at('bp-loop.ts', 21, '<module>', 'total += square(i);')}(Pmdb) 3\n`);
    const esm = await notes('cond-loop.mjs', ['b 4, i === 500', 'c', 'p i', 'q']);
    expect(esm.notes).toEqual(["pmdb-debug: breakpoint 1: condition left to V8's condition"]);
    expect(esm.out).toContain(`${at('cond-loop.mjs', 4, '<module>', 'x += i;')}(Pmdb) 500\n`);
  });

  it('follow disable and a changed condition while the loop is running', async () => {
    const { s } = await startAtFirstLine('cond-loop.js');
    await s.run('b cond-lib.js:5, j === 3');
    await s.run('b cond-lib.js:7');
    await s.run('c');
    expect(await s.run('p j')).toBe('3\n');
    // sum() is on the stack: V8 cannot take the code out again, pmdb ignores it from now on.
    expect(await s.run('condition 1 j === 11')).toBe('New condition set for breakpoint 1.\n');
    expect(await s.run('c')).toBe(at('cond-lib.js', 5, 'sum', 's += j;'));
    expect(await s.run('p j')).toBe('11\n');
    expect(await s.run('disable 1')).toBe(`Disabled breakpoint 1 at ${fixture('cond-lib.js')}:5\n`);
    expect(await s.run('c')).toBe(at('cond-lib.js', 7, 'sum', 'return s;'));
    expect(await s.run('p j')).toBe('*** ReferenceError: j is not defined\n');
  });

  it('stop when the condition throws, as pdb treats an error in the condition', async () => {
    const { s } = await startAtFirstLine('cond-loop.js');
    await s.run('b 4, nosuch.thing');
    expect(await s.run('c')).toBe(at('cond-loop.js', 4, '<module>', 'x += i;'));
    expect(await s.run('p i')).toBe('0\n');
    expect(await s.run('c')).toBe(at('cond-loop.js', 4, '<module>', 'x += i;'));
    expect(await s.run('p i')).toBe('1\n');
  });

  it("fall back to V8's condition where V8 refuses the edited code", async () => {
    const r = await notes('cond-static.js', ['b 7, arguments.length === 0', 'c', 'q']);
    expect(r.notes).toEqual(["pmdb-debug: breakpoint 1: condition left to V8's condition"]);
    expect(r.out).toContain(`${at('cond-static.js', 7, '<static_initializer>', 'hits += step;')}(Pmdb) `);
  });
});
