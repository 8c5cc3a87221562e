// `node --require pmdb/register` (issue 5): what arming a process with no front end costs while
// it does not crash. CPU-bound inner time (goal <= 1.02x) and peak RSS (goal <= +10 MB), against
// plain node, interleaved, medians. Peak RSS is read from the process itself at its end
// (process.resourceUsage().maxRSS), reported through the workload's environment. Also shown, with
// no goal: the await-bound workload (the price of an enabled debugger, bench/async-cost.mjs), a
// tiny program's spawn-to-exit time (what arming adds to start-up), and an ES module entry's,
// with 1000 caught exceptions in its top level (each pauses while Node evaluates the entry).
import { join } from 'node:path';
import { compare, ensureBuilt, fmt, machine, median, NODE, ratio, ROOT, runOnce, RUNS, table, verdict, WORKLOADS } from './lib.mjs';

ensureBuilt();
const register = join(ROOT, 'dist/register.cjs');
const both = (file) => ({
  plain: { argv: [NODE, file] },
  armed: { argv: [NODE, '--require', register, file] },
});
const cpu = await compare(both(join(WORKLOADS, 'cpu.cjs')));
const awaits = await compare(both(join(WORKLOADS, 'awaits.cjs')));
// An ES module entry: the window in which caught exceptions pause while Node evaluates it.
const esm = (caught) => {
  const contenders = both(join(WORKLOADS, 'esm-entry.mjs'));
  for (const c of Object.values(contenders)) c.argv.push(String(caught));
  return compare(contenders);
};
// PMDB_AWAITS=1 notes every await for `pmdb stacks` (agent/pending-awaits.cts): CPU per await
// against the armed process without it; 2e5 awaits, the notes being the slow part.
const awaitsFile = join(WORKLOADS, 'awaits.cjs');
const noted = await compare({
  plain: { argv: [NODE, awaitsFile, '200000'] },
  armed: { argv: [NODE, '--require', register, awaitsFile, '200000'] },
  noted: { argv: [NODE, '--require', register, awaitsFile, '200000'], env: { PMDB_AWAITS: '1' } },
});
const esmNone = await esm(0);
const esmCaught = await esm(1000);

// Peak resident memory: a tiny program that reports maxRSS just before it ends.
const rssProbe = ['-e', "setTimeout(() => console.log('BENCH ' + JSON.stringify({ ms: process.resourceUsage().maxRSS / 1024 })), 50)"];
const rss = { plain: [], armed: [] };
const wall = { plain: [], armed: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [name, argv] of [
    ['plain', [NODE, ...rssProbe]],
    ['armed', [NODE, '--require', register, ...rssProbe]],
  ]) {
    const r = await runOnce(argv);
    rss[name].push(r.inner);
    wall[name].push(r.wall);
  }
}
const [plainRss, armedRss] = [median(rss.plain), median(rss.armed)];
const [plainWall, armedWall] = [median(wall.plain), median(wall.armed)];
const times = (r) => [fmt(r.plain.inner), fmt(r.armed.inner), `${fmt(ratio(r.armed.inner, r.plain.inner), 3)}x`];

console.log(machine());
table(
  ['metric', 'plain', 'armed', 'ratio / delta', 'goal', 'verdict'],
  [
    ['CPU-bound inner (ms)', ...times(cpu), '<= 1.02x', verdict(cpu.armed.inner / cpu.plain.inner <= 1.02)],
    ['peak RSS (MB)', fmt(plainRss, 1), fmt(armedRss, 1), `+${fmt(armedRss - plainRss, 1)} MB`, '<= +10 MB', verdict(armedRss - plainRss <= 10)],
    ['1e6 awaits inner (ms)', ...times(awaits), '', ''],
    ['2e5 awaits CPU, armed + PMDB_AWAITS=1 (ms)', fmt(noted.plain.cpu), fmt(noted.noted.cpu), `+${fmt(((noted.noted.cpu - noted.armed.cpu) * 1000) / 2e5, 2)} us/await over armed (${fmt(noted.armed.cpu)} ms)`, '', ''],
    ['tiny program, spawn to exit (ms)', fmt(plainWall), fmt(armedWall), `+${fmt(armedWall - plainWall)} ms`, '', ''],
    ['ES module entry, spawn to exit (ms)', fmt(esmNone.plain.wall), fmt(esmNone.armed.wall), `+${fmt(esmNone.armed.wall - esmNone.plain.wall)} ms`, '', ''],
    ['  + 1000 caught throws at top level (ms)', ...times(esmCaught), '', ''],
  ],
  'register',
);
