// ES module entries run as written (no wrapper), and stop live at their throw through the entry
// window, exports or not, JavaScript or TypeScript, however deep: every frame is V8's own, so none
// is lost to the 10 frames of a stack text.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { NOT_LIVE, UNCAUGHT, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import { startSession } from '../helpers/pty-session.js';

useSessions();

/** Node runs a TypeScript file itself, stripping its types in place (unflagged since 22.18). */
const NODE_STRIPS_TYPES = Number(process.versions.node.split('.')[0]) >= 22;

describe.each([
  ['esm-exports-deep.mjs', 7, 12, 7],
  ['esm-exports-deep.mts', 10, 15, 8],
])('%s, an entry with exports failing 15 calls deep', (file, throwLine, callLine, id) => {
  it('stops live at the throw; where shows all 16 frames; up reaches every one, p reads its locals', async () => {
    const { s, head } = await runToPrompt(file);
    expect(head).toContain(`RangeError: order ${id} too deep at level 15\n${UNCAUGHT}\n`);
    expect(head).not.toContain(NOT_LIVE);
    const throwing = `${fixture(file)}(${throwLine})descend()\n-> if (level === LIMIT) throw new RangeError(\`order \${order.id} too deep at level \${level}\`);\n`;
    expect(head.endsWith(`> ${throwing}`)).toBe(true);
    expect(await s.run('p [level, depth]')).toBe('[ 15, 14 ]\n');
    const calling = `  ${fixture(file)}(${throwLine + 1})descend()\n-> return descend(order, level);\n`;
    expect(await s.run('where')).toBe(`  ${fixture(file)}(${callLine})<module>()\n-> descend(order, 0);\n${calling.repeat(14)}> ${throwing}`);
    await s.run('up 14');
    expect(await s.run('p level')).toBe('1\n');
    expect(await s.run('up')).toBe(`> ${fixture(file)}(${callLine})<module>()\n-> descend(order, 0);\n`);
    expect(await s.run('p [order, LIMIT]')).toBe(`[ { id: ${id} }, 15 ]\n`);
  });
});

describe.runIf(NODE_STRIPS_TYPES)('a TypeScript ES module entry that Node runs itself, under pmdb run', () => {
  it('stops live at the throw, in <module> below, every frame there', async () => {
    const file = 'esm-exports-deep.mts';
    const s = startSession(['run', '--', 'node', file]);
    const head = await s.prompt();
    expect(head).toContain(`> ${fixture(file)}(10)descend()\n`);
    expect(head).not.toContain(NOT_LIVE);
    expect(await s.run('p [level, order]')).toBe('[ 15, { id: 8 } ]\n');
    const where = await s.run('where');
    expect(where.startsWith(`  ${fixture(file)}(15)<module>()\n-> descend(order, 0);\n`)).toBe(true);
    expect(where.split('\n').filter((line) => line.includes(fixture(file)))).toHaveLength(16);
  });
});

describe('an ES module entry awaiting at its top level', () => {
  it('is the <module> frame among the awaiting callers, as in its traceback', async () => {
    const file = 'esm-batch.mjs';
    const { s, head } = await runToPrompt(file);
    const awaiting = `${fixture(file)}(9)<module>() [async]\n-> await main([{ amount: 4 }, { amount: 9 }]);\n`;
    expect(head).toContain(`  File "${fixture(file)}", line 9, in <module>\n`);
    expect(await s.run('where')).toBe(`  ${awaiting}> ${fixture(file)}(5)main()\n-> if (total > 10) throw new Error(\`total \${total} over the limit\`);\n`);
  });
});

describe('stepping in an ES module entry', () => {
  it('steps to the end of its top-level code, --Return-- in <module>, where the entry window closes', async () => {
    const file = 'set-trace.mjs';
    const { s } = await startAtFirstLine(file, { env: { PMDB_BREAKPOINT: '0' } });
    expect(await s.run('n')).toBe(`> ${fixture(file)}(10)<module>()\n-> debugger;\n`);
    expect(await s.run('n')).toBe(`> ${fixture(file)}(11)<module>()\n-> total += 1;\n`);
    expect(await s.run('n')).toBe(`> ${fixture(file)}(12)<module>()\n-> console.log(\`total \${total}\`);\n`);
    expect(await s.run('n')).toBe(`total 10\n--Return--\n> ${fixture(file)}(13)<module>()->undefined\n`);
  });
});
