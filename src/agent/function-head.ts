// Reading a function's head in generated source, from V8's functionLocation. V8 points an async
// arrow at `async`, a declaration or method at its parameter list.
import type { Protocol } from 'devtools-protocol';
import { BODY_OPEN } from './entry-body.cjs';
import { offsetOf } from '../util/text-offset.cjs';

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
