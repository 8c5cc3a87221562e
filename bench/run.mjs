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
//   escaped.mjs     --stop-on escaped: a package's 10^4 caught throws, and the user's own caught throws
// The traceback library has its own, bench/traceback.mjs (not run here).
// BENCH_RUNS=N changes the number of runs per figure (default 5; medians). Takes ~6 minutes on
// 2 cores. Figures and analysis: docs/benchmarks.md, sections "Debugger", "Dumps", "pmdb/register" and
// "Stepping and breakpoints".
//
//   npm run bench [-- [--node /path/to/node] [overhead latency ...]]
//
// --node runs every measured process (the debuggee, pmdb, node inspect, tsx) on that Node binary
// instead of the one running this script (it sets BENCH_NODE, which each script above reads, so
// `BENCH_NODE=/path/to/node node bench/latency.mjs` does the same for one script). Names pick some
// of the scripts (default: all), in the order above.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCRIPTS = ['overhead', 'startup', 'latency', 'async-cost', 'dump', 'register', 'stepping', 'escaped'];

let options;
try {
  options = parseArgs({ options: { node: { type: 'string' } }, allowPositionals: true });
} catch (e) {
  usage(e.message);
}
const unknown = options.positionals.filter((name) => !SCRIPTS.includes(name));
if (unknown.length) usage(`no benchmark named ${unknown.join(', ')}`);
// The scripts inherit it; lib.mjs (imported only now) checks that it is a Node binary.
if (options.values.node) process.env.BENCH_NODE = options.values.node;
const { ensureBuilt, NODE_VERSION } = await import('./lib.mjs');

ensureBuilt();
console.log(`measured processes run on Node ${NODE_VERSION}`);
const started = performance.now();
let failed = 0;
for (const name of options.positionals.length ? SCRIPTS.filter((n) => options.positionals.includes(n)) : SCRIPTS) {
  console.log(`\n=== bench/${name}.mjs ===`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(`${name}.mjs`, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} failed` : ''}`);
process.exitCode = failed ? 1 : 0;

function usage(problem) {
  process.stderr.write(`bench: ${problem}; usage: npm run bench -- [--node /path/to/node] [${SCRIPTS.join(' ')}]\n`);
  process.exit(2);
}
