/**
 * One frame as the runtime reports it, before source mapping and line lookup: what
 * `walkStack()`/`walkTb()` yield and `StackSummary.extract()` consumes.
 */
import { fileURLToPath } from 'node:url';
import { BoundedCache } from '../bounded-cache.js';

export interface StackEntry {
  /** A path for files (file: URLs are converted), else what V8 says: `node:fs`, `<anonymous>`. */
  filename: string;
  /** 1-based line; 0 when unknown. */
  lineno: number;
  /** 0-based UTF-16 column; -1 when unknown. */
  colno: number;
  /** Display name: `load`, `Account.deposit`, `new Account`, `<module>`, `<anonymous>`. */
  name: string;
  /** An awaiting caller, which V8 shows as `at async fn (...)`. */
  isAsync: boolean;
  /** Node's own code or a builtin without source: hidden unless asked for. */
  isInternal: boolean;
  /** The position is already source-mapped (Node did it), so must not be mapped again. */
  isMapped: boolean;
}

const MODULE_RUNNERS = [
  /^node:internal\/modules\/cjs\/loader$/,
  /^node:internal\/modules\/esm\/module_job$/,
];

/** Node's own modules, and builtins such as `Array.map` that have no source position. */
export function isInternal(filename: string, lineno: number): boolean {
  return filename.startsWith('node:') || lineno === 0;
}

/**
 * Names module bodies `<module>` and nameless functions `<anonymous>`, as DESIGN §2 asks. A
 * module body is a nameless frame that Node's module runner called, or CommonJS's wrapper,
 * which V8 names `Object.<anonymous>`. Entries are newest first.
 */
export function nameModuleFrames(entries: StackEntry[]): StackEntry[] {
  return entries.map((entry, index) => {
    const caller = entries[index + 1];
    const calledByRunner = caller !== undefined && MODULE_RUNNERS.some((r) => r.test(caller.filename));
    // Node's source-mapped stacks already say `<anonymous>` where V8 has no name.
    const nameless = entry.name === '' || entry.name === '<anonymous>';
    if (entry.name === 'Object.<anonymous>' || (nameless && calledByRunner)) return { ...entry, name: '<module>' };
    return nameless ? { ...entry, name: '<anonymous>' } : entry;
  });
}

// URL parsing is the slowest step of naming a frame, and programs have few files.
const paths = new BoundedCache<string, string>(1024);

/** `file:///a/b.js` → `/a/b.js`; anything else unchanged. */
export function displayPath(location: string): string {
  if (!location.startsWith('file://')) return location;
  const cached = paths.get(location);
  if (cached !== undefined) return cached;
  try {
    return paths.set(location, fileURLToPath(location));
  } catch {
    return location;
  }
}
