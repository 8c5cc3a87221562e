// Which promise a rejection pause is about, read from the paused frames' source. V8 pauses with
// the same reason for a throw that reaches an async function (rejecting that function's promise)
// and for a promise the code rejects itself: `reject(err)`, `Promise.reject(err)`, a throw in a
// `new Promise` executor. Only the first can be judged from the stack alone.
import type { Protocol } from 'devtools-protocol';
import { offsetOf } from '../util/text-offset.cjs';

/** A simple callee (`reject`, `Promise.reject`, `this.deferred.reject`), when the frame is at a call. */
export function calleeAt(source: string, location: Protocol.Debugger.Location): string | undefined {
  const offset = offsetOf(source, location.lineNumber, location.columnNumber ?? 0);
  // V8 places a call at its callee's name: the last property of a member call.
  const name = /^[A-Za-z_$][\w$]*(?=\s*\()/.exec(source.slice(offset, offset + 200))?.[0];
  if (!name) return undefined;
  const before = /((?:[A-Za-z_$][\w$]*\s*\.\s*)*)$/.exec(source.slice(Math.max(0, offset - 200), offset))?.[1] ?? '';
  // A chain that starts after something else (`f().reject(`, `a[0].reject(`) is not simple.
  if (/[\]).]\s*$/.test(source.slice(Math.max(0, offset - 200), offset - before.length))) return undefined;
  return before.replace(/\s+/g, '') + name;
}

/**
 * The caller is evaluating `new X(function ...)` and the function is the one written there as
 * its first argument: an executor the constructor called (a class's own constructor is written
 * elsewhere).
 */
export function isExecutorAt(source: string, caller: Protocol.Debugger.Location, fn: Protocol.Debugger.Location): boolean {
  const at = offsetOf(source, caller.lineNumber, caller.columnNumber ?? 0);
  const head = /^new\s+[A-Za-z_$][\w$.]*\s*\(\s*/.exec(source.slice(at, at + 200));
  if (!head) return false;
  const start = at + head[0].length;
  const fnAt = offsetOf(source, fn.lineNumber, fn.columnNumber ?? 0);
  return fnAt >= start && /^(async\s+)?(function\b\s*\*?\s*[\w$]*\s*)?$/.test(source.slice(start, fnAt));
}

/**
 * A promise's resolving function (`reject`, `resolve`: anonymous builtins) or `Promise.reject`, as
 * the inspector describes a function: its source text.
 */
export function isRejecter(callee: Protocol.Runtime.RemoteObject): boolean {
  return callee.type === 'function' && /^function (reject)?\(\) \{ \[native code\] \}$/.test(callee.description ?? '');
}
