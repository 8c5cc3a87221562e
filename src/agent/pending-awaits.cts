// What each pending async function of a process armed with pmdb/register awaits, for `pmdb
// stacks` (python's `asyncio pstree`), with PMDB_AWAITS=1. V8 links an awaited promise to the
// function awaiting it, but nothing reads that link from outside, so each `await` is noted as it
// happens: a promise hook (v8.promiseHooks, V8's own, no async_hooks) sees the promise V8 makes
// for the await and captures the stack there, unformatted: the awaiting function at its
// `await`, then its callers, V8 adding those that await it ("zero-cost async stack traces"). The
// note goes when the function resumes. Opt-in: a capture costs ~2-3 us per await and `then`
// (docs/benchmarks.md, "Pending async functions"), where awaits are already the armed
// process's dearest operation. A function awaiting a promise that never settles stays noted,
// and so in memory, until the process ends (V8 would collect it): telling would cost a WeakRef
// per await, three times the price.
//
// Nothing else the program sees changes: the hook runs no code of the program and formats
// nothing; `pmdb stacks` reads the notes through the inspector (pendingAwaitFrames) while the
// process is paused.
import { promiseHooks } from 'node:v8';

/** The stack of each pending await, unformatted, by the promise V8 made for it. */
const notes = new Map<Promise<unknown>, { stack?: unknown }>();

/** A promise with a parent: V8's promise for an `await` (its parent the awaited one), or `then`'s. */
function init(promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
  if (parent === undefined) return;
  const note = {};
  // Frames from the function that awaits (or calls `then`) outwards; this hook's own left out.
  Error.captureStackTrace(note, init);
  notes.set(promise, note);
}

/** The awaiting function resumes (or `then`'s callback runs): it awaits nothing any more. */
function before(promise: Promise<unknown>): void {
  notes.delete(promise);
}

export function notePendingAwaits(): void {
  promiseHooks.createHook({ init, before });
}

/** A frame as pmdb reads it: function name, file (path or URL), 1-based line and column, async. */
export type AwaitFrame = [name: string, file: string, line: number, column: number, awaiting: boolean];

/**
 * Called by `pmdb stacks` through the inspector, the process paused: the stack of each pending
 * await, innermost first. Formatting happens here, once, with pmdb's formatter: the stacks were
 * captured unformatted, and the program's own Error.prepareStackTrace is put back at once.
 */
export function pendingAwaitFrames(): AwaitFrame[][] {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, sites) =>
    sites.map((s): AwaitFrame => [s.getFunctionName() ?? '', s.getFileName() ?? s.getScriptNameOrSourceURL() ?? '', s.getLineNumber() ?? 0, s.getColumnNumber() ?? 0, s.isAsync()]);
  try {
    return [...notes.values()].map((note) => note.stack).filter((frames): frames is AwaitFrame[] => Array.isArray(frames));
  } finally {
    Error.prepareStackTrace = prepare;
  }
}
