/**
 * Source text by file, like Python's linecache: read once, kept in a bounded cache. Source maps
 * may supply the text of original files (`sourcesContent`), which wins over the disk because it
 * is what the running code was built from.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { BoundedCache } from '../bounded-cache.js';

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

const files = new BoundedCache<string, string[] | null>(256);

export function rememberSource(filename: string, text: string): void {
  files.set(filename, text.split(LINE_BREAK));
}

export function hasSource(filename: string): boolean {
  return files.has(filename);
}

/** The 1-based line, with its whitespace; undefined when the file or line is unknown. */
export function getSourceLine(filename: string, lineno: number): string | undefined {
  let lines = files.get(filename);
  if (lines === undefined) lines = files.set(filename, readLines(filename));
  return lines?.[lineno - 1];
}

function readLines(filename: string): string[] | null {
  if (!isAbsolute(filename)) return null;
  try {
    if (statSync(filename).size > MAX_FILE_BYTES) return null;
    return readFileSync(filename, 'utf8').split(LINE_BREAK);
  } catch {
    return null;
  }
}

export function clearSourceLines(): void {
  files.clear();
}
