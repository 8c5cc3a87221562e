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
import { TracebackException } from '../../src/traceback/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-fuzz-'));
let n = 0;
const fileWith = (content: string | Uint8Array) => {
  const file = path.join(dir, `f${n++}.pmdump`);
  writeFileSync(file, content);
  return file;
};

/** A small valid dump, the seed the mutations start from. */
const seed: Dump = {
  format: 'pmdb-dump',
  version: 2,
  createdAt: '2026-11-21T00:00:00.000Z',
  live: true,
  exception: { text: 'TypeError: boom', value: { t: 'ref', id: 1 }, record: { type: 'TypeError', message: 'boom', frames: [] } },
  frames: [
    {
      name: 'load', file: '/app/job.js', line: 2, column: 3, async: false, args: ['config'],
      scopes: [{ type: 'local', variables: [['config', { t: 'ref', id: 2 }], ['n', { t: 'number', v: 3 }], ['samples', { t: 'ref', id: 3 }], ['floats', { t: 'ref', id: 4 }]] }],
    },
  ],
  objects: {
    '1': { kind: 'error', className: 'TypeError', text: 'boom', properties: [['cause', { t: 'ref', id: 2 }]] },
    '2': { kind: 'object', className: 'Config', properties: [['self', { t: 'ref', id: 2 }], ['name', { t: 'string', v: 'x' }]] },
    '3': { kind: 'array', className: 'Array', numbers: '0.5,NaN,-0,1e+21,-Infinity', truncated: 7 },
    '4': { kind: 'typedarray', className: 'Float32Array', numbers: '1.5,-0' },
  },
  sources: { '/app/job.js': 'function load(config) {\n  return config.timeout.seconds;\n}\n' },
  process: { argv: ['node', '/app/job.js'], cwd: '/app', node: 'v20', platform: 'linux', pid: 1, memory: {}, env: {} },
  redacted: true,
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

describe('the dump loader never crashes', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void openOrRefuse(fileWith(bytes))), { numRuns: 200 });
  });

  it('on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void openOrRefuse(fileWith(JSON.stringify(value)))), { numRuns: 200 });
  });

  it('on a real dump with any part replaced by anything, and what loads answers commands', async () => {
    const paths = ['exception', 'exception.value', 'exception.record', 'exception.record.frames', 'frames', 'frames.0', 'frames.0.scopes', 'frames.0.scopes.0.variables.0',
      'frames.0.scopes.0.variables.0.1', 'objects', 'objects.1', 'objects.2.properties', 'objects.2.properties.0.1', 'objects.3.numbers', 'objects.4.numbers',
      'sources', 'process'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (where, value) => {
        const dump = structuredClone(seed) as unknown as Record<string, unknown>;
        const keys = where.split('.');
        let holder = dump as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
        holder[keys[keys.length - 1]!] = value;
        const loaded = openOrRefuse(fileWith(JSON.stringify(dump)));
        if (loaded) await useTarget(loaded);
      }),
      { numRuns: 300 },
    );
  });

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
