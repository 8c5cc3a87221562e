/**
 * Draws a frame's source line and, when a caret plan exists, the caret line under it, the way
 * Python 3.13 does: the line is stripped, carets follow its display width.
 */
import type { Palette } from '../colors.js';
import { textWidth } from './text-width.js';
import type { CaretPlan } from './plan-carets.js';

const INDENT = '    ';

// Plans are cached and shared, so their drawings can be too (one per palette).
const drawings = new WeakMap<CaretPlan, Map<Palette, string>>();

// A line longer than this is minified or generated code (a bundler's output, tsx's own dist):
// printed whole it would fill screens, so only a window around the frame's column is shown.
const LONG_LINE = 200;
const WINDOW = 160;

/** Lines ending in `\n`, each indented by four spaces. `column` (0-based) centres a long line. */
export function renderSource(line: string, plan: CaretPlan | undefined, colors: Palette, column?: number): string {
  if (line.trim().length > LONG_LINE) return drawWindow(line, plan, colors, column);
  if (!plan) return draw(line, plan, colors);
  const forPlan = drawings.get(plan) ?? new Map<Palette, string>();
  drawings.set(plan, forPlan);
  let text = forPlan.get(colors);
  if (text === undefined) forPlan.set(colors, (text = draw(line, plan, colors)));
  return text;
}

function draw(line: string, plan: CaretPlan | undefined, colors: Palette): string {
  const indent = line.length - line.trimStart().length;
  const stripped = line.trim();
  if (!plan || plan.end <= indent) return `${INDENT}${stripped}\n`;
  const start = Math.max(plan.start, indent);
  const end = Math.min(plan.end, indent + stripped.length);
  const isPrimary = (offset: number): boolean => plan.primary.some(([s, e]) => offset >= s && offset < e);

  let code = '';
  let carets = ' '.repeat(textWidth(line.slice(indent, start)));
  let offset = start;
  while (offset < end) {
    // Runs of the same kind share one color sequence.
    const primary = isPrimary(offset);
    let runEnd = offset;
    while (runEnd < end && isPrimary(runEnd) === primary) runEnd++;
    const text = line.slice(offset, runEnd);
    const color = primary ? colors.primary : colors.secondary;
    const mark = primary ? '^' : '~';
    code += `${color}${text}${colors.reset}`;
    carets += `${color}${mark.repeat(textWidth(text))}${colors.reset}`;
    offset = runEnd;
  }
  const head = line.slice(indent, start);
  const tail = line.slice(end, indent + stripped.length);
  return `${INDENT}${head}${code}${tail}\n${INDENT}${carets}\n`;
}

/** The part of a long line around its failing expression (or the column), `…` where cut. */
function drawWindow(line: string, plan: CaretPlan | undefined, colors: Palette, column: number | undefined): string {
  const indent = line.length - line.trimStart().length;
  const lineEnd = indent + line.trim().length;
  const focus = Math.min(Math.max(plan?.start ?? column ?? indent, indent), lineEnd);
  const from = Math.max(indent, Math.min(focus - WINDOW / 4, lineEnd - WINDOW));
  const to = Math.min(lineEnd, from + WINDOW);
  const head = from > indent ? '…' : '';
  const tail = to < lineEnd ? '…' : '';
  const shift = from - head.length;
  const fits = plan && plan.start >= from && plan.end <= to;
  const windowPlan = fits
    ? { start: plan.start - shift, end: plan.end - shift, primary: plan.primary.map(([s, e]) => [s - shift, e - shift] as [number, number]) }
    : undefined;
  return draw(head + line.slice(from, to) + tail, windowPlan, colors);
}
