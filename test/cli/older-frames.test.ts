// Not-live stops rebuild their frames from the error's stack text, which V8 cuts at
// Error.stackTraceLimit (10): where the program had older frames, `where` and `up` say they were
// not kept instead of ending the list as if it were whole. The program's own error.stack stays
// as it is without pmdb (each fixture prints how many frames a sibling error's stack names).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { FS_PROMISE_ERRORS_NAME_NO_FRAME, FS_PROMISE_REJECTIONS_KEEP_CALLERS } from '../helpers/node-versions.js';
import { NOT_LIVE, openCrashDump, runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

const CUT = '  ... any older frames were not kept by V8 (stack trace limit 10)\n';
const OLDEST = '*** Oldest frame kept: any older frames were not kept by V8 (stack trace limit 10)\n';
const PROGRAM_SEES = 'error.stack frames: 10\n';

/** What the program prints about its own error.stack when run by plain node. */
function plainNodeOutput(file: string): string {
  try {
    return execFileSync(process.execPath, [fixture(file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
}

interface Kind {
  file: string;
  /** The innermost frame the stop shows, as `where` prints it. */
  innermost: string;
  skip?: boolean;
}

const kinds: Kind[] = [
  { file: 'deep-overflow.js', innermost: `${fixture('deep-overflow.js')}(4)recurse()` },
  { file: 'deep-worker-message.js', innermost: `${fixture('deep-worker-message-body.js')}(5)boom()` },
  // Node 26 gives this error an empty stack: no frame at all, which the stop says (crashes.test.ts).
  { file: 'deep-fs-reject.js', innermost: `${fixture('deep-fs-reject.js')}(4)boom() [async]`, skip: FS_PROMISE_ERRORS_NAME_NO_FRAME || FS_PROMISE_REJECTIONS_KEEP_CALLERS },
];

describe('not-live stops whose stack text V8 cut at Error.stackTraceLimit', () => {
  for (const kind of kinds) {
    it.skipIf(kind.skip)(`${kind.file}: where says older frames were not kept, up reaches the oldest kept; error.stack as without pmdb`, async () => {
      const { s, head } = await runToPrompt(kind.file);
      expect(head).toContain(`${NOT_LIVE}\n`);
      expect(head).toContain(PROGRAM_SEES);
      expect(plainNodeOutput(kind.file)).toContain(PROGRAM_SEES);
      const where = await s.run('where');
      expect(where.startsWith(CUT), where).toBe(true);
      expect(where).toContain(`> ${kind.innermost}\n`);
      // The line after the note is the oldest frame the stack text kept: `up` goes there, no further.
      const oldest = where.slice(CUT.length).split('\n')[0]!;
      expect(oldest).toMatch(/^  \S/);
      expect((await s.run('up 100')).startsWith(`> ${oldest.slice(2)}\n`)).toBe(true);
      expect(await s.run('up')).toBe(OLDEST);
    });
  }

  // Node's vm layer rethrows the error from C++ with the callers of vm still on the stack: pmdb
  // keeps their positions there, under the frames the stack text names.
  it('deep-vm-throw.js: a vm rethrow keeps every caller: where shows all 16 layers down to <module>; error.stack as without pmdb', async () => {
    const { s, head } = await runToPrompt('deep-vm-throw.js');
    expect(head).toContain(`${NOT_LIVE}\n`);
    expect(head).toContain(PROGRAM_SEES);
    expect(plainNodeOutput('deep-vm-throw.js')).toContain(PROGRAM_SEES);
    const where = await s.run('where');
    expect(where).not.toContain('older frames were not kept');
    const entries = where.split('\n').filter((line) => /^[ >] /.test(line));
    const layers = Array.from({ length: 16 }, (_, i) => `  ${fixture('deep-vm-throw.js')}(${20 - i})layer${i + 1}()`);
    expect(entries).toEqual([
      `  ${fixture('deep-vm-throw.js')}(22)<module>()`,
      ...layers,
      `  ${fixture('deep-vm-throw.js')}(4)boom()`,
      '  evalmachine.<anonymous>(1)<anonymous>()',
      '> evalmachine.<anonymous>(1)check()',
    ]);
    expect((await s.run('up 100')).startsWith(`> ${fixture('deep-vm-throw.js')}(22)<module>()\n`)).toBe(true);
    expect(await s.run('up')).toBe('*** Oldest frame\n');
  });

  it.skipIf(!FS_PROMISE_REJECTIONS_KEEP_CALLERS)('deep-fs-reject.js (Node 22, 24): an fs.promises rejection keeps every awaiting caller, down to layer1', async () => {
    const { s, head } = await runToPrompt('deep-fs-reject.js');
    expect(head).toContain(`${NOT_LIVE}\n`);
    expect(head).toContain(PROGRAM_SEES);
    const entries = (await s.run('where')).split('\n').filter((line) => /^[ >] /.test(line));
    const layers = Array.from({ length: 16 }, (_, i) => `  ${fixture('deep-fs-reject.js')}(${20 - i})layer${i + 1}() [async]`);
    expect(entries).toEqual([...layers, `> ${fixture('deep-fs-reject.js')}(4)boom() [async]`]);
    expect((await s.run('up 100')).startsWith(`> ${fixture('deep-fs-reject.js')}(20)layer1() [async]\n`)).toBe(true);
    expect(await s.run('up')).toBe('*** Oldest frame\n');
  });

  // A snapshot kept at a pause inside an async function resumed after an await also keeps the
  // callers awaiting it (by position): once its promise rejects they are gone.
  it('reject-after-await.js: a rejection snapshot keeps the callers awaiting the function, marked [async]', async () => {
    const { s, head } = await runToPrompt('reject-after-await.js');
    expect(head).toContain('the frames are a snapshot taken at the throw, not live');
    const entries = (await s.run('where')).split('\n').filter((line) => /^[ >] /.test(line));
    const at = (line: number, name: string) => `${fixture('reject-after-await.js')}(${line})${name}()`;
    expect(entries).toEqual([`  ${at(14, 'serve')} [async]`, `  ${at(11, 'route')} [async]`, `  ${at(8, 'handler')}`, `  ${at(4, 'lookup')}`, `> ${at(4, '<anonymous>')}`]);
    expect(await s.run('up')).toContain(`> ${at(4, 'lookup')}\n`);
    expect(await s.run('p id')).toBe('7\n');
  });

  // A snapshot reads the variables of its 50 innermost frames (reading every frame's can take
  // long); the older frames are kept too, by position.
  it('deep-reject-later.js: a snapshot 62 frames deep keeps every frame, down to <module>', async () => {
    const { s } = await runToPrompt('deep-reject-later.js');
    const where = await s.run('where');
    const entries = where.split('\n').filter((line) => /^[ >] /.test(line));
    expect(entries).toHaveLength(63);
    expect(entries[0]).toBe(`  ${fixture('deep-reject-later.js')}(7)<module>()`);
    expect(entries.filter((line) => line.endsWith('lookup()'))).toHaveLength(61);
    expect(await s.run('frame 5')).toContain('(4)lookup()');
    expect(await s.run('p depth')).toBe('4\n');
    expect((await s.run('up 100')).startsWith(`> ${fixture('deep-reject-later.js')}(7)<module>()\n`)).toBe(true);
    expect(await s.run('up')).toBe('*** Oldest frame\n');
  });

  it('a stack text V8 did not cut has no such line: where ends at the oldest frame, up says Oldest frame', async () => {
    const { s } = await runToPrompt('vm-sync-crash.js');
    const where = await s.run('where');
    expect(where).not.toContain('older frames were not kept');
    await s.run('up 100');
    expect(await s.run('up')).toBe('*** Oldest frame\n');
  });
});

describe('the dump of such a stop', () => {
  it('pmdb open of a deep stack overflow dump: where says older frames were not kept', async () => {
    const { s, head } = await openCrashDump('deep-overflow.js');
    expect(head).toContain('RangeError: Maximum call stack size exceeded');
    const where = await s.run('where');
    expect(where.startsWith(CUT), where).toBe(true);
    await s.run('up 100');
    expect(await s.run('up')).toBe(OLDEST);
  });
});
