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

/** Node's own modules, and builtins such as `Array.map` that have no source position. */
export function isInternal(filename: string, lineno: number): boolean {
  return filename.startsWith('node:') || lineno === 0;
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
