// Benchmark: `plot` at the prompt on large series, end to end (from writing the command to the
// next prompt, through pipes, the chart included), against a command that does next to nothing
// (`p 1`) on the same stop. The program summarizes each column itself (src/plot/series-summary.ts)
// and sends back only those: goal for 10^6 Float64 values, well under 100 ms.
// Also the summary alone, in this process, on the same Float64Array.
//
//   npm run build && node bench/plot.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, fmt, isMain, machine, median, NODE, PMDB, ROOT, RUNS, table, WORKLOADS } from './lib.mjs';
import { drive } from './stepping.mjs';

const PROMPT = /\(Pmdb\) /;
const COMMANDS = [
  ['p 1', 'a command that does next to nothing'],
  ['plot million', 'Float64Array, 10^6'],
  ['plot --hist million', 'Float64Array, 10^6, histogram'],
  ['plot array', 'Array of 10^6 numbers'],
  ['plot points', '10^5 {x, y} points'],
  ['plot million, array', 'both, overlaid'],
];
const REPEATS = 10;

/** CPU time (user + system) a process has used so far, from /proc: whole ticks of 10 ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export async function main() {
  ensureBuilt();
  console.log(`plot: ${machine()}, ${REPEATS} commands per run`);
  const times = new Map(COMMANDS.map(([c]) => [c, []]));
  const first = [];
  const firstCpu = [];
  for (let r = 0; r < RUNS; r++) {
    const d = drive([NODE, PMDB, '-c', 'continue', join(WORKLOADS, 'plot-series.cjs')], PROMPT);
    await d.next(undefined, PROMPT);
    const pid = Number(/\d+/.exec((await d.next('p process.pid')).text)[0]);
    // The first plot in a program compiles the summary there: its code starts cold.
    const cpu0 = cpuMs(pid);
    first.push((await d.next('plot million')).ms);
    firstCpu.push(cpuMs(pid) - cpu0);
    for (let k = 0; k < REPEATS; k++) {
      for (const [command] of COMMANDS) {
        const { ms, text } = await d.next(command);
        if (command.startsWith('plot') && !/length 1000000|length 100000 points/.test(text)) throw new Error(`${command}: no chart\n${text}`);
        times.get(command).push(ms);
      }
    }
    await d.quit('q');
  }
  table(
    ['command', 'what', 'median ms', 'max ms'],
    [
      ['plot million', 'the first plot in the program', fmt(median(first), 1), fmt(Math.max(...first), 1)],
      ['', "  its program's CPU time (10 ms ticks)", fmt(median(firstCpu), 0), fmt(Math.max(...firstCpu), 0)],
      ...COMMANDS.map(([c, what]) => [c, what, fmt(median(times.get(c)), 1), fmt(Math.max(...times.get(c)), 1)]),
    ],
    'plot',
  );

  const { summarizeSeries } = await import(pathToFileURL(join(ROOT, 'dist/plot/series-summary.js')).href);
  const million = new Float64Array(1e6).map((_, i) => Math.sin(i / 5e4) * 100 + (i % 1000) / 100);
  const alone = [];
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    summarizeSeries.call(million, { columns: 134, bins: 0 });
    alone.push(performance.now() - t0);
  }
  console.log(`\nsummary alone (first, last, min, max of 134 columns) of 10^6 Float64 values, in this process: median ${fmt(median(alone), 2)} ms`);
}

if (isMain(import.meta.url)) await main();
