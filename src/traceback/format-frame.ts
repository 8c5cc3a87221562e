/** The text of one frame in Python 3.13's layout: header, source line, carets, locals. */
import { renderSource } from './carets/render-source.js';
import type { Palette } from './colors.js';
import type { FrameSummary } from './frame-summary.js';

export function formatFrame(frame: FrameSummary, colors: Palette): string {
  const { location: c, reset } = colors;
  const lineno = frame.lineno > 0 ? `, line ${c}${frame.lineno}${reset}` : '';
  let text = `  File ${c}"${frame.filename}"${reset}${lineno}, in ${c}${frame.name}${reset}\n`;
  const source = frame.sourceLine;
  if (source !== undefined && source.trim() !== '') text += renderSource(source, frame.caretPlan, colors, frame.colno);
  if (frame.locals) {
    for (const name of Object.keys(frame.locals).sort()) text += `    ${name} = ${frame.locals[name]}\n`;
  }
  return text;
}
