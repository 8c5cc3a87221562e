// Breakpoints: pdb's commands and messages, in JavaScript and in TypeScript lines, in files not
// loaded yet, across restarts; bad input leaves one `***` line and the session intact.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { FINISHED, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import type { PtySession } from '../helpers/pty-session.js';

useSessions();

const at = (file: string, line: number, fn: string, source: string): string =>
  `> ${fixture(file)}(${line})${fn}()\n-> ${source}\n`;
const bpAt = (n: number, file: string, line: number): string => `Breakpoint ${n} at ${fixture(file)}:${line}\n`;

/** Types a command list at the `(com) ` prompt; returns what follows the last `(com) ` (its echo). */
async function defineCommands(s: PtySession, command: string, lines: string[]): Promise<string> {
  s.send(command);
  for (const line of lines) {
    await s.expect('(com) ');
    s.send(line);
  }
  return s.prompt();
}

describe('break in JavaScript', () => {
  it('sets line, function and method breakpoints, stops at each, counts hits in the table', async () => {
    const { s, head } = await startAtFirstLine('bp-loop.js');
    expect(head).toBe(at('bp-loop.js', 7, '<module>', 'let total = 0;'));
    expect(await s.run('b')).toBe('');
    expect(await s.run('b 19')).toBe(bpAt(1, 'bp-loop.js', 19));
    expect(await s.run('b square')).toBe(bpAt(2, 'bp-loop.js', 2));
    expect(await s.run('b Inventory.ratio')).toBe(bpAt(3, 'bp-loop.js', 13));
    expect(await s.run('c')).toBe(at('bp-loop.js', 19, '<module>', 'total += square(i);'));
    expect(await s.run('p i')).toBe('0\n');
    // A function breakpoint stops at the function's first statement.
    expect(await s.run('c')).toBe(at('bp-loop.js', 3, 'square', 'const y = x * x;'));
    expect(await s.run('disable 1 2')).toBe(
      `Disabled breakpoint 1 at ${fixture('bp-loop.js')}:19\nDisabled breakpoint 2 at ${fixture('bp-loop.js')}:2\n`,
    );
    expect(await s.run('c')).toBe(at('bp-loop.js', 14, 'ratio', 'return this.items.length / 10;'));
    expect(await s.run('b')).toBe(
      'Num Type         Disp Enb   Where\n' +
        `1   breakpoint   keep no    at ${fixture('bp-loop.js')}:19\n\tbreakpoint already hit 1 time\n` +
        `2   breakpoint   keep no    at ${fixture('bp-loop.js')}:2\n\tbreakpoint already hit 1 time\n` +
        `3   breakpoint   keep yes   at ${fixture('bp-loop.js')}:13\n\tbreakpoint already hit 1 time\n`,
    );
  });

  it('binds a breakpoint in a file loaded later, and keeps every breakpoint across restart', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    expect(await s.run('b bp-later.js:3')).toBe(bpAt(1, 'bp-later.js', 3));
    expect(await s.run('c')).toBe(`ratio 0.3\n${at('bp-later.js', 3, 'exports.twice', 'const doubled = n * 2;')}`);
    expect(await s.run('p n')).toBe('30\n');
    expect(await s.run('restart')).toBe(
      `Restarting ${fixture('bp-loop.js')} with arguments:\n\t\n${at('bp-loop.js', 7, '<module>', 'let total = 0;')}`,
    );
    expect(await s.run('c')).toBe(`ratio 0.3\n${at('bp-later.js', 3, 'exports.twice', 'const doubled = n * 2;')}`);
    expect(await s.run('b')).toContain('\tbreakpoint already hit 2 times\n');
    expect(await s.run('c')).toBe(`total 30 60\n${FINISHED}\n${at('bp-loop.js', 7, '<module>', 'let total = 0;')}`);
  });

  it('tbreak deletes itself when hit; ignore and condition follow pdb', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    expect(await s.run('tbreak 19')).toBe(bpAt(1, 'bp-loop.js', 19));
    expect(await s.run('b 3, x >= 2')).toBe(bpAt(2, 'bp-loop.js', 3));
    expect(await s.run('ignore 2 1')).toBe('Will ignore next 1 crossing of breakpoint 2.\n');
    expect(await s.run('b')).toBe(
      'Num Type         Disp Enb   Where\n' +
        `1   breakpoint   del  yes   at ${fixture('bp-loop.js')}:19\n` +
        `2   breakpoint   keep yes   at ${fixture('bp-loop.js')}:3\n\tstop only if x >= 2\n\tignore next 1 hits\n`,
    );
    expect(await s.run('c')).toBe(
      `Deleted breakpoint 1 at ${fixture('bp-loop.js')}:19\n${at('bp-loop.js', 19, '<module>', 'total += square(i);')}`,
    );
    // x = 2 is ignored (the condition is true once before), x = 3 stops.
    expect(await s.run('c')).toBe(at('bp-loop.js', 3, 'square', 'const y = x * x;'));
    expect(await s.run('p x')).toBe('3\n');
    expect(await s.run('condition 2')).toBe('Breakpoint 2 is now unconditional.\n');
    expect(await s.run('ignore 2')).toBe('Will stop next time breakpoint 2 is reached.\n');
    expect(await s.run('c')).toBe(at('bp-loop.js', 3, 'square', 'const y = x * x;'));
    expect(await s.run('p x')).toBe('4\n');
    expect(await s.run('condition 2 x > 100')).toBe('New condition set for breakpoint 2.\n');
    expect(await s.run('b')).toBe(
      'Num Type         Disp Enb   Where\n' +
        `2   breakpoint   keep yes   at ${fixture('bp-loop.js')}:3\n\tstop only if x > 100\n\tbreakpoint already hit 3 times\n`,
    );
    expect(await s.run('c')).toBe(`ratio 0.3\ntotal 30 60\n${FINISHED}\n${at('bp-loop.js', 7, '<module>', 'let total = 0;')}`);
  });

  it('a condition that throws stops, as pdb treats an error in the condition as true', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    expect(await s.run('b 19, nosuch.field > 1')).toBe(bpAt(1, 'bp-loop.js', 19));
    expect(await s.run('c')).toBe(at('bp-loop.js', 19, '<module>', 'total += square(i);'));
  });

  it('commands run at the stop; silent drops the location line; a resuming command ends the list', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    await s.run('b 19');
    expect(await defineCommands(s, 'commands', ['p i * 10', 'end'])).toBe('end\n');
    await s.run('b square');
    expect(await defineCommands(s, 'commands 2', ['silent', 'p `square of ${x}`', 'continue'])).toBe('continue\n');
    expect(await s.run('c')).toBe(`0\n${at('bp-loop.js', 19, '<module>', 'total += square(i);')}`);
    // Breakpoint 2 prints and goes on; breakpoint 1 stops again for i = 1.
    expect(await s.run('c')).toBe(`'square of 0'\n10\n${at('bp-loop.js', 19, '<module>', 'total += square(i);')}`);
    expect(await s.run('p i')).toBe('1\n');
  });

  it('clear by number, by file:line, and all after confirming', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    await s.run('b 19');
    await s.run('b 3');
    await s.run('b 21');
    await s.run('b 22');
    expect(await s.run('cl 2')).toBe(`Deleted breakpoint 2 at ${fixture('bp-loop.js')}:3\n`);
    expect(await s.run('clear bp-loop.js:19')).toBe(`Deleted breakpoint 1 at ${fixture('bp-loop.js')}:19\n`);
    s.send('clear');
    await s.expect('Clear all breaks? ');
    expect(await s.run('y')).toBe(
      `Deleted breakpoint 3 at ${fixture('bp-loop.js')}:21\nDeleted breakpoint 4 at ${fixture('bp-loop.js')}:22\n`,
    );
    expect(await s.run('b')).toBe('');
    expect(await s.run('c')).toBe(`ratio 0.3\ntotal 30 60\n${FINISHED}\n${at('bp-loop.js', 7, '<module>', 'let total = 0;')}`);
  });

  it('bad input prints one *** line and the session goes on', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    const file = fixture('bp-loop.js');
    expect(await s.run('b nosuch.js:3')).toBe("*** 'nosuch.js' not found\n");
    expect(await s.run('b 99')).toBe(`*** Line ${file}:99 does not exist\n`);
    expect(await s.run('b bp-loop.js:x')).toBe('*** Bad lineno: x\n');
    expect(await s.run('b nosuchfn')).toBe("*** The specified object 'nosuchfn' is not a function or was not found.\n");
    expect(await s.run('b 19, i >')).toBe("*** Invalid condition 'i >': Unexpected token\n");
    expect(await s.run('b 19')).toBe(bpAt(1, 'bp-loop.js', 19));
    expect(await s.run('ignore 1 many')).toBe('*** Invalid count (many)\n');
    expect(await s.run('condition 1 i ===')).toBe("*** Invalid condition 'i ===': Unexpected token\n");
    expect(await s.run('disable 7')).toBe('*** Breakpoint number 7 out of range\n');
    expect(await s.run('enable x')).toBe('*** Non-numeric breakpoint number x\n');
    expect(await s.run('cl 1')).toBe(`Deleted breakpoint 1 at ${file}:19\n`);
    expect(await s.run('cl 1')).toBe('*** Breakpoint 1 already deleted\n');
    expect(await s.run('cl bp-loop.js:19')).toBe(`*** There are no breakpoints in ${file}\n`);
    expect(await s.run('commands 1')).toBe('*** cannot set commands: Breakpoint 1 already deleted\n');
    // Still at the first line: `let total = 0` has not run, and the program could not read it either.
    expect(await s.run('p total')).toBe("*** ReferenceError: Cannot access 'total' before initialization\n");
    expect(await s.run('p square(3)')).toBe('9\n');
  });
});

describe('break in TypeScript', () => {
  it('uses .ts lines: a line with no code moves to the next one, functions and methods by name', async () => {
    const { s } = await startAtFirstLine('bp-loop.ts');
    expect(await s.run('b 2')).toBe(`No code at line 2: breakpoint moved to line 7\n${bpAt(1, 'bp-loop.ts', 7)}`);
    // The class is not defined yet at the first line: found in the file by name, as pdb does.
    expect(await s.run('b Inventory.ratio')).toBe(bpAt(2, 'bp-loop.ts', 15));
    expect(await s.run('b 21, i === 3')).toBe(bpAt(3, 'bp-loop.ts', 21));
    expect(await s.run('c')).toBe(at('bp-loop.ts', 7, 'square', 'const y: number = x * x;'));
    expect(await s.run('disable 1')).toBe(`Disabled breakpoint 1 at ${fixture('bp-loop.ts')}:7\n`);
    expect(await s.run('c')).toBe(at('bp-loop.ts', 21, '<module>', 'total += square(i);'));
    expect(await s.run('p i')).toBe('3\n');
    expect(await s.run('c')).toBe(at('bp-loop.ts', 16, 'ratio', 'return this.items.length / 10;'));
  });

  it('a breakpoint in a .ts file not loaded yet binds when it loads, and again after restart', async () => {
    const { s } = await startAtFirstLine('bp-loop.ts');
    expect(await s.run('b bp-later-ts.ts:4')).toBe(
      `No code at line 4: breakpoint moved to line 5\n${bpAt(1, 'bp-later-ts.ts', 5)}`,
    );
    const stop = at('bp-later-ts.ts', 5, 'twice', 'const doubled: Num = n * 2;');
    expect(await s.run('c')).toBe(`ratio 0.2\n${stop}`);
    expect(await s.run('p n')).toBe('30\n');
    await s.run('restart');
    expect(await s.run('c')).toBe(`ratio 0.2\n${stop}`);
    expect(await s.run('b')).toBe(
      `Num Type         Disp Enb   Where\n1   breakpoint   keep yes   at ${fixture('bp-later-ts.ts')}:5\n\tbreakpoint already hit 2 times\n`,
    );
  });
});
