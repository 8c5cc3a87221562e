// Benchmark: the traceback of a 30-frame source-mapped TypeScript error, cold (first one in a
// fresh process) and warm (median of many), with pmdb/traceback's formatException versus
// source-map-support + util.inspect and versus Node's --enable-source-maps `error.stack`.
// Usage: npm run build && node bench/traceback.mjs   (each contender runs in its own process)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEPTH = 30;
const WARM_RUNS = 300;

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
  const warm = Array.from({ length: WARM_RUNS }, once).sort((a, b) => a - b)[WARM_RUNS >> 1];
  process.stdout.write(JSON.stringify({ cold, warm }));
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-'));
  try {
    const modulePath = buildFixture(dir);
    const rows = [];
    for (const [name, { flags }] of Object.entries(CONTENDERS)) {
      const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--measure', name, modulePath], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${name} failed:\n${child.stderr}`);
      rows.push({ name, ...JSON.parse(child.stdout) });
    }
    const pmdb = rows[0];
    console.log(`node ${process.version}, ${DEPTH}-frame TypeScript error (esbuild, external map); warm = median of ${WARM_RUNS}; throw included\n`);
    console.log('| contender | cold (ms) | warm (ms) | warm vs pmdb |');
    console.log('|---|---|---|---|');
    for (const row of rows) {
      console.log(`| ${row.name} | ${row.cold.toFixed(2)} | ${row.warm.toFixed(3)} | ${(row.warm / pmdb.warm).toFixed(2)}x |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
