/**
 * The module-level functions of Python's `traceback`, in camelCase. Where Python takes a
 * traceback object, these take the thrown value (its stack is the traceback); where Python takes
 * a frame to start from, these take a function (`from`) whose caller starts the stack.
 */
import { canColorize } from './colors.js';
import { currentCallSites, entriesFromCallSites } from './frames/call-sites.js';
import { entriesOfError } from './frames/error-entries.js';
import type { StackEntry } from './frames/stack-entry.js';
import type { FrameRecord, FrameSummary } from './frame-summary.js';
import { StackSummary, type ExtractOptions, type FormatOptions } from './stack-summary.js';
import { TracebackException, type TracebackFormatOptions, type TracebackOptions } from './traceback-exception.js';

/** Where print functions write: process.stderr by default; colors follow `isTTY` and the environment. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface PrintOptions {
  file?: Output;
  colorize?: boolean;
}

export interface StackOptions extends ExtractOptions {
  /** Start at the caller of this function instead of the caller of the library function. */
  from?: Function;
}

export type ExceptionOptions = TracebackOptions & TracebackFormatOptions;

/**
 * Frames of the current stack, newest first, as V8 reports them (not yet source-mapped). Taken
 * at the call, not on first iteration: a generator body would run under whoever iterates it.
 */
export function walkStack(from: Function = walkStack): IterableIterator<StackEntry> {
  return entriesFromCallSites(currentCallSites(from)).values();
}

/** Frames of a thrown value's stack, oldest first (the order a traceback prints). */
export function walkTb(error: unknown): IterableIterator<StackEntry> {
  return entriesOfError(error).reverse().values();
}

export function extractTb(error: unknown, options: ExtractOptions = {}): StackSummary {
  return StackSummary.extract(walkTb(error), options);
}

/** The current stack, oldest first; a positive `limit` keeps the newest frames, as in Python. */
export function extractStack(options: StackOptions = {}): StackSummary {
  const summary = StackSummary.extract(walkStack(options.from ?? extractStack), options);
  summary.reverse();
  return summary;
}

export function formatList(list: Iterable<FrameSummary | FrameRecord | readonly [string, number, string, string?]>, options: FormatOptions = {}): string[] {
  return StackSummary.fromList(list).format(options);
}

export function formatTb(error: unknown, options: ExtractOptions & FormatOptions = {}): string[] {
  return extractTb(error, options).format(options);
}

export function formatStack(options: StackOptions & FormatOptions = {}): string[] {
  return extractStack({ ...options, from: options.from ?? formatStack }).format(options);
}

export function formatExceptionOnly(exc: unknown, options: FormatOptions = {}): string[] {
  return new TracebackException(exc, { limit: 0 }).formatExceptionOnly(options);
}

/** The full traceback of `exc` with its causes and group members; lines end in `\n`. */
export function formatException(exc: unknown, options: ExceptionOptions = {}): string[] {
  return new TracebackException(exc, options).format(options);
}

export function printTb(error: unknown, options: ExtractOptions & PrintOptions = {}): void {
  print(options, (colorize) => formatTb(error, { ...options, colorize }));
}

export function printException(exc: unknown, options: ExceptionOptions & PrintOptions = {}): void {
  print(options, (colorize) => formatException(exc, { ...options, colorize }));
}

export function printStack(options: StackOptions & PrintOptions = {}): void {
  print(options, (colorize) => formatStack({ ...options, from: options.from ?? printStack, colorize }));
}

function print(options: PrintOptions, lines: (colorize: boolean) => string[]): void {
  const file = options.file ?? process.stderr;
  file.write(lines(options.colorize ?? canColorize(file)).join(''));
}
