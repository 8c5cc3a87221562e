// What holding a paused program's timers costs (src/agent/hold-timers.ts), and what the ways not
// taken would cost:
//   - per resume, on a ~200 MB heap with 10, 1000 and 10^5 pending timers: pmdb's holdTimers
//     (the first call also finds Node's timer lists; later calls reuse them), against
//     Runtime.queryObjects on Timeout.prototype, which walks the whole heap;
//   - the program's speed with an async_hooks init hook (what keeping every Timeout as it is made
//     would cost every program, all the time), on 10^6 awaits and 2*10^5 timeouts.
//
//   npm run build && node bench/hold-timers.mjs     (BENCH_RUNS=N, BENCH_NODE=/path/to/node)
import { join } from 'node:path';
import { compare, ensureBuilt, fmt, isMain, machine, median, NODE, nodeArgv, RUNS, runOnce, table, WORKLOADS } from './lib.mjs';

const HEAP = join(WORKLOADS, 'held-heap.cjs');
const HOOK = join(WORKLOADS, 'init-hook.cjs');

export async function main() {
  ensureBuilt();
  console.log(`hold-timers: ${machine()}`);

  console.log('\nper resume, the main thread paused at a `debugger;` statement (ms, medians)');
  const rows = [];
  for (const timers of [10, 1000, 100_000]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pausedOnce(timers));
    const m = (key) => median(runs.map((r) => r[key]));
    rows.push([String(timers), fmt(m('heapMb')), fmt(m('firstMs'), 2), fmt(m('heldMs'), 2), fmt(m('queryObjectsMs'))]);
  }
  table(['pending timers', 'heap MB', 'holdTimers first', 'holdTimers', 'queryObjects'], rows);

  console.log('\nthe program with an async_hooks init hook, against plain node (inner loop CPU ms, medians)');
  const hooked = [];
  for (const [name, file] of [['10^6 awaits', 'awaits.cjs'], ['2*10^5 timeouts', 'timeouts.cjs']]) {
    const argv = nodeArgv(join(WORKLOADS, file));
    const r = await compare({
      plain: { argv },
      empty: { argv: [NODE, '--require', HOOK, ...argv.slice(1)], env: { PMDB_BENCH_HOOK: 'empty' } },
      keep: { argv: [NODE, '--require', HOOK, ...argv.slice(1)], env: { PMDB_BENCH_HOOK: 'keep' } },
    });
    const x = (k) => `${fmt(r[k].cpu)} (${fmt(r[k].cpu / r.plain.cpu, 2)}x)`;
    hooked.push([name, fmt(r.plain.cpu), x('empty'), x('keep')]);
  }
  table(['workload', 'plain', 'empty init hook', 'init hook keeping Timeouts'], hooked);
}

/** One run of held-heap.cjs: its BENCH figures. */
async function pausedOnce(timers) {
  const r = await runOnce(nodeArgv(HEAP), { env: { PMDB_BENCH_TIMERS: String(timers), PMDB_BENCH_HEAP_MB: '200' } });
  const line = /^BENCH (\{.*\})$/m.exec(r.stdout);
  if (!line) throw new Error(`held-heap.cjs: no BENCH line (exit ${r.code})\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line[1]);
}

if (isMain(import.meta.url)) await main();
