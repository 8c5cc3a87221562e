/**
 * pmdb/traceback: Python's `traceback` module for JavaScript and TypeScript, source-mapped.
 *
 * Formatting a traceback from plain frame records (a debugger's CDP frames, a dump file) goes
 * through `TracebackException.fromData(record, options)` then `.format()`:
 *
 * ```ts
 * const lines = TracebackException.fromData({
 *   type: 'TypeError',
 *   message: "Cannot read properties of undefined (reading 'seconds')",
 *   // Oldest first (reverse CDP's callFrames); positions already mapped to the original source;
 *   // colno is CDP's 0-based columnNumber; line (with indentation) is read from disk if absent.
 *   frames: [
 *     { filename: '/app/job.ts', lineno: 12, name: 'main', colno: 38 },
 *     { filename: '/app/job.ts', lineno: 6, name: 'load', colno: 26, line: '  return config.timeout!.seconds * 1000;' },
 *   ],
 *   cause: { type: 'Error', message: 'config missing' },       // optional, same shape
 *   exceptions: undefined,                                      // optional group members
 * }).format({ colorize: false });
 * process.stderr.write(lines.join(''));
 * ```
 *
 * `StackSummary.fromList(records).format()` does the same for a bare list of frames.
 */
export {
  extractStack, extractTb, formatException, formatExceptionOnly, formatList, formatStack, formatTb,
  printException, printStack, printTb, walkStack, walkTb,
  type ExceptionOptions, type Output, type PrintOptions, type StackOptions,
} from './api.js';
export { TracebackException, type ExceptionRecord, type TracebackFormatOptions, type TracebackOptions } from './traceback-exception.js';
export { StackSummary, type ExtractOptions, type FormatOptions } from './stack-summary.js';
export { FrameSummary, type FrameRecord, type FrameSummaryOptions } from './frame-summary.js';
export type { StackEntry } from './frames/stack-entry.js';
export type { SyntaxLocation } from './values/syntax-location.js';
export { canColorize } from './colors.js';
export { clearCaches } from './clear-caches.js';
