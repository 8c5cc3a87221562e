// `plot`'s line chart: every series on one braille canvas, with shared axes; several series are
// told apart by color and by their names at the right, on the row where each line ends.
import { BrailleCanvas } from './braille-canvas.js';
import { axisNumber } from './format-number.js';
import { drawingCells, shortName, statsLine, withYAxis, xAxis, type ChartStyle, type PlotSeries } from './chart-frame.js';

/** Dot columns to ask each series' summary for. */
export function lineColumns(width: number, names: string[]): number {
  return drawingCells(width, names.length > 1 ? names : undefined) * 2;
}

/** The y range every series is drawn in: all of their finite values'. */
export function sharedYRange(series: PlotSeries[]): [number, number] | null {
  const lows = series.flatMap((s) => (s.summary.min === null ? [] : [s.summary.min]));
  const highs = series.flatMap((s) => (s.summary.max === null ? [] : [s.summary.max]));
  return lows.length ? [Math.min(...lows), Math.max(...highs)] : null;
}

/** The x range every series is drawn over: all of theirs. */
export function sharedXRange(series: PlotSeries[]): [number, number] | null {
  const ranges = series.map((s) => s.summary.xRange).filter((r): r is [number, number] => r !== null);
  if (ranges.length === 0) return null;
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

export function lineChart(series: PlotSeries[], style: ChartStyle): string[] {
  const stats = series.map((s, i) => statsLine(s, i, style.paint));
  const yRange = sharedYRange(series);
  const xRange = sharedXRange(series);
  if (!yRange || !xRange) return ['(nothing to draw: no finite number)', ...stats];
  const [low, high] = yRange;

  const several = series.length > 1;
  const canvas = new BrailleCanvas(drawingCells(style.width, several ? series.map((s) => s.name) : undefined), style.rows);
  const bottom = canvas.height - 1;
  const dotOf = (y: number) => (high === low ? canvas.height >> 1 : Math.round(((high - y) / (high - low)) * bottom));
  const ends: number[] = [];
  series.forEach(({ summary }, index) => {
    const { first, last, min, max } = summary.columns;
    let previous = -1;
    for (let x = 0; x < Math.min(canvas.width, first.length); x++) {
      if (first[x] === null) continue;
      canvas.line(x, dotOf(min[x]!), x, dotOf(max[x]!), index);
      if (previous >= 0) canvas.line(previous, dotOf(last[previous]!), x, dotOf(first[x]!), index);
      previous = x;
    }
    ends.push(previous >= 0 ? dotOf(last[previous]!) >> 2 : -1);
  });

  const labels = new Map<number, string>([[0, axisNumber(high)], [style.rows - 1, axisNumber(low)]]);
  const middle = style.rows >> 1;
  if (style.rows >= 5 && high !== low) labels.set(middle, axisNumber(high - (((middle << 2) + 1.5) / bottom) * (high - low)));
  const rows = withYAxis(canvas.lines(style.paint), labels);
  if (several) placeNames(rows, series, ends, style);
  return [...rows, ...xAxis(canvas.cells, xRange[0], xRange[1]), ...stats];
}

/** Each series' name right of the row its line ends on, or the nearest free row. */
function placeNames(rows: string[], series: PlotSeries[], ends: number[], style: ChartStyle): void {
  const taken = new Set<number>();
  series.forEach((s, index) => {
    const end = ends[index]!;
    if (end < 0) return;
    for (let d = 0; d < rows.length; d++) {
      const row = [end - d, end + d].find((r) => r >= 0 && r < rows.length && !taken.has(r));
      if (row === undefined) continue;
      taken.add(row);
      rows[row] += ` ${style.paint(shortName(s.name), index)}`;
      return;
    }
  });
}
