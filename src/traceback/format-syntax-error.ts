/**
 * Python 3.13's lines for where a SyntaxError points, printed between the traceback and the
 * `SyntaxError: message` line: `  File "x", line N`, the line without its indentation, and
 * carets under the offending part (Python's `_format_syntax_error`, offsets 1-based as there).
 */
import type { Palette } from './colors.js';
import type { SyntaxLocation } from './values/syntax-location.js';

export function formatSyntaxLocation(location: SyntaxLocation, colors: Palette): string[] {
  const { location: c, primary, reset } = colors;
  const lines = [`  File ${c}"${location.filename}"${reset}, line ${c}${location.lineno}${reset}\n`];
  if (location.text === undefined) return lines;
  const rtext = location.text.replace(/\n$/, '');
  // Python strips spaces, newlines and form feeds only: leading tabs stay, as in the file.
  const ltext = rtext.replace(/^[ \n\f]+/, '');
  const spaces = rtext.length - ltext.length;
  if (location.offset === undefined) return [...lines, `    ${ltext}\n`];
  let offset = location.offset;
  let end = location.endOffset || offset;
  if (offset > rtext.length) offset = rtext.length + 1;
  if (end > rtext.length) end = rtext.length + 1;
  if (offset >= end) end = offset + 1;
  const colno = offset - 1 - spaces;
  const endColno = end - 1 - spaces;
  if (colno < 0) return [...lines, `    ${ltext}\n`];
  // Tabs before the carets are kept so that they line up.
  const caretSpace = ltext.slice(0, colno).replace(/\S/g, ' ');
  const marked = `${ltext.slice(0, colno)}${primary}${ltext.slice(colno, endColno)}${reset}${ltext.slice(endColno)}`;
  return [...lines, `    ${marked}\n`, `    ${caretSpace}${primary}${'^'.repeat(endColno - colno)}${reset}\n`];
}
