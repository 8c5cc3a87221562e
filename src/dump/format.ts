// The dump file format (docs/dump-format.md): what a crash leaves behind to be opened later with
// `pmdb open`. Versioned JSON; values form a graph (identity and cycles kept through ids), bounded
// in depth and size, with truncation marked. Loading never executes anything from the file.

export const DUMP_FORMAT = 'pmdb-dump';
export const DUMP_VERSION = 2;

/** A value: a primitive inline, or a reference to an object in `Dump.objects`. */
export type ValueRef =
  | { t: 'undefined' }
  | { t: 'null' }
  | { t: 'boolean'; v: boolean }
  | { t: 'number'; v: number | 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { t: 'bigint'; v: string }
  | { t: 'string'; v: string; truncated?: number }
  | { t: 'symbol'; v: string }
  | { t: 'ref'; id: number }
  | { t: 'redacted' }
  | { t: 'unavailable'; why: string };

export interface DumpObject {
  /** What it is: `Object`, `Array`, `Map`, `Set`, `Error`, `Function`, `Proxy`, `Float64Array`... */
  kind: 'object' | 'array' | 'map' | 'set' | 'function' | 'error' | 'date' | 'regexp' | 'typedarray' | 'proxy' | 'other';
  className: string;
  /** Own properties in order; accessors are recorded, never called. */
  properties?: [key: string, value: ValueRef][];
  accessors?: string[];
  /** Getters its class defines (its prototypes' accessors up to Object.prototype), never called. */
  inheritedGetters?: string[];
  /** Array elements, Set members, Map [key, value] pairs. */
  items?: ValueRef[];
  entries?: [ValueRef, ValueRef][];
  /**
   * Numbers of a numeric or typed array, whole up to the bound: since version 2 one text, each
   * number as JavaScript writes it (`NaN`, `-Infinity`, `-0` included), comma-separated; in
   * version 1 a JSON array (NaN and infinities were lost as null).
   */
  numbers?: string | number[];
  /** Functions: name and where they are defined; errors: message and stack; dates, regexps: text. */
  name?: string;
  source?: { file: string; line: number };
  text?: string;
  /** Elements or properties left out by the bounds. */
  truncated?: number;
  /** The object was deeper than the depth bound: nothing of it was kept. */
  elided?: boolean;
}

export interface DumpFrame {
  name: string;
  file: string;
  line: number;
  column: number;
  async: boolean;
  scopes: { type: string; variables: [name: string, value: ValueRef][] }[];
  /** The frame's `this`, when it is an object other than the global one. */
  this?: ValueRef;
  /** Parameter names (for `args`) and the line the frame's function starts on (for `ll`). */
  args?: string[];
  functionLine?: number;
}

export interface Dump {
  format: typeof DUMP_FORMAT;
  version: number;
  createdAt: string;
  /** Whether the frames were captured at the throw (true) or rebuilt after the stack unwound. */
  live: boolean;
  /** Rebuilt frames that V8 cut at this Error.stackTraceLimit: older ones were not kept (Target.olderFramesNotKept). */
  olderFramesNotKept?: number;
  exception: { text: string; value: ValueRef; record: unknown };
  frames: DumpFrame[];
  objects: Record<string, DumpObject>;
  /** Source text of every file on the stack, so `list` works on another machine. */
  sources: Record<string, string>;
  process: {
    argv: string[];
    cwd: string;
    node: string;
    platform: string;
    pid: number;
    memory: Record<string, number>;
    env: Record<string, string>;
  };
  /** The worker thread the frames are from; absent for the main thread. */
  thread?: { id: number; file: string };
  /** Redaction applied when writing: names that look secret have their values removed. */
  redacted: boolean;
}
