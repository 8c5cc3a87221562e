// A module's variables seen from the frames of its functions that do not capture them (V8 leaves
// them out of those frames' scopes), in any expression, live and on a dump, as pdb shows a
// module's globals from every frame.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { LINE_EDITING } from '../helpers/pty-session.js';
import { openCrashDump, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const INNER = `> ${fixture('module-vars-live.js')}(11)inner()\n-> return local + label.length;\n`;
const CRASH_MODULE = `> ${fixture('dump-crash.js')}(26)<module>()\n-> run(settings);\n`;

describe('module variables from an inner frame of a live program', () => {
  it('any expression sees them: the program\'s own values, which a call can change; the frame\'s names win', async () => {
    const { s } = await startAtFirstLine('module-vars-live.js');
    await s.run('b 11');
    expect(await s.run('c')).toBe(INNER);
    expect(await s.run('p edges.slice(0, 1)')).toBe('[ 1 ]\n');
    expect(await s.run('p [edges[0], count]')).toBe('[ 1, 0 ]\n');
    expect(await s.run('p edges.length + count')).toBe('2\n');
    expect(await s.run('p [label, local]')).toBe("[ 'inner', 2 ]\n");
    expect(await s.run('p ({ edges, count: "count" }).edges.map((edges) => typeof edges)')).toBe("[ 'number', 'number' ]\n");
    // As in the module's own code, its `crypto` hides the global one.
    expect(await s.run('p typeof crypto.createHash')).toBe("'function'\n");
    expect(await s.run('p nope')).toBe('*** ReferenceError: nope is not defined\n');
    expect(await s.run('p edges.push(3)')).toBe('3\n');
    expect(await s.run('p edges.length')).toBe('3\n');
    // An assignment is made in the module's frame: the program sees it.
    expect(await s.run('!count = 5')).toBe('5\n');
    expect(await s.run('p count')).toBe('5\n');
    expect(await s.run('display local + count')).toBe('display local + count: 7\n');
    expect(await s.run('c')).toBe(`edges 1,2,3 count 5 module object\n${INNER}display local + count: 9  [old: 7]\n`);
  });

  it('at a crash, and in interact', async () => {
    const { s } = await runToPrompt('dump-crash.js', LINE_EDITING);
    expect(await s.run('p edges.slice(0, 2)')).toBe('[ NaN, -0 ]\n');
    expect(await s.run('p [edges[0]]')).toBe('[ NaN ]\n');
    s.send('interact');
    await s.expect('>>> ');
    s.send('edges.length * samples.length');
    expect(await s.expect('>>> ')).toContain('20000');
    s.send('.exit');
    await s.prompt();
  });
});

describe('module variables from an inner frame of a dump', () => {
  it('any expression sees them; a call or an assignment changes the module frame\'s copy', async () => {
    const { s } = await openCrashDump('dump-crash.js');
    expect(await s.run('p edges.slice(0, 2)')).toBe('[ NaN, -0 ]\n');
    expect(await s.run('p [edges[0], edges.length]')).toBe('[ NaN, 4 ]\n');
    expect(await s.run('p edges.length * samples.length')).toBe('20000\n');
    expect(await s.run('p edges.push(1)')).toBe('5\n');
    expect(await s.run('!edges = [7]')).toBe('[ 7 ]\n');
    expect(await s.run('display edges.length')).toBe('display edges.length: 1\n');
    expect(await s.run('up 3')).toBe(CRASH_MODULE);
    expect(await s.run('p edges')).toBe('[ 7 ]\n');
  });
});
