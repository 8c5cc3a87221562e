// Files and the names V8 gives their scripts: a path (CommonJS), a file: URL (ES modules), and
// for some scripts one name in its script table and the other in stack traces (tsx's CommonJS).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { escapeRegExp } from './escape-regexp.cjs';

/** A script's file as a path, when it is a file: URL. */
export function urlToFile(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

/**
 * Characters pathToFileURL percent-encodes that Node leaves as they are in a CommonJS module's
 * URL (`file:///tmp/a[1]/job.js`): on Node 20 and 22 all four, on 26 all but `^`. ES modules'
 * URLs have them encoded.
 */
const RAW_IN_COMMONJS = [/%(5B|5D|7C|5E)/gi, /%(5B|5D|7C)/gi];

const decoded = (_: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16));

/** Every name a script of this file may have. */
export function scriptNames(file: string): string[] {
  if (!file.startsWith('/')) return [file, urlToFile(file)];
  const href = pathToFileURL(file).href;
  return [...new Set([file, href, ...RAW_IN_COMMONJS.map((re) => href.replace(re, decoded))])];
}

/** A regular expression's source matching the file's file: URL however Node encodes it (RAW_IN_COMMONJS). */
export function fileUrlPattern(file: string): string {
  return escapeRegExp(pathToFileURL(file).href).replace(RAW_IN_COMMONJS[0]!, (encoded: string, hex: string) => `(?:${encoded}|${escapeRegExp(decoded(encoded, hex))})`);
}
