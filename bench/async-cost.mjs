// Benchmark + analysis: why 10^6 awaited async calls run ~7-10x slower when a debugger is
// enabled, which inspector setting is responsible, and what pmdb could do about it.
//
//   node bench/async-cost.mjs            (pmdb row needs `npm run build`; the others do not)
//
// Every row runs bench/workloads/awaits.cjs (`s += await leaf(i)`, 10^6 times) in a fresh
// process; the inspector is armed, without pmdb, by the preload workloads/arm-debugger.cjs,
// one setting at a time. Ratios are against plain `node` (inner loop time, medians).
//
// What the rows show (docs/benchmarks.md has the numbers and the V8 source references):
//   - the whole cost appears with `Debugger.enable` alone, in a worker session or on the same
//     thread, and goes away with `Debugger.disable`;
//   - `Runtime.enable`, `--inspect` without a client, pause-on-exceptions and the async stack
//     depth (0 is already the default) change nothing, except depth 32, which is far worse;
//   - it is paid per `await` (and, less, per async call), not per promise reaction.
// Cause: while a Debugger domain is enabled V8's `Await` builtin leaves its fast path
// (IsIsolatePromiseHookEnabledOrDebugIsActiveOrHasAsyncEventDelegate) for the C++ runtime
// function Runtime_DebugAsyncFunctionSuspended, which allocates a throwaway promise and writes
// private-symbol properties on fresh objects (map transitions, property-array growth) so that
// catch prediction can follow await chains; async function entry also pushes onto V8's promise
// stack (Runtime_DebugPushPromise). No inspector command switches that off.
import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { compare, FILES, fmt, isMain, machine, makeFiles, NODE, nodeArgv, PMDB, table, docTable, WORKLOADS } from './lib.mjs';

const AWAITS = join(WORKLOADS, 'awaits.cjs');
const SHAPES = join(WORKLOADS, 'async-shapes.cjs');
const ARM = join(WORKLOADS, 'arm-debugger.cjs');

const armed = (spec, file = AWAITS, ...args) => ({
  argv: [NODE, '--require', ARM, file, ...args],
  env: { PMDB_BENCH_ARM: spec },
});

/** Every block's rows, for the one table of docs/benchmarks.md ("Why awaits cost ~10x"). */
const docRows = [];

/** One table block: a baseline and the rows measured against it, interleaved. */
async function block(title, contenders, runs) {
  const r = await compare(contenders, runs);
  const base = r[Object.keys(contenders)[0]].inner;
  console.log(`\n${title}`);
  table(
    ['configuration', 'inner ms', 'ratio vs plain', 'wall ms'],
    Object.entries(r).map(([k, v]) => [k, fmt(v.inner), `${(v.inner / base).toFixed(2)}x`, fmt(v.wall)]),
  );
  docRows.push([`**${title}**`, '', ''], ...Object.entries(r).map(([k, v]) => [k.replace(/^ +/, '\u00a0\u00a0'), fmt(v.inner), `${(v.inner / base).toFixed(2)}x`]));
  return r;
}

export async function main() {
  console.log(`cost of an enabled debugger on 10^6 awaited async calls: ${machine()}`);

  const settings = {
    'plain node': { argv: nodeArgv(AWAITS) },
    'node --inspect, no client': { argv: [NODE, '--inspect=127.0.0.1:0', AWAITS] },
    'worker session: Runtime.enable': armed('worker;Runtime.enable'),
    'worker session: Debugger.enable': armed('worker;Debugger.enable'),
    'same-thread session: Debugger.enable': armed('same;Debugger.enable'),
    '  + setAsyncCallStackDepth(0)': armed('worker;Debugger.enable;Debugger.setAsyncCallStackDepth={"maxDepth":0}'),
    '  + setPauseOnExceptions(uncaught)': armed('worker;Debugger.enable;Debugger.setPauseOnExceptions={"state":"uncaught"}'),
    '  + setBlackboxPatterns([^node:])': armed('worker;Debugger.enable;Debugger.setBlackboxPatterns={"patterns":["^node:"]}'),
    '  then Debugger.disable (unarmed run)': armed('worker;Debugger.enable;Debugger.disable'),
    'V8 flag --no-async-stack-traces + enable': {
      argv: [NODE, '--no-async-stack-traces', '--require', ARM, AWAITS],
      env: { PMDB_BENCH_ARM: 'worker;Debugger.enable' },
    },
  };
  if (existsSync(PMDB)) settings['pmdb -c continue (all of it)'] = { argv: [NODE, PMDB, '-c', 'continue', AWAITS] };
  await block('1. which setting costs (s += await leaf(i), 10^6 times)', settings);

  // Async stack traces at depth 32 (what a debugger UI asks for) are ~10x worse again: 2*10^5 only.
  await block('2. async call stacks for the UI (2*10^5 awaits)', {
    'plain node': { argv: nodeArgv(AWAITS, '200000') },
    'Debugger.enable': armed('worker;Debugger.enable', AWAITS, '200000'),
    '  + setAsyncCallStackDepth(32)': armed('worker;Debugger.enable;Debugger.setAsyncCallStackDepth={"maxDepth":32}', AWAITS, '200000'),
  }, 3);

  for (const shape of ['await-value', 'call-only', 'then-chain']) {
    await block(`3. which step costs: ${shape} (10^6)`, {
      'plain node': { argv: nodeArgv(SHAPES, shape) },
      'Debugger.enable': armed('worker;Debugger.enable', SHAPES, shape),
    }, 3);
  }

  // The realistic case: fs.promises.readFile awaits several times per file inside Node itself,
  // so the same per-await cost shows up in the file batch of bench/overhead.mjs.
  const dir = makeFiles();
  const FILES_JOB = join(WORKLOADS, 'files.cjs');
  try {
    const files = {
      'plain node': { argv: nodeArgv(FILES_JOB, dir, '10') },
      'Debugger.enable': armed('worker;Debugger.enable', FILES_JOB, dir, '10'),
      '  then Debugger.disable (unarmed run)': armed('worker;Debugger.enable;Debugger.disable', FILES_JOB, dir, '10'),
    };
    if (existsSync(PMDB)) files['pmdb -c continue'] = { argv: [NODE, PMDB, '-c', 'continue', FILES_JOB, dir, '10'] };
    await block(`4. the realistic case: ${FILES} JSON files x 10 with fs.promises`, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  docTable('async-cost', ['configuration (armed by `bench/workloads/arm-debugger.cjs` unless pmdb)', 'inner ms', 'ratio vs plain'], docRows);
}

if (isMain(import.meta.url)) await main();
