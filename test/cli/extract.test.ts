// `extract [names]`: the frame's variables copied into the session, usable by name from any
// frame, in interact, after the program moves on or restarts, and on a dump.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { LINE_EDITING } from '../helpers/pty-session.js';
import { openCrashDump, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const ALL_OF_WALK = 'Extracted: steps, label, xs, node, sensor, scale, limit, walk\n';
const location = (file: string, line: number, name: string, source: string) => `> ${fixture(file)}(${line})${name}()\n-> ${source}\n`;
const MAIN = location('extract-crash.js', 19, 'main', 'return walk(steps) + node;');
const MODULE = location('extract-crash.js', 22, '<module>', 'main();');

describe('extract at a post-mortem stop', () => {
  it('copies every variable of the frame; other frames see those they do not define themselves', async () => {
    const { s } = await runToPrompt('extract-crash.js');
    expect(await s.run('extract')).toBe(ALL_OF_WALK);
    expect(await s.run('up')).toBe(MAIN);
    expect(await s.run('p xs')).toBe('[ 1, -4, 9 ]\n');
    // A name the frame has is the frame's: main's own node, the module's label (main does not
    // capture it: found in the module's frame, as `p label` finds it without extract).
    expect(await s.run('p node')).toBe("'main node'\n");
    expect(await s.run('p label')).toBe("'module'\n");
    // Copies and the program's values in one expression.
    expect(await s.run('p steps.concat(xs)')).toBe('[ 1, -2, 3, 1, -4, 9 ]\n');
    expect(await s.run('up')).toBe(MODULE);
    expect(await s.run('p [node.name, label, typeof scale]')).toBe("[ 'root', 'module', 'function' ]\n");
  });

  it("in a CommonJS module's frame: the module's variables, not the wrapper's require, module, exports, __filename, __dirname", async () => {
    const { s } = await runToPrompt('extract-crash.js');
    expect(await s.run('up 2')).toBe(MODULE);
    expect(await s.run('extract')).toBe('Extracted: limit, label, walk, main\n');
    expect(await s.run('extract module __dirname')).toBe('Extracted: module, __dirname\n');
  });

  it('a cycle and a throwing getter copy without error; a copied function says it cannot be called', async () => {
    const { s } = await runToPrompt('extract-crash.js');
    expect(await s.run('extract node sensor scale')).toBe('Extracted: node, sensor, scale\n');
    expect(await s.run('up 2')).toBe(MODULE);
    expect(await s.run('p node.self.self === node')).toBe('true\n');
    expect(await s.run('p sensor')).toBe("{ id: 7, reading: '<getter: not run when extracted>' }\n");
    expect(await s.run('whatis scale')).toBe('Function scale\n');
    expect(await s.run('source scale')).toBe('(x) => x * 2\n');
    expect(await s.run('p scale(2)')).toBe('*** TypeError: scale is an extracted copy: functions cannot be called\n');
  });

  it('by name: an unknown name is one line, the others are still extracted; bad input is one line', async () => {
    const { s } = await runToPrompt('extract-crash.js');
    expect(await s.run('extract xs nope')).toBe('*** ReferenceError: nope is not defined\nExtracted: xs\n');
    expect(await s.run('extract nope')).toBe('*** ReferenceError: nope is not defined\n');
    expect(await s.run('extract xs.length')).toBe('*** extract takes variable names: xs.length is not one\n');
    await s.run('up');
    expect(await s.run('p xs')).toBe('[ 1, -4, 9 ]\n');
    expect(await s.run('p sensor')).toBe('*** ReferenceError: sensor is not defined\n');
  });

  it('extracting a name again replaces its copy, also at the same stop', async () => {
    const { s } = await runToPrompt('extract-crash.js');
    await s.run('extract node');
    await s.run('up 2');
    expect(await s.run('p node.name')).toBe("'root'\n");
    await s.run('down');
    expect(await s.run('extract node')).toBe('Extracted: node\n');
    await s.run('up');
    expect(await s.run('p node')).toBe("'main node'\n");
  });

  it('the copies survive restart and the program running again, which never sees them', async () => {
    const { s } = await runToPrompt('extract-crash.js');
    await s.run('extract xs node');
    expect(await s.run('restart')).toContain(location('extract-crash.js', 3, '<module>', 'const limit = 100;'));
    expect(await s.run('p [xs, node.name]')).toBe("[ [ 1, -4, 9 ], 'root' ]\n");
    // At the next crash the frame's own xs wins, and the copy is not even bound.
    expect(await s.run('c')).toContain("TypeError: Cannot read properties of undefined (reading 'toFixed')");
    expect(await s.run('xs.push(4); xs')).toBe('[ 1, -4, 9, 4 ]\n');
    expect(await s.run('p typeof globalThis.xs')).toBe("'undefined'\n");
    await s.run('up 2');
    expect(await s.run('p xs')).toBe('[ 1, -4, 9 ]\n');
    // The copy is a global only while an expression that names it runs.
    expect(await s.run("p Object.getOwnPropertyNames(globalThis).includes('x' + 's')")).toBe('false\n');
  });

  it('in interact, with completion of the copied names', async () => {
    const { s } = await runToPrompt('extract-crash.js', LINE_EDITING);
    await s.run('extract');
    await s.run('up');
    s.send('interact');
    await s.expect('>>> ');
    s.send('xs.map((x) => x * 10)');
    expect(await s.expect('>>> ')).toContain('[ 10, -40, 90 ]');
    s.sendRaw('sens\t');
    await s.expect('sensor');
    s.sendRaw('.id\r');
    expect(await s.expect('>>> ')).toContain('7');
    s.send('.exit');
    await s.prompt();
  });

  it('TypeScript: class instances and Maps keep their shape', async () => {
    const { s } = await runToPrompt('extract-crash.ts');
    // esbuild's helpers (__name...) are not the program's variables.
    expect(await s.run('extract')).toBe('Extracted: sensor, values, byAt, index\n');
    expect(await s.run('up')).toBe(location('extract-crash.ts', 26, '<module>', 'firstPositive(walk);'));
    expect(await s.run('p values')).toBe('[ -1, -2.5 ]\n');
    expect(await s.run('p byAt')).toBe('Map(2) { 0 => -1, 1 => -2.5 }\n');
    expect(await s.run('whatis sensor')).toBe('Sensor\n');
    expect(await s.run('p sensor.readings.length === walk.readings.length && sensor !== walk')).toBe('true\n');
  });
});

describe('extract at a breakpoint', () => {
  it('keeps the values as they were while the program moves on', async () => {
    const { s } = await startAtFirstLine('bp-loop.js');
    await s.run('b 4');
    await s.run('c');
    expect(await s.run('extract')).toBe('Extracted: x, y\n');
    await s.run('c');
    expect(await s.run('p [x, y]')).toBe('[ 1, 1 ]\n');
    await s.run('up');
    expect(await s.run('p [x, y, total]')).toBe('[ 0, 0, 0 ]\n');
    await s.run('c');
    await s.run('up');
    expect(await s.run('p [x, y, total]')).toBe('[ 0, 0, 1 ]\n');
  });
});

describe('extract on a dump', () => {
  it('works as on the live program', async () => {
    const { s } = await openCrashDump('extract-crash.js');
    expect(await s.run('extract')).toBe(ALL_OF_WALK);
    expect(await s.run('up')).toBe(MAIN);
    expect(await s.run('p [xs, node]')).toBe("[ [ 1, -4, 9 ], 'main node' ]\n");
    expect(await s.run('p label')).toBe("'module'\n");
    expect(await s.run('extract zz steps')).toBe('*** ReferenceError: zz is not defined\nExtracted: steps\n');
    expect(await s.run('up')).toBe(MODULE);
    expect(await s.run('p node.self === node')).toBe('true\n');
    expect(await s.run('p sensor')).toBe("{ id: 7, reading: '<getter: not run when the dump was taken>' }\n");
    expect(await s.run('p scale(1)')).toBe('*** TypeError: scale comes from a dump: functions cannot be called\n');
    expect(await s.run('source scale')).toBe('(x) => x * 2\n');
  });
});

describe('help', () => {
  it('describes extract', async () => {
    const { s } = await startAtFirstLine('step.js');
    expect(await s.run('help extract')).toMatch(/^extract \[name \.\.\.\]\n {8}Copy the current frame's variables/);
  });
});
