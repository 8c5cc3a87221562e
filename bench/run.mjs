// All of pmdb's benchmarks in one run (`npm run bench`), each script in its own process, one
// after the other so that they never compete for the CPU, and then every table of
// docs/benchmarks.md that has markers rewritten from this run's figures (doc-tables.mjs), each
// goal marked met or missed:
//   overhead.mjs    armed pmdb vs plain node: CPU-bound, 10^6 handled throws, 10^6 awaits,
//                   an async batch job over a few hundred JSON files (inner loop + wall time)
//   startup.mjs     `pmdb -c continue hello.ts` vs tsx, to output and to exit
//   latency.mjs     throw-to-prompt for an uncaught error 20 frames deep, pipe and terminal
//   async-cost.mjs  why awaits cost ~9x under any enabled debugger, and what helps
//   server.mjs      Express and Fastify with async handlers under loopback load (autocannon):
//                   requests/s under plain node, pmdb run, pmdb/register, and an arm-on-crash estimate
//   dump.mjs        crash dumps: write time and size for 50 frames of ~100 MB, pmdb open to prompt
//   register.mjs    node --require pmdb/register: CPU overhead and peak RSS while not crashing
//   stepping.mjs    `n` round trip vs node inspect; a conditional breakpoint's false hits vs pdb
//   escaped.mjs     --stop-on escaped: a package's 10^4 caught throws, and the user's own caught throws
//   plot.mjs        `plot` at the prompt: 10^6 numbers end to end, summarized in the program
//   traceback.mjs   the traceback library against source-map-support and Node's own mapping
// `pmdb test` has its own, bench/pmdb-test.mjs (a 200-test vitest suite, minutes per run), and
// so has the crash/restart soak (`npm run soak`): not run here.
// BENCH_RUNS=N changes the number of runs per figure (default 5; medians). Takes ~8 minutes on
// 2 cores. Figures and analysis: docs/benchmarks.md.
//
//   npm run bench [-- [--node /path/to/node] [--no-docs] [overhead latency ...]]
//
// --node runs every measured process (the debuggee, pmdb, node inspect, tsx) on that Node binary
// instead of the one running this script (it sets BENCH_NODE, which each script above reads, so
// `BENCH_NODE=/path/to/node node bench/latency.mjs` does the same for one script). Names pick some
// of the scripts (default: all), in the order above. --no-docs leaves docs/benchmarks.md alone;
// otherwise each script's tables are written as soon as it ends.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCRIPTS = ['overhead', 'startup', 'latency', 'async-cost', 'server', 'dump', 'register', 'stepping', 'escaped', 'plot', 'traceback'];

let options;
try {
  options = parseArgs({ options: { node: { type: 'string' }, 'no-docs': { type: 'boolean' } }, allowPositionals: true });
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
// Each script appends its tables here (lib.mjs docTable); the document is written once, at the end.
const tablesDir = mkdtempSync(join(tmpdir(), 'pmdb-bench-tables-'));
process.env.BENCH_TABLES_FILE = join(tablesDir, 'tables.jsonl');
const { writeDocTables } = await import('./doc-tables.mjs');
const written = new Set();
/** Writes the tables the scripts have given so far: a run stopped halfway still leaves those. */
function writeTables() {
  if (options.values['no-docs'] || !existsSync(process.env.BENCH_TABLES_FILE)) return;
  const tables = Object.fromEntries(readFileSync(process.env.BENCH_TABLES_FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((t) => [t.name, t.block]));
  const fresh = Object.fromEntries(Object.entries(tables).filter(([name]) => !written.has(name)));
  const missing = writeDocTables(fresh);
  for (const name of Object.keys(fresh)) if (!missing.includes(name)) written.add(name);
}
for (const name of options.positionals.length ? SCRIPTS.filter((n) => options.positionals.includes(n)) : SCRIPTS) {
  console.log(`\n=== bench/${name}.mjs ===`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(`${name}.mjs`, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
  writeTables();
}
console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} failed` : ''}`);
if (written.size) console.log(`docs/benchmarks.md: ${written.size} tables rewritten (${[...written].join(', ')})`);
rmSync(tablesDir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;

function usage(problem) {
  process.stderr.write(`bench: ${problem}; usage: npm run bench -- [--node /path/to/node] [--no-docs] [${SCRIPTS.join(' ')}]\n`);
  process.exit(2);
}
