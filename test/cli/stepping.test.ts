// The first stop, step/next from it, and what still works at a stop whose frames are not live.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { NOT_LIVE, UNCAUGHT, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const at = (file: string, line: number, fn: string): string => `> ${fixture(file)}(${line})${fn}()\n`;

describe('the first stop', () => {
  it('is the first statement the module executes, not the first line of a hoisted function', async () => {
    // deep-throw.js begins with three function declarations; the first executed statement is main() on line 14.
    const { head } = await startAtFirstLine('deep-throw.js');
    expect(head).toBe(`${at('deep-throw.js', 14, '<module>')}-> main();\n`);
  });

  it('next goes line by line, step enters the called function', async () => {
    const { s, head } = await startAtFirstLine('calls.js');
    expect(head).toBe(`${at('calls.js', 2, '<module>')}-> const double = (n) => {\n`);
    expect(await s.run('n')).toBe(`${at('calls.js', 6, '<module>')}-> const parse = (text) => JSON.parse(text);\n`);
    expect(await s.run('n')).toBe(`${at('calls.js', 7, '<module>')}-> const a = double(21);\n`);
    expect(await s.run('s')).toBe(`${at('calls.js', 3, 'double')}-> const result = n * 2;\n`);
    expect(await s.run('p n')).toBe('21\n');
  });

  it('next over a call that throws ends in the post-mortem stop of the throwing frame', async () => {
    const { s } = await startAtFirstLine('calls.js');
    await s.run('n');
    await s.run('n');
    expect(await s.run('n')).toBe(`${at('calls.js', 8, '<module>')}-> parse(\`{bad \${a}\`);\n`);
    const out = await s.run('n');
    expect(out).toContain(UNCAUGHT);
    expect(out.endsWith(`${at('calls.js', 6, 'parse')}-> const parse = (text) => JSON.parse(text);\n`)).toBe(true);
    expect(await s.run('p text')).toBe("'{bad 42'\n");
  });
});

describe('a stop whose frames are not live', () => {
  it('still lists the source of the current function with ll, and says why locals are missing', async () => {
    const { s, head } = await runToPrompt('stack-overflow.js');
    expect(head).toContain(NOT_LIVE);
    expect(await s.run('ll')).toBe(
      '  2  \tfunction recurse(depth) {\n  3  ->\t  return recurse(depth + 1) + 1;\n  4  \t}\n',
    );
    expect(await s.run('list 1,2')).toBe('  1  \t// Unbounded recursion: RangeError: Maximum call stack size exceeded.\n  2  \tfunction recurse(depth) {\n');
    // Globals can still be evaluated; the program is alive.
    expect(await s.run('p typeof process.pid')).toBe("'number'\n");
    const missing = await s.run('p depth');
    expect(missing).toMatch(/^\*\*\* /);
  });
});

describe('help', () => {
  it('every command in the help list has its own help', async () => {
    const { s } = await startAtFirstLine('argv.js');
    const list = await s.run('help');
    const names = list
      .split('\n')
      .slice(3)
      .join(' ')
      .split(/\s+/)
      .filter(Boolean);
    expect(names).toContain('where');
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const out = await s.run(`help ${name}`);
      expect(out, `help ${name}`).not.toMatch(/^\*\*\*/);
      expect(out.split('\n')[0], `help ${name}`).toMatch(/\S/);
    }
  });
});
