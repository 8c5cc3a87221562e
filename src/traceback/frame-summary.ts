/**
 * One frame ready for formatting, as Python's `traceback.FrameSummary`. Built from live call
 * sites by `StackSummary.extract()`, or from plain records (for example a debugger's CDP frames)
 * by `FrameSummary.fromRecord()`.
 */
import { planCarets, type CaretPlan } from './carets/plan-carets.js';
import { getSourceLine } from './source/source-lines.js';
import { safeRepr } from './values/safe-repr.js';

/** A frame as plain data. Columns are 0-based UTF-16 offsets, as V8 and CDP report them. */
export interface FrameRecord {
  filename: string;
  /** 1-based. */
  lineno: number;
  name: string;
  /** The position V8 reports for the frame (CDP `columnNumber`): it picks what carets underline. */
  colno?: number;
  endLineno?: number;
  endColno?: number;
  /** The source line as in the file, indentation included so columns match; looked up when absent. */
  line?: string;
  /** Already formatted values (reprs), printed as `name = value`. */
  locals?: Record<string, string>;
}

export interface FrameSummaryOptions {
  colno?: number;
  endLineno?: number;
  endColno?: number;
  /** Read the source line now (default) rather than on first use. */
  lookupLine?: boolean;
  /** Variables to show; values are turned into reprs now, as Python does. */
  locals?: Record<string, unknown>;
  /** The source line, which prevents any lookup. */
  line?: string;
  /**
   * Set on the innermost frame when the error is a failed property read or write, so carets
   * underline `a.b` rather than the call `a.b()` V8 places at the same column.
   */
  failedAccess?: boolean;
  /** For source-mapped frames: the original columns the position may fall in (see mapToOriginal). */
  colnoRange?: readonly [number, number];
}

export class FrameSummary {
  filename: string;
  lineno: number;
  name: string;
  colno: number | undefined;
  locals: Record<string, string> | undefined;
  failedAccess: boolean;
  private readonly colnoRange: readonly [number, number] | undefined;
  private rawLine: string | null | undefined;
  private givenEndLineno: number | undefined;
  private givenEndColno: number | undefined;
  private plan: CaretPlan | null | undefined;

  constructor(filename: string, lineno: number, name: string, options: FrameSummaryOptions = {}) {
    this.filename = filename;
    this.lineno = lineno;
    this.name = name;
    this.colno = options.colno;
    this.givenEndLineno = options.endLineno;
    this.givenEndColno = options.endColno;
    this.failedAccess = options.failedAccess ?? false;
    this.colnoRange = options.colnoRange;
    this.locals = options.locals && Object.fromEntries(Object.entries(options.locals).map(([k, v]) => [k, safeRepr(v)]));
    this.rawLine = options.line;
    if (options.lookupLine ?? true) void this.sourceLine;
  }

  static fromRecord(record: FrameRecord): FrameSummary {
    const frame = new FrameSummary(record.filename, record.lineno, record.name, {
      colno: record.colno, endLineno: record.endLineno, endColno: record.endColno, line: record.line, lookupLine: false,
    });
    frame.locals = record.locals && { ...record.locals };
    return frame;
  }

  /** The source line with its indentation, as the carets need it. */
  get sourceLine(): string | undefined {
    if (this.rawLine === undefined) this.rawLine = getSourceLine(this.filename, this.lineno) ?? null;
    return this.rawLine ?? undefined;
  }

  /** The source line stripped of surrounding whitespace, as in Python; undefined when unknown. */
  get line(): string | undefined {
    return this.sourceLine?.trim();
  }

  get endLineno(): number | undefined {
    return this.givenEndLineno ?? (this.caretPlan ? this.lineno : undefined);
  }

  get endColno(): number | undefined {
    return this.givenEndColno ?? this.caretPlan?.end;
  }

  /** What the caret line underlines, computed once; undefined when carets would add nothing. */
  get caretPlan(): CaretPlan | undefined {
    if (this.plan === undefined) {
      const line = this.sourceLine;
      this.plan = (line !== undefined && this.colno !== undefined && planCarets(line, this.colno, { preferMember: this.failedAccess, columnRange: this.colnoRange })) || null;
    }
    return this.plan ?? undefined;
  }

  /** Python's 4-tuple view: filename, lineno, name, line. */
  *[Symbol.iterator](): IterableIterator<string | number | undefined> {
    yield this.filename;
    yield this.lineno;
    yield this.name;
    yield this.line;
  }

  toString(): string {
    return `<FrameSummary file ${this.filename}, line ${this.lineno} in ${this.name}>`;
  }

  toJSON(): FrameRecord {
    return {
      filename: this.filename, lineno: this.lineno, name: this.name, colno: this.colno,
      endLineno: this.endLineno, endColno: this.endColno, line: this.sourceLine, locals: this.locals,
    };
  }
}
