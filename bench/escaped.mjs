// Benchmark: what `--stop-on escaped` costs a program whose library code throws and catches
// exceptions as control flow, against plain `node`.
//
//   npm run build && node bench/escaped.mjs
//
// Each workload runs as `node W`, as `pmdb -c continue W < /dev/null` (armed, without the option)
// and as `pmdb --stop-on escaped -c continue W < /dev/null`. In
// that mode V8 pauses on every exception except those thrown and caught in blackboxed library
// code (node_modules, Node's internals): a package's caught throws cost only V8's per-throw
// debugger bookkeeping, while each throw of the user's own code pauses and is judged by the
// agent (src/agent/nearest-handler.ts). The verdict reads the CPU-time ratio of the inner loop
// (workloads/inner-timer.cjs), as bench/overhead.mjs does.
//
// Goal (issue 11): 10^4 caught exceptions inside a package <= 1.5x against plain node; the ratio
// against the armed run shows what the option itself adds. The other rows have no goal:
// they show how the package case scales, and what a throw the user's own code catches costs.
import { join } from 'node:path';
import { compare, ensureBuilt, fmt, isMain, machine, NODE, nodeArgv, PMDB, pmdbArgv, table, WORKLOADS } from './lib.mjs';

const SPECS = [
  { label: '1e4 caught throws inside a package (INI parser)', file: 'escaped-parser.cjs', args: [1e4], goal: 1.5 },
  { label: '1e5 caught throws inside a package (INI parser)', file: 'escaped-parser.cjs', args: [1e5], goal: null },
  { label: "1e3 throws the user's code catches (each pauses)", file: 'throws.cjs', args: [1e3], goal: null },
];

export async function main() {
  ensureBuilt();
  console.log(`pmdb --stop-on escaped vs plain node: ${machine()}`);
  const rows = [];
  for (const spec of SPECS) {
    const file = join(WORKLOADS, spec.file);
    const args = spec.args.map(String);
    const escaped = [NODE, PMDB, '--stop-on', 'escaped', '-c', 'continue', file, ...args];
    const r = await compare({ plain: { argv: nodeArgv(file, ...args) }, armed: { argv: pmdbArgv(file, ...args) }, escaped: { argv: escaped } });
    const x = r.escaped.cpu / r.plain.cpu;
    rows.push([
      spec.label,
      fmt(r.plain.cpu),
      fmt(r.armed.cpu),
      fmt(r.escaped.cpu),
      `${x.toFixed(2)}x`,
      `${(r.escaped.cpu / r.armed.cpu).toFixed(2)}x`,
      spec.goal ? `<= ${spec.goal}x` : '-',
      spec.goal ? (x <= spec.goal ? 'ok' : 'MISSED') : '-',
    ]);
  }
  console.log();
  table(['workload (inner loop, CPU ms)', 'plain', 'armed', 'escaped', 'vs plain', 'vs armed', 'goal', 'verdict'], rows);
  return rows;
}

if (isMain(import.meta.url)) await main();
