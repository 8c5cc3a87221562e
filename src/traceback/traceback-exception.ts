/**
 * An exception captured for later rendering, as Python's `traceback.TracebackException`: its
 * type and message, its stack, its `cause` chain and, for AggregateError and SuppressedError,
 * its members as an exception group. Build one from a thrown value (`fromException`) or from
 * plain data (`fromData`, for frames that come from a debugger or a dump).
 */
import { paletteFor } from './colors.js';
import { formatChain } from './format-chain.js';
import { formatNodeStyle } from './format-node-style.js';
import { formatSyntaxLocation } from './format-syntax-error.js';
import type { FrameRecord } from './frame-summary.js';
import { entriesOfError } from './frames/error-entries.js';
import { StackSummary, applyLimit, type FormatOptions } from './stack-summary.js';
import { describeThrown } from './values/describe-thrown.js';
import { safeGet } from './values/safe-get.js';
import { syntaxLocationOf, type SyntaxLocation } from './values/syntax-location.js';

export interface TracebackOptions {
  /** Frames per stack: positive keeps the outermost `limit`, negative the innermost `-limit`. */
  limit?: number;
  lookupLines?: boolean;
  /** Show the locals frames carry (from `fromData` records); live errors carry none. */
  captureLocals?: boolean;
  /** Accepted for parity with Python; JS has no implicit `__context__`, so there is nothing to skip. */
  compact?: boolean;
  /** Members shown per group before `and N more exceptions` (default 15). */
  maxGroupWidth?: number;
  /** Group nesting shown before `... (max_group_depth is N)` (default 10). */
  maxGroupDepth?: number;
  /** Keep `node:` and builtin frames. */
  showInternal?: boolean;
}

export interface TracebackFormatOptions extends FormatOptions {
  /** Follow `cause` (default true). */
  chain?: boolean;
  /** `python` (default) or `node`: V8's own `    at fn (file:line:col)` lines, source-mapped. */
  style?: 'python' | 'node';
}

/** An exception as plain data: what `fromData` takes. Frames are oldest first, as Python prints them. */
export interface ExceptionRecord {
  type: string;
  message?: string;
  frames?: FrameRecord[];
  /** Extra lines after the message, such as `code`: name → formatted value. */
  properties?: Record<string, string>;
  cause?: ExceptionRecord;
  /** Members of a group (AggregateError). */
  exceptions?: ExceptionRecord[];
  /** Where a SyntaxError points (see TracebackException.syntaxLocation). */
  syntaxLocation?: SyntaxLocation;
}

const DEFAULT_MAX_GROUP_WIDTH = 15;
const DEFAULT_MAX_GROUP_DEPTH = 10;
const ACCESS_FAILURE = /^Cannot (?:read|set) propert/;

export class TracebackException {
  excType: string;
  message: string;
  /** `[name, repr]` of own properties printed after the message. */
  properties: Array<[string, string]>;
  stack: StackSummary;
  cause: TracebackException | undefined;
  /** The members of an exception group, up to `maxGroupWidth` of them; undefined otherwise. */
  exceptions: TracebackException[] | undefined;
  /** How many members the group has, including those not kept. */
  groupSize: number;
  /**
   * For a SyntaxError whose place is known: Python's `filename`, `lineno`, `text`, `offset`,
   * `end_offset` (offsets 1-based, as there), printed as `File "x", line N` and carets.
   */
  syntaxLocation: SyntaxLocation | undefined;
  maxGroupWidth: number;
  maxGroupDepth: number;

  /** Captures `value`, which may be anything that was thrown. Never throws. */
  constructor(value: unknown, options: TracebackOptions = {}) {
    this.excType = '';
    this.message = '';
    this.properties = [];
    this.stack = new StackSummary();
    this.cause = undefined;
    this.exceptions = undefined;
    this.groupSize = 0;
    this.syntaxLocation = undefined;
    this.maxGroupWidth = options.maxGroupWidth ?? DEFAULT_MAX_GROUP_WIDTH;
    this.maxGroupDepth = options.maxGroupDepth ?? DEFAULT_MAX_GROUP_DEPTH;
    captureChain(this, value, options, new Set(), 0);
  }

  static fromException(value: unknown, options: TracebackOptions = {}): TracebackException {
    return new TracebackException(value, options);
  }

  /**
   * Builds a traceback from plain data, with no live error: the entry point for debuggers and
   * dumps. Frames are shown as given (already source-mapped), lines read from disk if absent.
   */
  static fromData(record: ExceptionRecord, options: TracebackOptions = {}): TracebackException {
    const result = new TracebackException(undefined, options);
    result.excType = record.type;
    result.message = record.message ?? '';
    result.properties = Object.entries(record.properties ?? {});
    result.syntaxLocation = record.syntaxLocation && { ...record.syntaxLocation };
    const frames = (record.frames ?? []).map((frame) => ({ ...frame, locals: options.captureLocals ? frame.locals : undefined }));
    result.stack = StackSummary.fromList(applyLimit(frames, options.limit));
    markFailedAccess(result);
    result.cause = record.cause && TracebackException.fromData(record.cause, options);
    const members = record.exceptions;
    result.groupSize = members?.length ?? 0;
    result.exceptions = members?.slice(0, result.maxGroupWidth).map((m) => TracebackException.fromData(m, options));
    return result;
  }

  /** Lines ending in `\n`; the exception line(s) come last, as in Python. */
  format(options: TracebackFormatOptions = {}): string[] {
    if (options.style === 'node') return formatNodeStyle(this, options);
    return formatChain(this, options);
  }

  /** `Type: message` and the property lines, each ending in `\n`. */
  formatExceptionOnly(options: FormatOptions = {}): string[] {
    const colors = paletteFor(options.colorize);
    const { excType, excMessage, reset } = colors;
    const located = this.syntaxLocation ? formatSyntaxLocation(this.syntaxLocation, colors) : [];
    const group = this.exceptions ? groupSuffix(this.groupSize) : '';
    const message = this.message === '' ? group.trimStart() : this.message + group;
    const head = message === '' ? `${excType}${this.excType}${reset}` : `${excType}${this.excType}${reset}: ${excMessage}${message}${reset}`;
    return [...located, `${head}\n`, ...this.properties.map(([name, value]) => `  ${name}: ${value}\n`)];
  }

  toString(): string {
    return this.format().join('');
  }
}

function groupSuffix(size: number): string {
  return ` (${size} sub-exception${size === 1 ? '' : 's'})`;
}

/**
 * Fills `target` from `value` and follows its cause chain iteratively (chains can be long);
 * values already seen are cut, as Python cuts cycles. Groups recurse, bounded by depth.
 */
function captureChain(target: TracebackException, value: unknown, options: TracebackOptions, seen: Set<unknown>, depth: number): void {
  let current = target;
  let currentValue = value;
  for (;;) {
    if (currentValue !== null && typeof currentValue === 'object') seen.add(currentValue);
    const cause = captureOne(current, currentValue, options, seen, depth);
    if (cause === undefined || seen.has(cause.value)) return;
    const next = blankLike(current);
    current.cause = next;
    current = next;
    currentValue = cause.value;
  }
}

function captureOne(target: TracebackException, value: unknown, options: TracebackOptions, seen: Set<unknown>, depth: number): { value: unknown } | undefined {
  const description = describeThrown(value);
  target.excType = description.excType;
  target.message = description.message;
  target.properties = description.properties;
  target.stack = StackSummary.extract(entriesOfError(value).reverse(), options);
  // Read after the frames were taken, so that the call sites are still there to take.
  target.syntaxLocation = description.excType === 'SyntaxError' ? syntaxLocationOf(safeGet(value, 'stack')) : undefined;
  target.cause = undefined;
  markFailedAccess(target);
  const members = description.members;
  target.groupSize = members?.length ?? 0;
  target.exceptions = undefined;
  if (members) {
    // Deeper groups are not shown (see maxGroupDepth), so they need not be captured.
    const kept = depth > target.maxGroupDepth ? [] : members.slice(0, target.maxGroupWidth);
    target.exceptions = kept.filter((m) => !seen.has(m)).map((member) => {
      const child = blankLike(target);
      captureChain(child, member, options, seen, depth + 1);
      return child;
    });
  }
  return description.hasCause ? { value: description.cause } : undefined;
}

/** An empty TracebackException with the same group limits, to be filled by captureOne. */
function blankLike(model: TracebackException): TracebackException {
  return new TracebackException(undefined, { maxGroupWidth: model.maxGroupWidth, maxGroupDepth: model.maxGroupDepth });
}

/** V8 places a failed `a.b.c()` read and the call at one column: the message tells them apart. */
function markFailedAccess(target: TracebackException): void {
  const innermost = target.stack[target.stack.length - 1];
  if (innermost && target.excType === 'TypeError' && ACCESS_FAILURE.test(target.message)) innermost.failedAccess = true;
}
