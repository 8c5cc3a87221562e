// `node --require pmdb/register` (issue 5): what arming a process with no front end costs while
// it does not crash. CPU-bound inner time (goal <= 1.02x) and peak RSS (goal <= +10 MB), against
// plain node, interleaved, medians. Peak RSS is read from the process itself at its end
// (process.resourceUsage().maxRSS), reported through the workload's environment.
import { join } from 'node:path';
import { ROOT, WORKLOADS, compare, ensureBuilt, fmt, machine, median, ratio, runOnce, table, RUNS } from './lib.mjs';

ensureBuilt();
const register = join(ROOT, 'dist/register.cjs');
const cpu = join(WORKLOADS, 'cpu.cjs');
const times = await compare({
  plain: { argv: [process.execPath, cpu] },
  armed: { argv: [process.execPath, '--require', register, cpu] },
});

// Peak resident memory: a tiny program that reports maxRSS just before it ends.
const rssProbe = ['-e', "setTimeout(() => console.log('BENCH ' + JSON.stringify({ ms: process.resourceUsage().maxRSS / 1024 })), 50)"];
const rss = { plain: [], armed: [] };
for (let i = 0; i < RUNS; i++) {
  rss.plain.push((await runOnce([process.execPath, ...rssProbe])).inner);
  rss.armed.push((await runOnce([process.execPath, '--require', register, ...rssProbe])).inner);
}
const [plainRss, armedRss] = [median(rss.plain), median(rss.armed)];

console.log(machine());
table(
  ['metric', 'plain', 'armed', 'ratio / delta', 'goal'],
  [
    ['CPU-bound inner (ms)', fmt(times.plain.inner), fmt(times.armed.inner), `${fmt(ratio(times.armed.inner, times.plain.inner), 3)}x`, '<= 1.02x'],
    ['peak RSS (MB)', fmt(plainRss, 1), fmt(armedRss, 1), `+${fmt(armedRss - plainRss, 1)} MB`, '<= +10 MB'],
  ],
);
