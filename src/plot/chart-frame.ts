// What every terminal chart of `plot` shares: the series as named and summarized, the room a
// chart takes in the terminal, the axes' labels and the statistics line under the chart.
import type { NumericSeries } from './series-summary.js';
import { axisNumber, statNumber } from './format-number.js';

export interface PlotSeries {
  /** The expression, as typed. */
  name: string;
  summary: NumericSeries;
}

export interface ChartStyle {
  /** The terminal's columns. */
  width: number;
  /** Text rows of the drawing. */
  rows: number;
  /** Wraps text in series `index`'s color (identity without colors). */
  paint(text: string, index: number): string;
}

/** Room for a y label: `-1.235e+21` is the longest axisNumber writes. */
export const LABEL_WIDTH = 10;
/** End-of-line names of several series: at most this long. */
const NAME_WIDTH = 16;

/** A name as it fits at the end of a line. */
export const shortName = (name: string): string => (name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name);

/** Cells across the drawing, given the terminal's width and whether names follow the lines. */
export function drawingCells(width: number, names: string[] | undefined): number {
  const right = names ? Math.max(...names.map((n) => shortName(n).length)) + 1 : 0;
  // The terminal's last column stays empty: some terminals wrap as soon as it is written.
  return Math.max(10, width - 1 - (LABEL_WIDTH + 2) - right);
}

/** The rows of a drawing with a y axis: labels (top, middle, bottom) and ticks at the left. */
export function withYAxis(drawing: string[], labels: Map<number, string>): string[] {
  return drawing.map((line, row) => {
    const label = labels.get(row);
    return `${(label ?? '').padStart(LABEL_WIDTH)} ${label === undefined ? '│' : '┤'}${line}`;
  });
}

/** The x axis under a drawing `cells` wide, with the numbers at its two ends. */
export function xAxis(cells: number, left: number, right: number): string[] {
  const a = axisNumber(left);
  const b = axisNumber(right);
  const gap = Math.max(1, cells - a.length - b.length);
  return [`${' '.repeat(LABEL_WIDTH + 1)}└${'─'.repeat(cells)}`, `${' '.repeat(LABEL_WIDTH + 2)}${a}${' '.repeat(gap)}${b}`];
}

/** `name: length 1000, min -1, max 1, mean 0.001, NaN 0, Infinity 0, -Infinity 0`. */
export function statsLine(series: PlotSeries, index: number, paint: ChartStyle['paint']): string {
  const s = series.summary;
  const parts = [`length ${s.length}${s.kind === 'points' ? ' points' : ''}${s.notKept ? ` (${s.notKept})` : ''}`];
  if (s.min !== null && s.max !== null && s.mean !== null) parts.push(`min ${statNumber(s.min)}`, `max ${statNumber(s.max)}`, `mean ${statNumber(s.mean)}`);
  else parts.push('no finite number');
  parts.push(`NaN ${s.nan}`, `Infinity ${s.posInf}`, `-Infinity ${s.negInf}`);
  if (s.xNotFinite) parts.push(`x not finite ${s.xNotFinite}`);
  return `${paint(series.name, index)}: ${parts.join(', ')}`;
}
