// `plot --svg FILE`: the same chart as an SVG document, from summaries taken at SVG_COLUMNS
// columns (one per horizontal pixel of the plot area); the statistics lines are its legend.
import { axisNumber } from './format-number.js';
import { sharedXRange, sharedYRange } from './line-chart.js';
import { statsLine, type PlotSeries } from './chart-frame.js';

/** Horizontal pixels of the plot area, and so the columns each series is summarized into. */
export const SVG_COLUMNS = 800;
const HEIGHT = 300;
const MARGIN = { left: 80, right: 20, top: 20, bottom: 40 };
const LEGEND_LINE = 18;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

/** What marks a file as a plot pmdb wrote: such a file may be replaced by the next plot. */
export const SVG_MARK = 'data-generator="pmdb plot"';

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
const px = (n: number): string => String(Math.round(n * 10) / 10);

export function svgChart(series: PlotSeries[], hist: boolean): string {
  const colorOf = (i: number) => COLORS[i % COLORS.length]!;
  const legend = series.map((s, i) => statsLine(s, i, (text) => text));
  const panels = hist ? series.map((s, i) => histogramPanel(s, colorOf(i))) : [linePanel(series, colorOf)];
  const panelHeight = HEIGHT + MARGIN.top + MARGIN.bottom;
  const width = MARGIN.left + SVG_COLUMNS + MARGIN.right;
  const height = panelHeight * panels.length + LEGEND_LINE * legend.length + 10;
  const body = panels.map((p, i) => `<g transform="translate(0,${i * panelHeight})">${p}</g>`).join('\n');
  const legendText = legend
    .map((line, i) => `<text x="${MARGIN.left}" y="${panelHeight * panels.length + LEGEND_LINE * (i + 1)}" fill="${colorOf(i)}">${escape(line)}</text>`)
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" ${SVG_MARK} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    body,
    legendText,
    '</svg>',
    '',
  ].join('\n');
}

/** Axes with the y range at the left and the x range under the plot area. */
function axes(low: number, high: number, left: number, right: number): string {
  const x0 = MARGIN.left;
  const y0 = MARGIN.top + HEIGHT;
  return [
    `<path d="M${x0} ${MARGIN.top}V${y0}H${x0 + SVG_COLUMNS}" fill="none" stroke="#444"/>`,
    `<text x="${x0 - 6}" y="${MARGIN.top + 4}" text-anchor="end">${escape(axisNumber(high))}</text>`,
    `<text x="${x0 - 6}" y="${y0}" text-anchor="end">${escape(axisNumber(low))}</text>`,
    `<text x="${x0}" y="${y0 + 16}">${escape(axisNumber(left))}</text>`,
    `<text x="${x0 + SVG_COLUMNS}" y="${y0 + 16}" text-anchor="end">${escape(axisNumber(right))}</text>`,
  ].join('\n');
}

function linePanel(series: PlotSeries[], colorOf: (i: number) => string): string {
  const yRange = sharedYRange(series);
  const xRange = sharedXRange(series);
  if (!yRange || !xRange) return '';
  const [low, high] = yRange;
  const yOf = (y: number) => px(MARGIN.top + (high === low ? HEIGHT / 2 : ((high - y) / (high - low)) * HEIGHT));
  const paths = series.map(({ summary }, i) => {
    const { first, last, min, max } = summary.columns;
    let d = '';
    for (let c = 0; c < first.length; c++) {
      if (first[c] === null) continue;
      const x = px(MARGIN.left + c + 0.5);
      d += `${d ? 'L' : 'M'}${x} ${yOf(first[c]!)}L${x} ${yOf(min[c]!)}L${x} ${yOf(max[c]!)}L${x} ${yOf(last[c]!)}`;
    }
    return `<path d="${d}" fill="none" stroke="${colorOf(i)}" stroke-width="1"/>`;
  });
  return [axes(low, high, xRange[0], xRange[1]), ...paths].join('\n');
}

function histogramPanel({ summary }: PlotSeries, color: string): string {
  const { bins, min, max } = summary;
  if (!bins || min === null || max === null) return '';
  const most = Math.max(...bins);
  const barWidth = SVG_COLUMNS / bins.length;
  const bars = bins.map((n, i) => {
    const h = (n / most) * HEIGHT;
    return `<rect x="${px(MARGIN.left + i * barWidth)}" y="${px(MARGIN.top + HEIGHT - h)}" width="${px(barWidth)}" height="${px(h)}" fill="${color}" stroke="white" stroke-width="0.5"/>`;
  });
  return [axes(0, most, min, max), ...bars].join('\n');
}
