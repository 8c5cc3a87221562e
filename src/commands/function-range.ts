// The lines a function spans in its original source, for `ll` and `source`: from its first line
// to the brace that closes its body. Strings, template literals and comments are skipped so their
// braces do not count.
import { escapeRegExp } from '../util/escape-regexp.cjs';

export function functionEnd(lines: string[], startLine: number): number {
  let depth = 0;
  let opened = false;
  let quote = '';
  let blockComment = false;
  for (let n = startLine; n <= lines.length; n++) {
    const text = lines[n - 1]!;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (blockComment) {
        if (ch === '*' && text[i + 1] === '/') {
          blockComment = false;
          i++;
        }
        continue;
      }
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '/' && text[i + 1] === '/') break;
      if (ch === '/' && text[i + 1] === '*') {
        blockComment = true;
        i++;
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') {
        depth--;
        if (opened && depth === 0) return n;
      }
    }
    // Template literals span lines; ordinary strings do not.
    if (quote !== '`') quote = '';
    if (!opened && n === startLine && !/[({[,=]\s*$/.test(text)) return n;
  }
  return lines.length;
}

/**
 * The line a named function's head is on, searching up from `fromLine`: for frames that carry no
 * function location (rebuilt after the stack unwound) and for classes, whose location V8 gives
 * as their constructor's.
 */
export function findHead(lines: string[], fromLine: number, name: string, kind: 'function' | 'class'): number | undefined {
  const n = escapeRegExp(name.replace(/^.*\./, ''));
  const head =
    kind === 'class'
      ? new RegExp(`\\bclass\\s+${n}\\b`)
      : new RegExp(
          `\\bfunction\\s*\\*?\\s*${n}\\s*\\(|\\b${n}\\s*[:=]\\s*(async\\s+)?(function\\b|\\(|[A-Za-z_$][\\w$]*\\s*=>)|^\\s*(static\\s+|async\\s+|get\\s+|set\\s+)*${n}\\s*\\(`,
        );
  for (let line = Math.min(fromLine, lines.length); line >= 1; line--) if (head.test(lines[line - 1]!)) return line;
  return undefined;
}
