// Shared helpers for the debugger benchmarks (bench/overhead.mjs, startup.mjs, latency.mjs,
// async-cost.mjs). Everything here runs real processes: no mocks, no in-process shortcuts.
//
// Convention: a workload prints one line `BENCH {"ms": <inner loop time>, "cpuMs": <its CPU
// time>}` on stdout (workloads/inner-timer.cjs; cpuMs is optional), so the start-up of Node, tsx
// or pmdb never pollutes the inner figure; the bench also records the wall
// time from spawn to exit. Runs of the contenders alternate (plain, pmdb, plain, pmdb, ...) so
// that a slow phase of the machine hits both alike, and figures are medians.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocTables } from './doc-tables.mjs';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PMDB = join(ROOT, 'dist/cli/main.js');
export const WORKLOADS = join(ROOT, 'bench/workloads');
export const RUNS = Number(process.env.BENCH_RUNS) || 5;

/**
 * The Node binary every measured process runs on: the debuggee, pmdb itself (which starts its
 * debuggee with its own binary) and the peers (node inspect, tsx). BENCH_NODE=/path/to/node
 * (`npm run bench -- --node /path/to/node` sets it) benches another Node version than the one
 * running the bench scripts; by default they are the same.
 */
export const NODE = process.env.BENCH_NODE || process.execPath;
/** `v24.22.3`: the version of NODE, asked once (one start-up of it). */
export const NODE_VERSION = NODE === process.execPath ? process.version : nodeVersion(NODE);

function nodeVersion(node) {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !/^v\d+\./.test(r.stdout)) {
    const why = r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`);
    process.stderr.write(`bench: BENCH_NODE=${node} is not a Node binary (${why})\n`);
    process.exit(2);
  }
  return r.stdout.trim();
}

/**
 * pmdb runs from dist/. A fresh clone has none: build it then. A dist/ older than src/ is only
 * reported, not rebuilt, so that a bench never overwrites a build someone else is working on.
 */
export function ensureBuilt() {
  if (!existsSync(PMDB)) {
    process.stderr.write('bench: building pmdb (npm run build)...\n');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 || !existsSync(PMDB)) throw new Error('npm run build failed');
    return;
  }
  const newest = (dir) =>
    readdirSync(dir, { recursive: true }).reduce((t, f) => Math.max(t, statSync(join(dir, f)).mtimeMs), 0);
  if (newest(join(ROOT, 'src')) > newest(join(ROOT, 'dist'))) {
    process.stderr.write('bench: warning: dist/ is older than src/; run `npm run build` to bench the current code\n');
  }
}

/**
 * Runs `argv` to completion with stdin at EOF (pmdb then quits at its restart prompt instead of
 * waiting for a command). Returns wall ms, the BENCH figures (inner wall and CPU ms; NaN when
 * absent), the exit code and the output.
 */
export function runOnce(argv, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(argv[0], argv.slice(1), {
      cwd: cwd ?? ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - start;
      const m = /^BENCH (\{.*\})$/m.exec(stdout);
      const figures = m ? JSON.parse(m[1]) : {};
      resolve({ wall, inner: figures.ms ?? NaN, cpu: figures.cpuMs ?? NaN, code, stdout, stderr });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * Runs each contender RUNS times, interleaved, and returns, per contender, the medians of the
 * inner, CPU and wall times. A contender that fails (no BENCH line) aborts with its output: a
 * benchmark of a broken run would be meaningless.
 */
export async function compare(contenders, runs = RUNS) {
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, { inner: [], cpu: [], wall: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [name, { argv, env }] of Object.entries(contenders)) {
      const r = await runOnce(argv, { env });
      if (!Number.isFinite(r.inner)) {
        throw new Error(`${name}: no BENCH line (exit ${r.code})\n${r.stdout}\n${r.stderr}`);
      }
      samples[name].inner.push(r.inner);
      samples[name].cpu.push(r.cpu);
      samples[name].wall.push(r.wall);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { inner: median(s.inner), cpu: median(s.cpu), wall: median(s.wall), all: s.inner, allCpu: s.cpu }]),
  );
}

/** `node dist/cli/main.js -c continue FILE`, as a user would type `pmdb -c continue FILE`. */
export const pmdbArgv = (file, ...args) => [NODE, PMDB, '-c', 'continue', file, ...args];
export const nodeArgv = (file, ...args) => [NODE, file, ...args];

export const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
export const ratio = (a, b) => a / b;

/**
 * Prints a plain-text table; columns padded to their widest cell. With `docName`, the same table
 * also replaces the one between `<!-- bench:docName -->` markers in docs/benchmarks.md
 * (doc-tables.mjs).
 */
export function table(header, rows, docName) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
  if (docName) docTable(docName, header, rows);
}

/** A goal's verdict cell, the same words in every table. */
export const verdict = (met) => (met ? 'met' : '**missed**');

/**
 * Records a table for docs/benchmarks.md: under `npm run bench` (bench/run.mjs sets
 * BENCH_TABLES_FILE) it is collected and every table is written at the end; a script run alone
 * writes its own table at once.
 */
export function docTable(name, header, rows, { about = machine(), by = 'npm run bench' } = {}) {
  const cell = (c) => String(c).replace(/\|/g, '\\|');
  const markdown = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
  const block = `_Generated by \`${by}\` on ${new Date().toISOString().slice(0, 10)}: ${about}, load average ${loadavg()[0].toFixed(1)} at the end._\n\n${markdown}`;
  if (process.env.BENCH_TABLES_FILE) appendFileSync(process.env.BENCH_TABLES_FILE, `${JSON.stringify({ name, block })}\n`);
  else writeDocTables({ [name]: block });
}

/** `Node v20.20.2, 2 cores (AMD EPYC)`: what the figures were measured on. */
export const hardware = () => `Node ${NODE_VERSION}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`;

export function machine() {
  return `${hardware()}, ${RUNS} runs per figure (median)`;
}

/** True when this module is the script Node was started with (so a bench file can run alone). */
export const isMain = (metaUrl) => process.argv[1] && fileURLToPath(metaUrl) === process.argv[1];

export const FILES = 400;

/** A temp dir of FILES small order files (0.5-2 KB of JSON each), as a batch job would find them. */
export function makeFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-files-'));
  const categories = ['books', 'garden', 'kitchen', 'toys', 'tools'];
  for (let i = 0; i < FILES; i++) {
    const items = Array.from({ length: 5 + (i % 20) }, (_, j) => ({
      sku: `SKU-${i}-${j}`,
      price: ((i * 7 + j * 13) % 1000) / 10,
      quantity: 1 + ((i + j) % 5),
    }));
    writeFileSync(join(dir, `order-${i}.json`), JSON.stringify({ id: i, category: categories[i % 5], items }));
  }
  return dir;
}
