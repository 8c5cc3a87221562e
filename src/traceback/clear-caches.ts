/** Forgets cached source text and source maps, like Python's `linecache.clearcache()`: call after files change. */
import { clearSourceLines } from './source/source-lines.js';
import { clearSourceMaps } from './source/source-maps.js';

export function clearCaches(): void {
  clearSourceLines();
  clearSourceMaps();
}
