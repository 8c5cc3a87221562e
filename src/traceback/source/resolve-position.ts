/**
 * Where a frame's generated position really is, with its source line: source-mapped when the
 * file has a map. Cached by generated position: the same frames recur in every traceback a
 * program prints, and mapping plus line lookup cost more than the rest of a frame.
 */
import { BoundedCache } from '../bounded-cache.js';
import { getSourceLine } from './source-lines.js';
import { mapToOriginal } from './source-maps.js';

export interface ResolvedPosition {
  filename: string;
  lineno: number;
  /** 0-based; -1 when unknown. */
  colno: number;
  /** For mapped positions, the original columns the position may fall in (see mapToOriginal). */
  columnRange: readonly [number, number] | undefined;
  /** The source line with its indentation once looked up (see sourceLineOf); null when unknown. */
  line?: string | null;
}

const byFile = new BoundedCache<string, Map<number, ResolvedPosition>>(256);

/** `isMapped`: the runtime mapped the position already (Node's own source maps), so it is final. */
export function resolvePosition(filename: string, lineno: number, colno: number, isMapped: boolean): ResolvedPosition {
  const positions = byFile.get(filename) ?? byFile.set(filename, new Map());
  const key = positionKey(lineno, colno, isMapped);
  let resolved = positions.get(key);
  if (resolved === undefined) positions.set(key, (resolved = resolve(filename, lineno, colno, isMapped)));
  return resolved;
}

/** The line as in the file, indentation included; read on first request, as lookups may be deferred. */
export function sourceLineOf(position: ResolvedPosition): string | undefined {
  if (position.line === undefined) position.line = getSourceLine(position.filename, position.lineno) ?? null;
  return position.line ?? undefined;
}

/** One number per position: lines below 2^20 and columns below 2^32 cover any real file. */
function positionKey(lineno: number, colno: number, isMapped: boolean): number {
  return (lineno * 2 ** 32 + Math.max(colno + 1, 0)) * 2 + (isMapped ? 1 : 0);
}

function resolve(filename: string, lineno: number, colno: number, isMapped: boolean): ResolvedPosition {
  const original = isMapped ? undefined : mapToOriginal(filename, lineno, colno);
  return original ?? { filename, lineno, colno, columnRange: undefined };
}

export function clearResolvedPositions(): void {
  byFile.clear();
}
