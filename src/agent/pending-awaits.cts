// What each pending async function of a process armed with pmdb/register awaits, for `pmdb
// stacks` (python's `asyncio pstree`). V8 links an awaited promise to the function awaiting it,
// but nothing reads that link from outside, so each `await` is noted as it happens: a promise
// hook (v8.promiseHooks, V8's own, no async_hooks) sees the promise V8 makes for the await and
// captures the stack there, unformatted: the awaiting function at its `await`, then its callers,
// V8 adding those that await it ("zero-cost async stack traces"). The note goes when the
// function resumes. The cost of each await is in docs/benchmarks.md ("pending async functions").
//
// Nothing the program sees changes: the hook runs no code of the program, formats nothing,
// keeps no promise alive (the note holds its promise weakly: a function awaiting a promise that
// can never settle is collected as without pmdb), and `pmdb stacks` reads the notes through the
// inspector (pendingAwaitFrames) while the process is paused.
import { promiseHooks } from 'node:v8';

/** One noted await: the stack where it happened, and the promise V8 made for it, weakly. */
interface Note {
  stack: { stack?: unknown };
  promise: WeakRef<Promise<unknown>>;
}

const notes = new Set<Note>();
const byPromise = new WeakMap<Promise<unknown>, Note>();
/** Notes whose promise was collected are dropped this often (each such function was collected too). */
const SWEEP_EVERY = 10_000;
let sinceSweep = 0;

function sweep(): void {
  for (const note of notes) if (!note.promise.deref()) notes.delete(note);
  sinceSweep = 0;
}

/** A promise with a parent: V8's promise for an `await` (its parent the awaited one), or `then`'s. */
function init(promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
  if (parent === undefined) return;
  const note: Note = { stack: {}, promise: new WeakRef(promise) };
  // Frames from the function that awaits (or calls `then`) outwards; this hook's own left out.
  Error.captureStackTrace(note.stack, init);
  notes.add(note);
  byPromise.set(promise, note);
  if (++sinceSweep >= SWEEP_EVERY) sweep();
}

/** The awaiting function resumes (or `then`'s callback runs): it awaits nothing any more. */
function before(promise: Promise<unknown>): void {
  const note = byPromise.get(promise);
  if (note) notes.delete(note);
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
  sweep();
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, sites) =>
    sites.map((s): AwaitFrame => [s.getFunctionName() ?? '', s.getFileName() ?? s.getScriptNameOrSourceURL() ?? '', s.getLineNumber() ?? 0, s.getColumnNumber() ?? 0, s.isAsync()]);
  try {
    return [...notes].map((note) => note.stack.stack).filter((frames): frames is AwaitFrame[] => Array.isArray(frames));
  } finally {
    Error.prepareStackTrace = prepare;
  }
}
