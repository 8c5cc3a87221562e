// `plot EXPR[, EXPR...]`: numbers drawn in the terminal, live and on a dump, and `plot(...)` in
// interact. The charts are golden transcripts (read line by line before committing: the walk of
// plot-walk.js never gets above -0.31, the sine and cosine cross twice per period); the
// statistics are checked against the same series computed here.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { openCrashDump, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import { transcript } from '../helpers/transcript.js';
import { ROOT } from '../helpers/paths.js';

useSessions();

/** A terminal of 100 columns: the charts are 87 cells wide (12 for the y labels, one kept free). */
const NARROW = { cols: 100 };

/** plot-walk.js's series, as the program computes them. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
function walkOf(steps: number, seed: number): number[] {
  const random = lcg(seed);
  let position = 0;
  return Array.from({ length: steps }, () => (position += random() - 0.55));
}
const million = Array.from({ length: 1e6 }, (_, i) => Math.sin(i / 5e4) * 100 + (i % 1000) / 100);
const statsOf = (xs: number[]) => {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const x of xs) {
    min = Math.min(min, x);
    max = Math.max(max, x);
    sum += x;
  }
  return { min, max, mean: sum / xs.length };
};
const six = (n: number) => String(Number(n.toPrecision(6)));

describe('plot at a live stop', () => {
  it('a random walk and a sine wave: braille line charts with their statistics', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const text = await transcript(s, ['plot walk', 'plot sine']);
    expectGolden('plot-line.txt', text);
    const walk = statsOf(walkOf(1000, 2));
    expect(text).toContain(`walk: length 1000, min ${six(walk.min)}, max ${six(walk.max)}, mean ${six(walk.mean)}, NaN 0, Infinity 0, -Infinity 0\n`);
    // The walk never became positive: its highest point is below zero, as the chart's top label says.
    expect(walk.max).toBeLessThan(0);
    // The README shows this very chart.
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`\n${text.slice(0, text.indexOf('(Pmdb) plot sine'))}\`\`\`\n`);
  });

  it('several series share the axes, each named at the end of its line; shorter series over the longest x range', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    expectGolden('plot-several.txt', await transcript(s, ['plot sine, cosine', 'plot half, sine']));
  });

  it('--hist: a histogram of each series, options before or after the expressions', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const text = await transcript(s, ['plot --hist walk', 'plot walk, gaps --hist']);
    expectGolden('plot-hist.txt', text);
    const bars = text.split('\n').filter((line) => /[▁▂▃▄▅▆▇█]/.test(line));
    expect(bars.length).toBeGreaterThan(0);
  });

  it('typed arrays, NaN and Infinity counted apart, {x, y} points, Map and Set values', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    expectGolden('plot-kinds.txt', await transcript(s, ['plot gaps', 'plot points', 'plot byDay, seen']));
  });

  it('what is not numbers gets one line', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    expect(await s.run('plot config')).toBe('*** plot: config is an object, not numbers\n');
    expect(await s.run('plot names')).toBe('*** plot: names[0] is a string, not a number\n');
    expect(await s.run('plot walk.length')).toBe('*** plot: walk.length is one number, not a series of numbers\n');
    expect(await s.run('plot [1, 2, "3"]')).toBe('*** plot: [1, 2, "3"][2] is a string, not a number\n');
    expect(await s.run('plot [{ x: 1, y: 2 }, { x: 2 }]')).toBe('*** plot: [{ x: 1, y: 2 }, { x: 2 }][1] is an object without number x and y, not a point\n');
    expect(await s.run('plot []')).toBe('*** plot: [] is an Array with nothing in it\n');
    expect(await s.run('plot new Proxy([1, 2], {})')).toBe('*** plot: new Proxy([1, 2], {}) is a Proxy, whose traps plot does not run\n');
    expect(await s.run('plot sine, config')).toBe('*** plot: config is an object, not numbers\n');
    expect(await s.run('plot nope')).toBe('*** ReferenceError: nope is not defined\n');
    expect(await s.run('plot')).toBe('*** plot: nothing to plot: plot [--hist] [--svg FILE] EXPR[, EXPR...]\n');
    expect(await s.run('plot --bars walk')).toBe('*** plot: unknown option --bars: plot [--hist] [--svg FILE] EXPR[, EXPR...]\n');
    expect(await s.run('plot walk --svg')).toBe('*** plot: --svg takes a file name: plot [--hist] [--svg FILE] EXPR[, EXPR...]\n');
    expect(await s.run('plot sine,, walk')).toBe('*** plot: an empty expression between commas: plot [--hist] [--svg FILE] EXPR[, EXPR...]\n');
  });

  it('help plot: the usage line, then what it draws', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const help = await s.run('help plot');
    expect(help).toMatch(/^plot \[--hist\] \[--svg FILE\] EXPR\[, EXPR\.\.\.\]\n {8}Draw numbers in the terminal: /);
    expect(help).toContain('--svg FILE also writes');
  });

  it('10^6 numbers of a Float64Array: summarized in the program, exact statistics, quickly', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const started = performance.now();
    const text = await s.run('plot million');
    const elapsed = performance.now() - started;
    const { min, max, mean } = statsOf(million);
    expect(text).toContain(`million: length 1000000, min ${six(min)}, max ${six(max)}, mean ${six(mean)}, NaN 0, Infinity 0, -Infinity 0\n`);
    expect(text).toMatch(/\n {12}0 +999999\n/);
    // The figure is bench/plot.mjs's (docs/benchmarks.md); here only a bound no loaded machine misses.
    expect(elapsed).toBeLessThan(5000);
  });

  it('an extracted copy, from a frame where the program has no such name', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const live = await s.run('plot walk');
    expect(await s.run('extract walk sine')).toBe('Extracted: walk, sine\n');
    await s.run('up');
    expect(await s.run('plot walk')).toBe(live);
    expect(await s.run('plot sine, walk')).toContain('sine: length 200, min -1, max 1');
  });

  it('plot(...) in interact, with its options as a last object; a program whose own plot is called keeps it', async () => {
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const chart = await s.run('plot walk');
    const hist = await s.run('plot --hist sine');
    s.send('interact');
    await s.expect('>>> ');
    s.send('plot(walk)');
    expect(await s.expect('>>> ')).toBe(`plot(walk)\n${chart}`);
    s.send('plot(sine, { hist: true })');
    expect(await s.expect('>>> ')).toBe(`plot(sine, { hist: true })\n${hist}`);
    s.send('plot(config)');
    expect(await s.expect('>>> ')).toBe('plot(config)\n*** plot: config is an object, not numbers\n');
    s.send('const plot = (xs) => xs.length');
    await s.expect('>>> ');
    s.send('plot(walk)');
    expect(await s.expect('>>> ')).toBe('plot(walk)\n1000\n');
    s.send('.exit');
    await s.prompt();
  });

  it('--svg FILE writes the chart as SVG, replaces an earlier plot, refuses any other file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-plot-'));
    const file = path.join(dir, 'trig.svg');
    const { s } = await runToPrompt('plot-walk.js', NARROW);
    const out = await s.run(`plot sine, cosine --svg ${file}`);
    expect(out).toContain(`Plot written to ${file}\n`);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" data-generator="pmdb plot"/);
    // The axes, then one line per series.
    expect(svg.match(/<path d="M/g)).toHaveLength(3);
    expect(svg).toContain('stroke="#1f77b4"');
    expect(svg).toContain('stroke="#ff7f0e"');
    expect(svg).toContain('>sine: length 200, min -1, max 1');
    expect(statSync(file).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(await s.run(`plot --hist --svg ${file} walk`)).toContain(`Plot written to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toContain('<rect x=');
    const other = path.join(dir, 'notes.txt');
    writeFileSync(other, 'mine\n');
    expect(await s.run(`plot sine --svg ${other}`)).toMatch(new RegExp(`\\*\\*\\* plot: ${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} exists and is not a plot pmdb wrote: not replaced\\n$`));
    expect(readFileSync(other, 'utf8')).toBe('mine\n');
  });

  it('colors: one per series on a terminal; none with NO_COLOR or FORCE_COLOR=0', async () => {
    const colored = await runToPrompt('plot-walk.js', { ...NARROW, colors: true });
    const before = colored.s.raw.length;
    await colored.s.run('plot sine, cosine');
    const raw = colored.s.raw.slice(before);
    expect(raw).toContain('\x1b[36m');
    expect(raw).toContain('\x1b[33m');
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const plain = await runToPrompt('plot-walk.js', { ...NARROW, colors: true, env });
      const from = plain.s.raw.length;
      await plain.s.run('plot sine, cosine');
      expect(plain.s.raw.slice(from)).not.toContain('\x1b[3');
    }
  });
});

describe('plot at successive stops of one program', () => {
  it('each stop sees the series as it is then', async () => {
    const { s } = await startAtFirstLine('plot-rounds.js', NARROW);
    for (const round of [1, 2, 3]) {
      await s.run('c');
      expect(await s.run('plot samples')).toContain(`samples: length 3000, min -${round}, max ${round}, `);
    }
  });
});

describe('plot on a dump', () => {
  it("a dump's arrays draw as the live program's did; an array longer than the dump keeps says how much is missing", async () => {
    const live = await runToPrompt('plot-walk.js', NARROW);
    const charts = await transcript(live.s, ['plot walk', 'plot sine, cosine', 'plot --hist walk', 'plot byDay, seen']);
    const { s } = await openCrashDump('plot-walk.js', NARROW);
    expect(await transcript(s, ['plot walk', 'plot sine, cosine', 'plot --hist walk', 'plot byDay, seen'])).toBe(charts);
    // 100,000 numbers per array by default (docs/dump-format.md).
    expect(await s.run('plot million')).toContain('million: length 100000 (900000 more not kept), ');
    expect(await s.run('plot config')).toBe('*** plot: config is an object, not numbers\n');
    expect(await s.run('extract walk')).toBe('Extracted: walk\n');
    await s.run('up');
    expect(await s.run('plot walk')).toContain('walk: length 1000, ');
  });
});
