// setTrace() from the `pmdb` package and `debugger;` statements stop at the prompt; with
// PMDB_BREAKPOINT=0 they do not. JavaScript and TypeScript.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { FINISHED, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const at = (file: string, line: number, fn: string, source: string): string =>
  `> ${fixture(file)}(${line})${fn}()\n-> ${source}\n`;

describe.each([
  ['set-trace.mjs', 'let total = compute(4);'],
  ['set-trace.mts', 'let total: number = compute(4);'],
])('%s', (file, call) => {
  it('setTrace() stops in its caller; debugger; stops where it is', async () => {
    const { s } = await startAtFirstLine(file);
    expect(await s.run('c')).toBe(at(file, 6, 'compute', 'setTrace();'));
    expect(await s.run('p doubled')).toBe('8\n');
    expect(await s.run('w')).toBe(`  ${fixture(file)}(9)<module>()\n-> ${call}\n${at(file, 6, 'compute', 'setTrace();')}`);
    expect(await s.run('n')).toBe(at(file, 7, 'compute', 'return doubled + 1;'));
    expect(await s.run('c')).toBe(at(file, 10, '<module>', 'debugger;'));
    expect(await s.run('p total')).toBe('9\n');
  });

  it('PMDB_BREAKPOINT=0 turns both off', async () => {
    const { s } = await startAtFirstLine(file, { env: { PMDB_BREAKPOINT: '0' } });
    expect(await s.run('c')).toBe(`total 10\n${FINISHED}\n${at(file, 9, '<module>', call)}`);
  });
});
