/**
 * Maps generated positions to original ones with @jridgewell/trace-mapping. A file's map comes
 * from Node's own registry first (filled by tsx and --enable-source-maps, and the only place
 * maps of in-memory transpiled code live), else from its `sourceMappingURL` comment: inline
 * `data:` or an external file. Parsed maps are kept in a bounded cache.
 */
import { readFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TraceMap, decodedMappings } from '@jridgewell/trace-mapping';
import { BoundedCache } from '../bounded-cache.js';
import { displayPath } from '../frames/stack-entry.js';
import { hasSource, rememberSource } from './source-lines.js';

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

const maps = new BoundedCache<string, TraceMap | null>(128);

/** The original position, or undefined when the file has no map or the map has no entry. */
export function mapToOriginal(filename: string, lineno: number, colno: number): OriginalPosition | undefined {
  const map = traceMapFor(filename);
  const segments = map && lineno >= 1 ? decodedMappings(map)[lineno - 1] : undefined;
  if (!map || !segments) return undefined;
  const index = lastSegmentAtOrBefore(segments, Math.max(colno, 0));
  const segment = segments[index];
  if (!segment || segment.length < 4) return undefined;
  const [generatedColumn, sourceIndex, line, column] = segment as [number, number, number, number];
  const next = segments[index + 1];
  const nextOnSameLine = next && next.length >= 4 && next[1] === sourceIndex && next[2] === line && next[3]! > column;
  const end = nextOnSameLine ? next[3]! : Number.MAX_SAFE_INTEGER;
  const source = map.resolvedSources[sourceIndex];
  if (source === undefined || source === null) return undefined;
  const mappedFile = displayPath(source);
  const content = map.sourcesContent?.[sourceIndex];
  if (typeof content === 'string' && !hasSource(mappedFile)) rememberSource(mappedFile, content);
  return {
    filename: mappedFile,
    lineno: line + 1,
    colno: Math.min(column + Math.max(colno, 0) - generatedColumn, end - 1),
    columnRange: [column, end],
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

function traceMapFor(filename: string): TraceMap | null {
  const cached = maps.get(filename);
  if (cached !== undefined) return cached;
  let map: TraceMap | null = null;
  try {
    map = loadTraceMap(filename);
  } catch {
    // A broken or unreadable map: show generated positions rather than fail.
  }
  return maps.set(filename, map);
}

function loadTraceMap(filename: string): TraceMap | null {
  if (!isAbsolute(filename)) return null;
  const registered = findSourceMap(filename) ?? findSourceMap(pathToFileURL(filename).href);
  if (registered) return new TraceMap(registered.payload as ConstructorParameters<typeof TraceMap>[0], filename);
  const url = sourceMappingUrl(readFileSync(filename, 'utf8'));
  if (!url) return null;
  if (url.startsWith('data:')) return new TraceMap(decodeDataUrl(url), filename);
  const mapPath = url.startsWith('file://') ? displayPath(url) : resolve(dirname(filename), decodeURI(url));
  return new TraceMap(readFileSync(mapPath, 'utf8'), mapPath);
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
