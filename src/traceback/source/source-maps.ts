/**
 * Maps generated positions to original ones with @jridgewell/trace-mapping. A file's map comes
 * from Node's own registry first (filled by tsx and --enable-source-maps, and the only place
 * maps of in-memory transpiled code live), else from its `sourceMappingURL` comment: inline
 * `data:` or an external file. Parsed maps are kept in a bounded cache. trace-mapping is loaded
 * when the first map is: most tracebacks have none, and a program's start-up should not pay.
 */
import { readFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TraceMap } from '@jridgewell/trace-mapping';
import { BoundedCache } from '../bounded-cache.js';
import { displayPath } from '../frames/stack-entry.js';
import { hasSource, rememberSource } from './source-lines.js';
import { traceMapping } from '../../util/lazy-packages.js';
import { hasReadableSource } from '../../util/readable-sources.js';

export interface OriginalPosition {
  filename: string;
  lineno: number;
  colno: number;
  /**
   * The original columns [start, end) the position may fall in. A mapping segment covers a run
   * of generated code (esbuild's output is whitespace-minified), so the exact column V8 names,
   * such as an operator inside the run, is only known to lie between this segment and the next.
   */
  columnRange: readonly [number, number];
}

type Segment = readonly number[];

interface LoadedMap {
  map: TraceMap;
  /** Answers by generated position (see positionKey): the same frames recur in every traceback. */
  positions: Map<number, MappedPosition | null>;
}

interface MappedPosition extends OriginalPosition {
  /** The original file's text from the map's `sourcesContent`, if it has it. */
  content: string | undefined;
}

const maps = new BoundedCache<string, LoadedMap | null>(128);

/** The original position, or undefined when the file has no map or the map has no entry. */
export function mapToOriginal(filename: string, lineno: number, colno: number): OriginalPosition | undefined {
  const loaded = loadedMapFor(filename);
  if (!loaded) return undefined;
  const key = positionKey(lineno, colno);
  let mapped = loaded.positions.get(key);
  if (mapped === undefined) loaded.positions.set(key, (mapped = lookUp(loaded.map, lineno, colno) ?? null));
  if (!mapped) return undefined;
  // Source text may have been evicted from its own cache since: the map's copy wins over the disk.
  if (mapped.content !== undefined && !hasSource(mapped.filename)) rememberSource(mapped.filename, mapped.content);
  return mapped;
}

/** One number for a (line, column) pair: lines below 2^21 and columns below 2^32 cover any real file. */
function positionKey(lineno: number, colno: number): number {
  return lineno * 2 ** 32 + Math.max(colno, 0);
}

function lookUp(map: TraceMap, lineno: number, colno: number): MappedPosition | undefined {
  const segments = lineno >= 1 ? traceMapping().decodedMappings(map)[lineno - 1] : undefined;
  if (!segments) return undefined;
  const index = lastSegmentAtOrBefore(segments, Math.max(colno, 0));
  const segment = segments[index];
  if (!segment || segment.length < 4) return undefined;
  const [generatedColumn, sourceIndex, line, column] = segment as [number, number, number, number];
  const next = segments[index + 1];
  const nextOnSameLine = next && next.length >= 4 && next[1] === sourceIndex && next[2] === line && next[3]! > column;
  const end = nextOnSameLine ? next[3]! : Number.MAX_SAFE_INTEGER;
  const source = map.resolvedSources[sourceIndex];
  if (source === undefined || source === null) return undefined;
  const content = map.sourcesContent?.[sourceIndex];
  return {
    filename: displayPath(source),
    lineno: line + 1,
    colno: Math.min(column + Math.max(colno, 0) - generatedColumn, end - 1),
    columnRange: [column, end],
    content: typeof content === 'string' ? content : undefined,
  };
}

function lastSegmentAtOrBefore(segments: readonly Segment[], column: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]![0]! <= column) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function loadedMapFor(filename: string): LoadedMap | null {
  const cached = maps.get(filename);
  if (cached !== undefined) return cached;
  let map: TraceMap | null = null;
  try {
    map = loadTraceMap(filename);
    // Sources that are not there: the generated file is the one to show.
    if (map && !hasReadableSource(map.resolvedSources, map.sourcesContent)) map = null;
  } catch {
    // A broken or unreadable map: show generated positions rather than fail.
  }
  return maps.set(filename, map && { map, positions: new Map() });
}

function loadTraceMap(filename: string): TraceMap | null {
  if (!isAbsolute(filename)) return null;
  const registered = findSourceMap(filename) ?? findSourceMap(pathToFileURL(filename).href);
  if (registered) return new (traceMapping().TraceMap)(registered.payload as ConstructorParameters<typeof TraceMap>[0], filename);
  const url = sourceMappingUrl(readFileSync(filename, 'utf8'));
  if (!url) return null;
  if (url.startsWith('data:')) return new (traceMapping().TraceMap)(decodeDataUrl(url), filename);
  const mapPath = url.startsWith('file://') ? displayPath(url) : resolve(dirname(filename), decodeURI(url));
  return new (traceMapping().TraceMap)(readFileSync(mapPath, 'utf8'), mapPath);
}

/** The URL of the last `//# sourceMappingURL=` comment (`//@` is the legacy spelling). */
function sourceMappingUrl(code: string): string | undefined {
  const matches = code.matchAll(/\/[/*][#@]\s*sourceMappingURL=([^\s'"*]+)/g);
  let last: string | undefined;
  for (const match of matches) last = match[1];
  return last;
}

function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  const meta = url.slice(0, comma);
  const data = url.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
}

export function clearSourceMaps(): void {
  maps.clear();
}
