/**
 * A list of frames ready for formatting, as Python's `traceback.StackSummary`: extracted from
 * stack entries (with source mapping, internal-frame hiding and `limit`), or built from records.
 */
import { paletteFor } from './colors.js';
import { formatFrame } from './format-frame.js';
import { FrameSummary, type FrameRecord } from './frame-summary.js';
import type { StackEntry } from './frames/stack-entry.js';
import { resolvePosition, sourceLineOf } from './source/resolve-position.js';

export interface ExtractOptions {
  /** Positive: the first `limit` entries; negative: the last `-limit`, as in Python. */
  limit?: number;
  /** Read source lines now (default true) rather than when formatting. */
  lookupLines?: boolean;
  /** Keep each entry's locals, shown as `name = value` lines. */
  captureLocals?: boolean;
  /** Keep `node:` and builtin frames (hidden by default). */
  showInternal?: boolean;
}

export interface FormatOptions {
  /** ANSI colors as Python 3.13 prints them. */
  colorize?: boolean;
}

/** Frames repeated beyond this count collapse into `[Previous line repeated N more times]`. */
const RECURSIVE_CUTOFF = 3;

export type StackEntryWithLocals = StackEntry & { locals?: Record<string, unknown> };

export class StackSummary extends Array<FrameSummary> {
  static extract<T extends StackSummary>(this: new () => T, entries: Iterable<StackEntryWithLocals>, options: ExtractOptions = {}): T {
    const visible = [...entries].filter((entry) => options.showInternal || !entry.isInternal);
    const lookupLine = options.lookupLines ?? true;
    const summary = new this();
    for (const entry of applyLimit(visible, options.limit)) {
      const position = resolvePosition(entry.filename, entry.lineno, entry.colno, entry.isMapped);
      summary.push(new FrameSummary(position.filename, position.lineno, entry.name, {
        colno: position.colno >= 0 ? position.colno : undefined,
        colnoRange: position.columnRange,
        line: lookupLine ? sourceLineOf(position) : undefined,
        lookupLine,
        locals: options.captureLocals ? entry.locals : undefined,
      }));
    }
    return summary;
  }

  /** From FrameSummary objects, plain records, or Python-style `[filename, lineno, name, line]` tuples. */
  static fromList<T extends StackSummary>(this: new () => T, list: Iterable<FrameSummary | FrameRecord | readonly [string, number, string, string?]>): T {
    const summary = new this();
    for (const item of list) {
      if (item instanceof FrameSummary) summary.push(item);
      else if (Array.isArray(item)) summary.push(FrameSummary.fromRecord({ filename: item[0], lineno: item[1], name: item[2], line: item[3] }));
      else summary.push(FrameSummary.fromRecord(item as FrameRecord));
    }
    return summary;
  }

  /** One string per frame, each ending in a newline; long runs of one frame are collapsed. */
  format(options: FormatOptions = {}): string[] {
    const result: string[] = [];
    let previous: FrameSummary | undefined;
    let count = 0;
    // An index loop: iterating an Array subclass with for-of misses V8's fast path.
    for (let i = 0; i < this.length; i++) {
      const frame = this[i]!;
      if (!previous || previous.filename !== frame.filename || previous.lineno !== frame.lineno || previous.name !== frame.name) {
        if (count > RECURSIVE_CUTOFF) result.push(repeatedLine(count - RECURSIVE_CUTOFF));
        previous = frame;
        count = 0;
      }
      count++;
      if (count <= RECURSIVE_CUTOFF) result.push(this.formatFrameSummary(frame, options));
    }
    if (count > RECURSIVE_CUTOFF) result.push(repeatedLine(count - RECURSIVE_CUTOFF));
    return result;
  }

  /** The text of one frame; override to change how frames look. */
  formatFrameSummary(frame: FrameSummary, options: FormatOptions = {}): string {
    return formatFrame(frame, paletteFor(options.colorize));
  }

  // Array methods such as map() and filter() must build plain arrays, not summaries.
  static get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

function repeatedLine(count: number): string {
  return `  [Previous line repeated ${count} more time${count > 1 ? 's' : ''}]\n`;
}

export function applyLimit<T>(items: T[], limit: number | undefined): T[] {
  if (limit === undefined) return items;
  return limit >= 0 ? items.slice(0, limit) : items.slice(limit);
}
