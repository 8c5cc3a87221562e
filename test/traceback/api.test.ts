// The API items not covered by the golden programs: raw walks, TracebackException's fields,
// internal frames, and deferred line lookup with clearCaches (in a child process, on a temp file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StackSummary, TracebackException, extractTb, formatException, walkStack, walkTb } from '../../src/traceback/index.js';
import { FIXTURES, runTsFixture } from './helpers/run-node.js';

function thrower(): never {
  throw new RangeError('deep');
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('walkStack and walkTb', () => {
  it('walk the current stack newest first, from the caller of `from`', function outer() {
    const inner = (): ReturnType<typeof walkStack> => walkStack();
    const [first, second] = inner();
    expect(first).toMatchObject({ name: 'inner', filename: expect.stringContaining('api.test.ts'), isMapped: false });
    expect(first!.lineno).toBeGreaterThan(0);
    expect(second!.name).toBe('outer');
    const fromItself = function helper(): string | undefined {
      return walkStack(helper).next().value?.name;
    };
    expect(fromItself()).toBe('outer');
  });

  it('walk a thrown error oldest first, ending where it was thrown', () => {
    const entries = [...walkTb(caught(thrower))];
    expect(entries.at(-1)!.name).toBe('thrower');
    expect(entries.at(-2)!.name).toBe('caught');
    expect([...walkTb('not an error')]).toEqual([]);
  });
});

describe('TracebackException', () => {
  it('fromException captures type, message, stack, cause and group members', () => {
    const group = new AggregateError([new TypeError('a'), new Error('b'), 'c'], 'several', { cause: caught(thrower) });
    const exc = TracebackException.fromException(group, { maxGroupWidth: 2 });
    expect(exc).toBeInstanceOf(TracebackException);
    expect([exc.excType, exc.message, exc.groupSize]).toEqual(['AggregateError', 'several', 3]);
    expect(exc.exceptions!.map((m) => m.excType)).toEqual(['TypeError', 'Error']);
    expect(exc.cause!.excType).toBe('RangeError');
    expect(exc.cause!.stack).toBeInstanceOf(StackSummary);
    expect(exc.cause!.stack.at(-1)!.name).toBe('thrower');
    expect(exc.format({ chain: false }).join('')).not.toContain('RangeError');
    expect(exc.format().join('')).toContain('The above exception was the direct cause of the following exception:');
  });

  it('accepts compact for parity without changing the output', () => {
    const error = caught(thrower);
    expect(new TracebackException(error, { compact: true }).format()).toEqual(new TracebackException(error).format());
  });

  it('limits frames from the outermost (positive) or innermost (negative) end', () => {
    const error = caught(thrower);
    const all = extractTb(error);
    expect(extractTb(error, { limit: 1 }).map(String)).toEqual(all.slice(0, 1).map(String));
    expect(extractTb(error, { limit: -1 }).map(String)).toEqual(all.slice(-1).map(String));
  });
});

describe('internal frames', () => {
  it('hides builtins such as Array.map unless showInternal is set', () => {
    const error = caught(() => [1].map(thrower));
    expect(extractTb(error).map((f) => f.name)).not.toContain('Array.map');
    expect(extractTb(error, { showInternal: true }).map((f) => f.name)).toContain('Array.map');
  });
});

describe('stack text', () => {
  it('reads a nameless awaiting caller (`at async file:line:col`) as a frame of its file', () => {
    const { stack, frames } = JSON.parse(runTsFixture('nameless-await.ts')) as {
      stack: string;
      frames: Array<{ name: string; filename: string; lineno: number }>;
    };
    expect(stack).toContain('\n    at async /virtual/awaiter.js:2:3\n');
    expect(frames.map((f) => f.filename)).not.toContainEqual(expect.stringMatching(/^async /));
    expect(frames.slice(-2)).toEqual([
      { name: '<anonymous>', filename: '/virtual/awaiter.js', lineno: 2 },
      { name: 'failsLater', filename: FIXTURES + 'nameless-await.ts', lineno: 9 },
    ]);
  });
});

describe('line lookup', () => {
  it('reads lines at extraction unless lookupLines is false; clearCaches forgets the old text', () => {
    expect(JSON.parse(runTsFixture('line-lookup.ts'))).toEqual({
      eager: 'throw new Error("version 1");',
      deferredBeforeClear: 'throw new Error("version 1");',
      deferredAfterClear: 'throw new Error("version 2"); // edited',
    });
  });
});

describe('minified code', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-minified-'));
  const filler = (n: number): string => Array.from({ length: n }, (_, i) => `var v${i}=${i};`).join('');
  /** The source and caret lines printed for a one-line bundle with `n` statements either side. */
  function shown(n: number): [string, string] {
    const file = path.join(dir, `bundle-${n}.min.js`);
    writeFileSync(file, `${filler(n)}module.exports=function(o){return o.config.port};${filler(n)}\n`);
    const read = createRequire(import.meta.url)(file) as (o: object) => unknown;
    const lines = formatException(caught(() => read({}))).join('').split('\n');
    const at = lines.findIndex((l) => l.includes(path.basename(file)));
    return [lines[at + 1]!, lines[at + 2]!];
  }

  it('shows a window of a long line around the failing expression, with its carets', () => {
    const [source, carets] = shown(60);
    expect(source.length).toBeLessThan(200);
    expect(source).toMatch(/^ {4}….*return o\.config\.port.*…$/);
    expect(carets.trim()).toBe('~~~~~~~~^^^^^');
    expect(source.indexOf('o.config.port')).toBe(carets.indexOf('~'));
  });

  it('shows a window of a line too long to parse, without carets', () => {
    const [source, next] = shown(600);
    expect(source.length).toBeLessThan(200);
    expect(source).toMatch(/^ {4}….*return o\.config\.port.*…$/);
    expect(next).toMatch(/^TypeError: /);
  });
});
