// All of pmdb's debugger benchmarks in one run (`npm run bench`), each script in its own
// process, one after the other so that they never compete for the CPU:
//   overhead.mjs    armed pmdb vs plain node: CPU-bound, 10^6 handled throws, 10^6 awaits,
//                   an async batch job over a few hundred JSON files (inner loop + wall time)
//   startup.mjs     `pmdb -c continue hello.ts` vs tsx, to output and to exit
//   latency.mjs     throw-to-prompt for an uncaught error 20 frames deep, pipe and terminal
//   async-cost.mjs  why awaits cost ~9x under any enabled debugger, and what helps
//   dump.mjs        crash dumps: write time and size for 50 frames of ~100 MB, pmdb open to prompt
//   register.mjs    node --require pmdb/register: CPU overhead and peak RSS while not crashing
//   stepping.mjs    `n` round trip vs node inspect; a conditional breakpoint's false hits vs pdb
// The traceback library has its own, bench/traceback.mjs (not run here).
// BENCH_RUNS=N changes the number of runs per figure (default 5; medians). Takes ~6 minutes on
// 2 cores. Figures and analysis: docs/benchmarks.md, sections "Debugger", "Dumps", "pmdb/register" and
// "Stepping and breakpoints".
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib.mjs';

ensureBuilt();
const started = performance.now();
let failed = 0;
for (const script of ['overhead.mjs', 'startup.mjs', 'latency.mjs', 'async-cost.mjs', 'dump.mjs', 'register.mjs', 'stepping.mjs']) {
  console.log(`\n=== bench/${script} ===`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} failed` : ''}`);
process.exitCode = failed ? 1 : 0;
