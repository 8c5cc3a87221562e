// The one interface every command talks to. A live paused program implements it (LiveTarget);
// a dump file will implement it too, so the same commands run on both.

export interface Frame {
  /** Name as pdb shows it: the function, `<module>` for top-level code, `<anonymous>`. */
  name: string;
  /** Original file (absolute path for files) and 1-based line and column, after source maps. */
  file: string;
  line: number;
  column: number;
  /** An awaiting caller known only by its location: no scopes, no locals. */
  async: boolean;
  /** Not live, but its variables were kept as they were at the throw. */
  hasSnapshot?: boolean;
}

import type { ExceptionRecord } from '../traceback/index.js';
import type { WorkerThread } from '../protocol/messages.js';
import type { Extraction, ExtractedValues } from './extracted.js';
import type { SeriesRequest, SeriesSummary } from '../plot/series-summary.js';
import type { Dump } from '../dump/format.js';

/** A value inside the target, opaque to commands. */
export interface Value {
  readonly kind: 'value';
}

export interface Variable {
  name: string;
  value: Value;
}

export interface ExceptionSummary {
  /** `TypeError: message`, or `Uncaught <value>` for a thrown non-Error. */
  text: string;
  value: Value;
}

export interface FormatOptions {
  pretty: boolean;
  colors: boolean;
}

/** `util.inspect`'s options for `p` (one level deep, as pdb's repr) and `pp` (pretty, deeper). */
export function inspectOptions(options: FormatOptions): { colors: boolean; depth: number; breakLength?: number; maxArrayLength?: number } {
  return options.pretty
    ? { colors: options.colors, depth: 6, breakLength: 80, maxArrayLength: 200 }
    : { colors: options.colors, depth: 2 };
}

/** An evaluation failed inside the target; the message is what pdb prints after `*** `. */
export class EvaluationError extends Error {}

export interface Target {
  /** Frames are live (assignments stick, functions can be called) or a snapshot. */
  readonly live: boolean;
  /** Innermost first, user frames only. */
  readonly frames: Frame[];
  /**
   * Frames rebuilt from an error's stack text that holds this `Error.stackTraceLimit` of frames:
   * V8 kept none older, if the program had any (how many is not known).
   */
  readonly olderFramesNotKept?: number;
  readonly exception?: ExceptionSummary;
  /** The worker thread whose frames these are; undefined for the main thread. */
  readonly thread?: WorkerThread;
  /** The session's copies made by `extract`: evaluations see those the program does not define. */
  readonly extracted: ExtractedValues;
  evaluate(frame: number, expression: string): Promise<Value>;
  /** `extract`: copies of the frame's variables, all or those named, independent of the program. */
  extract(frame: number, names: string[]): Promise<{ extraction: Extraction; missing: string[] }>;
  format(value: Value, options: FormatOptions): Promise<string>;
  /** `plot`: the value's numbers summarized where the value is (plot/series-summary.ts). */
  summarizeSeries(value: Value, request: SeriesRequest): Promise<SeriesSummary>;
  /** `whatis`: a short description of the value's type. */
  typeName(value: Value): Promise<string>;
  /** The frame's arguments (`args`) or all variables in its scopes. */
  variables(frame: number, which: 'args' | 'all'): Promise<Variable[]>;
  /** Where the function running in a frame starts, for `ll`. */
  functionStart(frame: number): Promise<{ file: string; line: number } | undefined>;
  /** A function's source text when its location is unknown (a dump keeps the text). */
  functionText?(value: Value): Promise<string | undefined>;
  /** Where a function value is defined, for `source`. */
  functionLocation(value: Value): Promise<{ file: string; line: number } | undefined>;
  /** Property names of a value, for completion. */
  propertyNames(value: Value): Promise<string[]>;
  sourceLines(file: string): Promise<string[] | undefined>;
  /** The user's source files the program has loaded (not Node's, pmdb's or installed packages). */
  loadedFiles(): Promise<string[]>;
  /** The value a frame paused at its return position is about to return (`retval`, `->value`). */
  returnValue?(frame: number): Value | undefined;
  /** Runs the frame's function again from its start (V8's restartFrame); resumes the program. */
  restartFrame?(frame: number): Promise<void>;
  /** The escaping error as the traceback library's plain-data record, with frames and causes. */
  exceptionRecord(): Promise<ExceptionRecord | undefined>;
  /** The stop as a dump's content (`view` serves that snapshot); a dump's own target returns its dump. */
  capture?(): Promise<Dump>;
  /** The chain under the current exception: `cause`s and AggregateError members, in order. */
  exceptionChain(): Promise<ExceptionSummary[]>;
  /** The target seen from one exception of the chain (its frames, rebuilt from its stack). */
  exceptionTarget(index: number): Promise<Target>;
}
