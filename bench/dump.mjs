// Crash dumps (issue 5): how long from the throw to `pmdb: crash dump written to PATH` and how big
// the file is, for 50 frames holding ~100 MB of locals (bench/workloads/heavy-crash.cjs) under
// `pmdb run` without a terminal; and how long `pmdb open` takes to show its prompt on that dump.
// Goals: write <= 300 ms and <= 5 MB; open to prompt <= 150 ms. Medians of BENCH_RUNS runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, median, NODE, PMDB, RUNS, table, verdict, WORKLOADS } from './lib.mjs';

function writeOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-dump-'));
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [PMDB, 'run', '--dump-dir', dir, '--', NODE, join(WORKLOADS, 'heavy-crash.cjs')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    let thrownAt = 0;
    let writtenAt = 0;
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const t = /THROW_AT ([\d.]+)/.exec(err);
      if (t && !thrownAt) thrownAt = Number(t[1]);
      if (!writtenAt && err.includes('crash dump written to')) writtenAt = performance.timeOrigin + performance.now();
    });
    child.on('exit', () => {
      const file = readdirSync(dir).find((f) => f.endsWith('.pmdump'));
      if (!file || !thrownAt || !writtenAt) return reject(new Error(`no dump written:\n${err}`));
      resolve({ ms: writtenAt - thrownAt, bytes: statSync(join(dir, file)).size, file: join(dir, file), dir });
    });
  });
}

function openOnce(file) {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(NODE, [PMDB, 'open', file], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('(Pmdb) ')) {
        const ms = performance.now() - start;
        child.stdin.end('q\n');
        child.on('exit', () => resolve(ms));
      }
    });
  });
}

ensureBuilt();
const writes = [];
const opens = [];
for (let i = 0; i < RUNS; i++) {
  const w = await writeOnce();
  writes.push(w);
  opens.push(await openOnce(w.file));
  rmSync(w.dir, { recursive: true, force: true });
}
const [writeMs, sizeMb, openMs] = [median(writes.map((w) => w.ms)), median(writes.map((w) => w.bytes)) / 2 ** 20, median(opens)];
table(
  ['metric', 'median', 'goal', 'verdict'],
  [
    ['throw to "dump written"', `${writeMs.toFixed(0)} ms`, '<= 300 ms', verdict(writeMs <= 300)],
    ['dump size', `${sizeMb.toFixed(1)} MB`, '<= 5 MB', verdict(sizeMb <= 5)],
    ['`pmdb open` to prompt', `${openMs.toFixed(0)} ms`, '<= 150 ms', verdict(openMs <= 150)],
  ],
  'dump',
);
