// A small valid dump written by hand: the seed that dump tests mutate into damaged and hostile ones.
import type { Dump } from '../../src/dump/format.js';

/** A small valid dump, the seed the mutations start from. */
export const seed: Dump = {
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

/** Every place in the seed, as a list of keys (the root is []): where a mutation may replace a part. */
export const seedPlaces: string[][] = [];
(function walk(v: unknown, at: string[]) {
  seedPlaces.push(at);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
})(seed, []);
