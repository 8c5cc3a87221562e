// Maps generated positions (what V8 reports) to original ones (what the user wrote) and back,
// for scripts that carry a source map: tsx output, tsc/esbuild/vite builds, inline or external.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { escapeRegExp } from '../util/escape-regexp.cjs';
import type { TraceMap } from '@jridgewell/trace-mapping';
import { traceMapping } from '../util/lazy-packages.js';
import { fileUrlPattern, urlToFile } from '../util/file-url.cjs';
import { hasReadableSource } from '../util/readable-sources.js';

/** A position in a file the user can open: absolute path when it is a file, 1-based line and column. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/**
 * A `urlRegex` for Debugger.setBreakpointByUrl that matches a file however V8 names it: by path,
 * or by file: URL, percent-encoded (`dir%20with%20space`), as Node 20 reports CommonJS modules
 * (some characters raw: util/file-url.cts).
 * A `tag` (a tail no URL has) makes the regex, and so V8's breakpoint id, unique: V8 refuses a
 * second breakpoint with the same URL, line and column.
 */
export function urlRegexFor(file: string, tag?: string): string {
  const end = tag === undefined ? '$' : `(?:$|#pmdb-${tag})`;
  return `^(?:${escapeRegExp(file)}|${fileUrlPattern(file)})${end}`;
}

export class ScriptMap {
  private constructor(
    private readonly map: TraceMap,
    /** Original sources by resolved file path. */
    private readonly contents: Map<string, string | null>,
    private readonly resolvedSources: string[],
  ) {}

  /** Loads the map a script points at; undefined when it has none, it cannot be read, or none of its sources can. */
  static load(scriptUrl: string, sourceMapURL: string | undefined): ScriptMap | undefined {
    if (!sourceMapURL) return undefined;
    try {
      const raw = readMap(scriptUrl, sourceMapURL);
      if (!raw) return undefined;
      // Evaluated code named only by its sourceURL (the armed REPL's `REPL3`) names its sources
      // the same way: nothing to resolve them against.
      const named = !path.isAbsolute(scriptUrl) && !/^[a-z]+:/i.test(scriptUrl);
      const mapUrl = sourceMapURL.startsWith('data:') ? (named ? '' : toUrl(scriptUrl)) : new URL(sourceMapURL, toUrl(scriptUrl)).href;
      const map = new (traceMapping().TraceMap)(raw, mapUrl);
      if (!hasReadableSource(map.resolvedSources, map.sourcesContent)) return undefined;
      const resolvedSources = map.resolvedSources.map((s) => (s ? urlToFile(s) : s));
      const contents = new Map<string, string | null>();
      resolvedSources.forEach((file, i) => contents.set(file, map.sourcesContent?.[i] ?? null));
      return new ScriptMap(map, contents, resolvedSources);
    } catch {
      return undefined;
    }
  }

  /** Generated 0-based line/column (CDP) to the original position, if mapped. */
  original(line0: number, column0: number): Position | undefined {
    // LEAST_UPPER_BOUND: V8 may report a position just before the first mapped segment of a
    // statement (a call's callee, a `throw` keyword esbuild did not map separately).
    const { originalPositionFor, LEAST_UPPER_BOUND } = traceMapping();
    return this.mappedAt(line0, column0) ?? position(originalPositionFor(this.map, { line: line0 + 1, column: column0, bias: LEAST_UPPER_BOUND }));
  }

  /**
   * The original position of the generated one by the mapping at or before it on its line, never
   * one after it: code a compiler put before the first mapped one (its helpers) maps nowhere.
   */
  mappedAt(line0: number, column0: number): Position | undefined {
    return position(traceMapping().originalPositionFor(this.map, { line: line0 + 1, column: column0 }));
  }

  /** Original 1-based line (and 0-based column) to the first generated 0-based position at or after it. */
  generated(file: string, line: number, column0 = 0): { line0: number; column0: number } | undefined {
    const index = this.resolvedSources.indexOf(file);
    if (index < 0) return undefined;
    const source = this.map.sources[index]!;
    const { generatedPositionFor, LEAST_UPPER_BOUND } = traceMapping();
    const pos = generatedPositionFor(this.map, { source, line, column: column0, bias: LEAST_UPPER_BOUND });
    if (pos.line == null) return undefined;
    return { line0: pos.line - 1, column0: pos.column ?? 0 };
  }

  /** The generated positions (0-based) that the map gives a source name (`names`), with that name. */
  namedPositions(): { line0: number; column0: number; name: string }[] {
    if (this.map.names.length === 0) return [];
    const named: { line0: number; column0: number; name: string }[] = [];
    traceMapping()
      .decodedMappings(this.map)
      .forEach((segments, line0) => {
        for (const segment of segments) if (segment.length === 5) named.push({ line0, column0: segment[0], name: this.map.names[segment[4]]! });
      });
    return named;
  }

  sourceText(file: string): string | undefined {
    return this.contents.get(file) ?? undefined;
  }

  get files(): string[] {
    return this.resolvedSources;
  }
}

function position(pos: ReturnType<ReturnType<typeof traceMapping>['originalPositionFor']>): Position | undefined {
  return pos.source != null && pos.line != null ? { file: urlToFile(pos.source), line: pos.line, column: (pos.column ?? 0) + 1 } : undefined;
}

function toUrl(scriptUrl: string): string {
  if (/^[a-z]+:/i.test(scriptUrl)) return scriptUrl;
  return pathToFileURL(scriptUrl).href;
}

function readMap(scriptUrl: string, sourceMapURL: string): string | undefined {
  if (sourceMapURL.startsWith('data:')) {
    const comma = sourceMapURL.indexOf(',');
    const header = sourceMapURL.slice(0, comma);
    const body = sourceMapURL.slice(comma + 1);
    return header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  }
  const base = urlToFile(toUrl(scriptUrl));
  const target = new URL(sourceMapURL, pathToFileURL(base));
  if (target.protocol !== 'file:') return undefined;
  return readFileSync(path.normalize(fileURLToPath(target)), 'utf8');
}
