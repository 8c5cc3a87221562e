/**
 * Where a SyntaxError points, when Node tells: for code it compiles itself (CommonJS modules,
 * `vm` scripts) Node puts `file:line`, the source line and a caret line at the top of `stack`,
 * before `SyntaxError: message`. V8's own SyntaxErrors (`new Function`, `eval`, `JSON.parse`)
 * carry no position in the code, and for ES modules Node keeps the location to itself.
 */
import { displayPath } from '../frames/stack-entry.js';

/** Python's SyntaxError attributes: `offset` and `endOffset` are 1-based, as in Python. */
export interface SyntaxLocation {
  filename: string;
  lineno: number;
  /** The offending line as in the file. */
  text?: string;
  /** First column the carets cover, 1-based. */
  offset?: number;
  /** The column after the last caret, 1-based. */
  endOffset?: number;
}

// `location:line`, the line, then spaces (or the line's own tabs) and carets, then a blank line.
const DECORATED_HEAD = /^(.+):(\d+)\n(.*)\n(\s*)(\^+)\s*\n\n/;

export function syntaxLocationOf(stack: unknown): SyntaxLocation | undefined {
  const match = typeof stack === 'string' ? DECORATED_HEAD.exec(stack) : null;
  if (!match) return undefined;
  const [, location, line, text, indent, carets] = match as unknown as [string, string, string, string, string, string];
  const offset = indent.length + 1;
  return { filename: displayPath(location), lineno: Number(line), text, offset, endOffset: offset + carets.length };
}
