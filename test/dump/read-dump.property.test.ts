// A property test of the dump loader: whatever a file holds (random bytes, random JSON, a real
// dump with parts replaced by anything), opening it either works or fails with DumpError, one
// line for the user, and the target built from what loads answers commands without throwing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readDump, DumpError } from '../../src/dump/read-dump.js';
import { DumpTarget } from '../../src/target/dump-target.js';
import type { Dump } from '../../src/dump/format.js';
import { seed, seedPlaces } from '../helpers/seed-dump.js';
import { TracebackException } from '../../src/traceback/index.js';
import { fuzzRuns, fuzzTimeout } from '../helpers/fuzz-runs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-fuzz-'));
let n = 0;
const fileWith = (content: string | Uint8Array) => {
  const file = path.join(dir, `f${n++}.pmdump`);
  writeFileSync(file, content);
  return file;
};

async function useTarget(dump: Dump): Promise<void> {
  const target = new DumpTarget(dump);
  for (let i = 0; i < target.frames.length; i++) {
    await target.variables(i, 'all');
    // Copies from this frame are seen from the next one.
    target.extracted.add((await target.extract(i, [])).extraction);
    await target.evaluate(i, 'n').then((v) => target.format(v, { pretty: true, colors: false }), () => undefined);
  }
  await target.exceptionChain();
  await target.sourceLines('/app/job.js');
  const record = await target.exceptionRecord();
  if (record) TracebackException.fromData(record).format({ colorize: false });
}

function openOrRefuse(file: string): Dump | undefined {
  try {
    return readDump(file);
  } catch (err) {
    expect(err).toBeInstanceOf(DumpError);
    expect((err as Error).message).not.toContain('\n');
    return undefined;
  }
}

/** Values made to hurt a reader: prototype names, extreme numbers, control characters, deep nesting. */
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '\x1b]0;pwned\x07', '\x9b2J', '', -1, 1e308, -1e308, 2 ** 53 + 2, 0.5, true, null, [], {}),
  fc.record({ t: fc.constantFrom('ref', 'string', 'number', 'bigint', 'symbol', 'redacted', 'unavailable', '__proto__'), id: fc.integer({ min: -2, max: 10 }), v: fc.jsonValue() }),
  fc.record({ kind: fc.constantFrom('object', 'array', 'map', 'set', 'function', 'error', 'date', 'regexp', 'typedarray', 'proxy', 'other'), className: fc.constantFrom('__proto__', 'constructor', 'Float64Array', 'BigInt64Array', 'X'), numbers: fc.constantFrom('1,2', 'NaN,-0', '', 'x,,1', '1e400'), items: fc.constant([{ t: 'ref', id: 1 }]) }),
);
/** Text nested `depth` deep, as JSON.stringify could not write it (its own recursion would overflow). */
const deeplyNested = fc.tuple(fc.integer({ min: 100, max: 30_000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

const HOLE = '\u0000hole';

/** The seed with the value at `place` replaced (or, with `key`, a key added beside it) by `text`, as JSON text. */
function mutated(place: string[], text: string, key?: string): string {
  const dump = structuredClone(seed) as unknown as Record<string, unknown>;
  let holder = dump;
  for (const k of place.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
  const last = place[place.length - 1];
  if (last === undefined) return text;
  // An own key of any name, __proto__ included, as JSON.parse would make it.
  Object.defineProperty(holder, key ?? last, { value: HOLE, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(dump).replace(JSON.stringify(HOLE), text);
}

describe('the dump loader never crashes', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void openOrRefuse(fileWith(bytes))), { numRuns: fuzzRuns(300, 100_000) });
  }, fuzzTimeout(fuzzRuns(300, 100_000), 2));

  it('on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void openOrRefuse(fileWith(JSON.stringify(value)))), { numRuns: fuzzRuns(300, 100_000) });
  }, fuzzTimeout(fuzzRuns(300, 100_000), 2));

  const mutations = fuzzRuns(1000, 100_000);
  it(`on a real dump with any part replaced by anything hostile, or a key of any name added (${mutations} cases), and what loads answers commands`, async () => {
    const text = fc.oneof({ weight: 4, arbitrary: hostileValue.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: deeplyNested });
    const key = fc.option(fc.constantFrom('__proto__', 'constructor', 'toString', 'then', 'prototype'), { freq: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seedPlaces), text, key, async (place, value, added) => {
        const loaded = openOrRefuse(fileWith(mutated(place, value, added ?? undefined)));
        if (loaded) await useTarget(loaded);
      }),
      { numRuns: mutations },
    );
  }, fuzzTimeout(mutations, 5));

  it('the seed itself loads and answers', async () => {
    const dump = openOrRefuse(fileWith(JSON.stringify(seed)))!;
    const target = new DumpTarget(dump);
    expect(await target.format(await target.evaluate(0, 'config.self === config'), { pretty: false, colors: false })).toBe('true');
  });

  it('numbers come back exact, NaN, -0 and the infinities included', async () => {
    const target = new DumpTarget(openOrRefuse(fileWith(JSON.stringify(seed)))!);
    const show = async (e: string) => target.format(await target.evaluate(0, e), { pretty: false, colors: false });
    expect(await show('samples')).toBe("[ 0.5, NaN, -0, 1e+21, -Infinity, '<truncated>': '7 more not kept' ]");
    expect(await show('floats')).toBe('Float32Array(2) [ 1.5, -0 ]');
  });

  it('a version 1 dump, its numbers a JSON array, still loads', async () => {
    const v1 = structuredClone(seed) as unknown as { version: number; objects: Record<string, { numbers?: unknown }> };
    v1.version = 1;
    v1.objects['3']!.numbers = [0.5, null, 2];
    v1.objects['4']!.numbers = [1.5];
    const target = new DumpTarget(openOrRefuse(fileWith(JSON.stringify(v1)))!);
    const show = async (e: string) => target.format(await target.evaluate(0, e), { pretty: false, colors: false });
    expect(await show('samples')).toBe("[ 0.5, 2, '<truncated>': '7 more not kept' ]");
    expect(await show('floats')).toBe('Float32Array(1) [ 1.5 ]');
  });
});
