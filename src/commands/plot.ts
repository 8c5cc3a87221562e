// plot EXPR[, EXPR...]: numbers drawn in the terminal, live or on a dump (the Target summarizes
// each value where it is, plot/series-summary.ts), and `plot(...)` in interact.
import { lstatSync, openSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { CommandError, type Command, type Context } from '../repl/types.js';
import type { NumericSeries, SeriesRequest } from '../plot/series-summary.js';
import { EvaluationError, type Value } from '../target/target.js';
import { parsePlotArguments, parsePlotCall, PlotUsageError, PLOT_USAGE, type PlotRequest } from '../plot/plot-request.js';
import type { ChartStyle, PlotSeries } from '../plot/chart-frame.js';
import { lineChart, lineColumns, sharedXRange } from '../plot/line-chart.js';
import { histogramBins, histogramChart } from '../plot/histogram-chart.js';
import { SVG_COLUMNS, SVG_MARK, svgChart } from '../plot/svg-chart.js';

/** Text rows of a chart. */
const ROWS = 10;
/** A histogram in an SVG: bins at most. */
const SVG_BINS = 100;
/** Series colors: cyan, yellow, magenta, green, blue, red. */
const ANSI_COLORS = [36, 33, 35, 32, 34, 31];

export const plot: Command = {
  names: ['plot'],
  usage: PLOT_USAGE,
  help:
    "Draw numbers in the terminal: each EXPR (evaluated in the current frame) is a numeric array, a typed array, an array of {x, y} points (own x and y, no getter runs), a Map's or a Set's values, or an extracted copy of one of these. A line chart in braille characters at the terminal's width, each series with its length, min, max and mean (of its finite numbers) and its NaN and Infinity counts; several series share the axes, each in its color with its name at the end of its line. A million numbers take a few milliseconds: the program itself summarizes each column (first, last, min and max) and sends back only those. --hist draws a histogram of each series instead. --svg FILE also writes the chart as an SVG file (FILE relative to the directory pmdb runs in); it replaces a file only if it is an earlier plot, and refuses any other existing file. In interact, plot(EXPR, ...) does the same, with { hist: true, svg: 'FILE' } as its last argument for the options. A dump keeps at most 100,000 numbers of an array (docs/dump-format.md): plot then says how many were not kept.",
  async run(ctx, arg) {
    await drawPlot(ctx, withUsage(() => parsePlotArguments(arg)));
  },
};

/** A request's usage error as the prompt's one-line answer. */
function withUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof PlotUsageError) throw new CommandError(`plot: ${err.message}`);
    throw err;
  }
}

/**
 * A line typed in interact that is a whole `plot(...)` call, drawn: what to print after it
 * (nothing, or the one-line error); undefined for any other line, and where the program has a
 * `plot` of its own, which wins as its other names do.
 */
export async function plotInInteract(ctx: Context, code: string): Promise<{ error?: string } | undefined> {
  try {
    const request = parsePlotCall(code);
    if (!request) return undefined;
    const own = await ctx.target.evaluate(ctx.frame, 'typeof plot');
    if ((await ctx.target.format(own, { pretty: false, colors: false })) !== "'undefined'") return undefined;
    await drawPlot(ctx, request);
    return {};
  } catch (err) {
    if (err instanceof PlotUsageError) return { error: `*** plot: ${err.message}` };
    if (err instanceof CommandError || err instanceof EvaluationError) return { error: `*** ${err.message}` };
    throw err;
  }
}

export async function drawPlot(ctx: Context, request: PlotRequest): Promise<void> {
  const width = ctx.io.output.columns || 80;
  const names = request.expressions;
  const values: Value[] = [];
  for (const expression of names) values.push(await ctx.target.evaluate(ctx.frame, expression));
  const summarizeOne = async (i: number, ask: SeriesRequest): Promise<PlotSeries> => {
    const summary = await ctx.target.summarizeSeries(values[i]!, ask);
    if (!summary.numeric) throw new CommandError(`plot: ${names[i]}${summary.what}`);
    return { name: names[i]!, summary };
  };
  const summarize = async (ask: SeriesRequest): Promise<PlotSeries[]> => {
    const series: PlotSeries[] = [];
    for (const i of values.keys()) series.push(await summarizeOne(i, ask));
    return series;
  };
  const terminal = request.hist ? { columns: 0, bins: histogramBins(width) } : { columns: lineColumns(width, names), bins: 0 };
  const series = await summarize(terminal);
  // Series of different x ranges are drawn over all of them: those summarized over less, again.
  const xRange = sharedXRange(series);
  if (!request.hist && xRange) {
    for (const [i, s] of series.entries()) if (!sameRange(s.summary, xRange)) series[i] = await summarizeOne(i, { ...terminal, xRange });
  }
  const style: ChartStyle = { width, rows: ROWS, paint: ctx.colors ? paintAnsi : (text) => text };
  const lines = request.hist ? series.flatMap((s, i) => [...(i ? [''] : []), ...histogramChart(s, i, style)]) : lineChart(series, style);
  ctx.write(lines.join('\n') + '\n');
  if (request.svg) {
    const ask = request.hist ? { columns: 0, bins: SVG_BINS } : { columns: SVG_COLUMNS, bins: 0, xRange: xRange ?? undefined };
    writeSvg(request.svg, svgChart(await summarize(ask), request.hist));
    ctx.write(`Plot written to ${request.svg}\n`);
  }
}

const sameRange = (s: NumericSeries, range: [number, number]): boolean => s.xRange?.[0] === range[0] && s.xRange?.[1] === range[1];

function paintAnsi(text: string, index: number): string {
  return `\x1b[${ANSI_COLORS[index % ANSI_COLORS.length]}m${text}\x1b[0m`;
}

/** Writes the SVG (mode 0644 under the umask), replacing only an earlier plot. */
function writeSvg(file: string, text: string): void {
  let existing;
  try {
    existing = lstatSync(file);
  } catch {
    existing = undefined;
  }
  if (existing && (!existing.isFile() || !startsWithMark(file))) {
    throw new CommandError(`plot: ${file} exists and is not a plot pmdb wrote: not replaced`);
  }
  try {
    writeFileSync(file, text, { mode: 0o644 });
  } catch (err) {
    throw new CommandError(`plot: cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function startsWithMark(file: string): boolean {
  const head = Buffer.alloc(512);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').includes(SVG_MARK);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
