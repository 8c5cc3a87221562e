// Benchmark: the traceback of a 30-frame source-mapped TypeScript error, cold (first one in a
// fresh process) and warm (median of many after a warm-up), with pmdb/traceback's
// formatException versus source-map-support + util.inspect and versus Node's
// --enable-source-maps `error.stack`; the throw alone is the floor all of them pay.
// Each contender runs in its own process, ROUNDS times, interleaved so that a busy machine
// slows all of them alike; the table shows the median round.
// Usage: npm run build && node bench/traceback.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { table, verdict } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEPTH = 30;
const WARM_UP = 200;
const WARM_RUNS = 1000;
const ROUNDS = 5;

const FLOOR = 'throw only (floor)';
const CONTENDERS = {
  'pmdb formatException': { flags: [], setup: async () => {
    const { formatException } = await import(pathToFileURL(join(ROOT, 'dist/traceback/index.js')).href);
    return (error) => formatException(error).join('');
  } },
  'source-map-support + util.inspect': { flags: [], setup: async () => {
    const { default: support } = await import('source-map-support');
    const { inspect } = await import('node:util');
    support.install({ environment: 'node' });
    return (error) => inspect(error);
  } },
  'node --enable-source-maps error.stack': { flags: ['--enable-source-maps'], setup: async () => (error) => error.stack },
  [FLOOR]: { flags: [], setup: async () => () => 'deep.ts' },
};

/** A TypeScript module whose `run()` fails 30 frames deep, built by esbuild with an external map. */
function buildFixture(dir) {
  const lines = ['interface Box { inner?: { value: number } }', ''];
  for (let i = 0; i < DEPTH - 1; i++) {
    lines.push(`function level${i}(box: Box): number {`, `  const result: number = 1 + level${i + 1}(box);`, '  return result;', '}');
  }
  lines.push(`function level${DEPTH - 1}(box: Box): number {`, '  return box.inner!.value * 2;', '}');
  lines.push('export function run(): number {', '  return level0({});', '}');
  writeFileSync(join(dir, 'deep.ts'), lines.join('\n') + '\n');
  execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(dir, 'deep.ts'), '--sourcemap', '--format=esm', `--outfile=${join(dir, 'deep.mjs')}`], { stdio: 'pipe' });
  return join(dir, 'deep.mjs');
}

async function measure(name, modulePath) {
  Error.stackTraceLimit = 50;
  const render = await CONTENDERS[name].setup();
  const { run } = await import(pathToFileURL(modulePath).href);
  const once = () => {
    const start = process.hrtime.bigint();
    try { run(); } catch (error) { if (!render(error).includes('deep.ts')) throw new Error('traceback not mapped'); }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const cold = once();
  for (let i = 0; i < WARM_UP; i++) once();
  const warm = median(Array.from({ length: WARM_RUNS }, once));
  process.stdout.write(JSON.stringify({ cold, warm }));
}

function median(values) {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-'));
  try {
    const modulePath = buildFixture(dir);
    const results = Object.fromEntries(Object.keys(CONTENDERS).map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, { flags }] of Object.entries(CONTENDERS)) {
        const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--measure', name, modulePath], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${name} failed:\n${child.stderr}`);
        results[name].push(JSON.parse(child.stdout));
      }
    }
    const rows = Object.entries(results).map(([name, runs]) => ({
      name, cold: median(runs.map((r) => r.cold)), warm: median(runs.map((r) => r.warm)),
      warmRange: [Math.min(...runs.map((r) => r.warm)), Math.max(...runs.map((r) => r.warm))],
    }));
    const pmdb = rows[0];
    console.log(`node ${process.version}, ${DEPTH}-frame TypeScript error (esbuild, external map); throw included;`);
    console.log(`warm = median of ${WARM_RUNS} after ${WARM_UP} warm-up runs; median of ${ROUNDS} interleaved processes (range of warm)\n`);
    // The goal: pmdb's warm formatting at least 2x faster than each other contender's.
    table(
      ['contender', 'cold (ms)', 'warm (µs)', 'warm range (µs)', 'warm vs pmdb', 'goal', 'verdict'],
      rows.map((row) => {
        const range = row.warmRange.map((ms) => (ms * 1000).toFixed(0)).join('–');
        const graded = row !== pmdb && row.name !== FLOOR;
        const slower = row.warm / pmdb.warm;
        return [row.name, row.cold.toFixed(2), (row.warm * 1000).toFixed(0), range, `${slower.toFixed(2)}x`, graded ? '>= 2x' : '', graded ? verdict(slower >= 2) : ''];
      }),
      'traceback',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
