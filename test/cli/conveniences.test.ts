// Convenience variables ($_frame, $_retval, $_exception, $name = value) and display, JS and TS.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

describe('convenience variables', () => {
  it('$name = value lives until the program resumes; $_frame and $_retval describe the stop', async () => {
    const { s } = await startAtFirstLine('calls.js');
    await s.run('n');
    await s.run('n');
    await s.run('s');
    expect(await s.run('$n = n * 10')).toBe('210\n');
    expect(await s.run('p $n + 1')).toBe('211\n');
    // Strings, templates and properties named $n are left alone.
    expect(await s.run('p "$n" + `${$n}` + JSON.stringify({ $n: 1 }.$n)')).toBe("'$n2101'\n");
    expect(await s.run('p [$_frame.name, $_frame.line]')).toBe("[ 'double', 3 ]\n");
    expect(await s.run('p $_retval')).toBe('*** ReferenceError: $_retval is not defined\n');
    await s.run('r');
    expect(await s.run('p $_retval * 2')).toBe('84\n');
    expect(await s.run('p $n')).toBe('*** ReferenceError: $n is not defined\n');
    // The program's globals never see pmdb's holder.
    expect(await s.run('p Object.getOwnPropertySymbols(globalThis).length')).toBe('1\n');
  });

  it('$_exception is the escaped error; a program variable named $x stays the program\'s', async () => {
    const { s } = await runToPrompt('calls.js');
    expect(await s.run('p $_exception.name')).toBe("'SyntaxError'\n");
    expect(await s.run('globalThis.$own = 5')).toBe('5\n');
    expect(await s.run('$own = 6')).toBe('6\n');
    expect(await s.run('p globalThis.$own')).toBe('6\n');
  });

  it('work in TypeScript frames, and display shows changes as pdb', async () => {
    const { s } = await startAtFirstLine('return-until.ts');
    await s.run('s');
    expect(await s.run('$first = items[0]')).toBe('{ price: 1 }\n');
    expect(await s.run('p $first.price + $_frame.line')).toBe('5\n');
    // `let total = 0` has not run yet: pdb says the name raises, and so does the program.
    const unset = "** raised ReferenceError: Cannot access 'total' before initialization **";
    expect(await s.run('display total')).toBe(`display total: ${unset}\n`);
    expect(await s.run('n')).toBe(`> ${fixture('return-until.ts')}(5)sum()\n-> for (const item of items) {\ndisplay total: 0  [old: ${unset}]\n`);
    expect(await s.run('n')).toBe(`> ${fixture('return-until.ts')}(6)sum()\n-> total += item.price;\n`);
    expect(await s.run('n')).toBe(`> ${fixture('return-until.ts')}(5)sum()\n-> for (const item of items) {\ndisplay total: 1  [old: 0]\n`);
  });
});
