// Reading a function's head in generated source, from V8's functionLocation. V8 points an async
// arrow at `async`, a declaration or method at its parameter list.
import type { Protocol } from 'devtools-protocol';
import { BODY_OPEN } from './entry-body.cjs';

/** The string offset of a 0-based line and column, as CDP gives positions. */
export function offsetOf(text: string, line0: number, column0: number): number {
  let offset = 0;
  for (let i = 0; i < line0; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column0;
}

export function isAsyncFunctionAt(source: string, location: Protocol.Debugger.Location): boolean {
  const offset = offsetOf(source, location.lineNumber, location.columnNumber ?? 0);
  if (source.startsWith('async', offset)) return true;
  const head = source.slice(Math.max(0, offset - 200), offset);
  return /\basync\b[^;{}()=]*$/.test(head);
}

export function isEntryBodyAt(source: string, location: Protocol.Debugger.Location): boolean {
  const offset = offsetOf(source, location.lineNumber, location.columnNumber ?? 0);
  return source.startsWith(BODY_OPEN, offset - 1);
}
