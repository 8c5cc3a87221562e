// `plot --hist`: how the finite values of one series spread over equal bins between its min and
// max, as bars of eighth blocks (a bin holding anything shows at least one eighth).
import { statNumber } from './format-number.js';
import { drawingCells, statsLine, withYAxis, xAxis, type ChartStyle, type PlotSeries } from './chart-frame.js';

const BLOCKS = ' ▁▂▃▄▅▆▇█';

/** Bins to ask the summary for at most: one cell each. */
export const histogramBins = (width: number): number => drawingCells(width, undefined);

export function histogramChart(series: PlotSeries, index: number, style: ChartStyle): string[] {
  const stats = statsLine(series, index, style.paint);
  const { bins, min, max } = series.summary;
  if (!bins || min === null || max === null) return ['(nothing to draw: no finite number)', stats];
  const width = Math.max(1, Math.floor(histogramBins(style.width) / bins.length));
  const most = Math.max(...bins);
  const eighths = bins.map((n) => (n === 0 ? 0 : Math.max(1, Math.round((n / most) * style.rows * 8))));
  const drawing: string[] = [];
  for (let row = 0; row < style.rows; row++) {
    const floor = (style.rows - 1 - row) * 8;
    const line = eighths.map((e) => BLOCKS[Math.min(8, Math.max(0, e - floor))]!.repeat(width)).join('');
    drawing.push(style.paint(line, index));
  }
  const labels = new Map([[0, String(most)], [style.rows - 1, '0']]);
  const binWidth = bins.length > 0 && max > min ? (max - min) / bins.length : 0;
  return [
    ...withYAxis(drawing, labels),
    ...xAxis(bins.length * width, min, max),
    `${stats}; ${bins.length} bin${bins.length === 1 ? '' : 's'}${binWidth ? ` of width ${statNumber(binWidth)}` : ''}, most in one ${most}`,
  ];
}
