/** Forgets cached source text, source maps and frame positions, like Python's `linecache.clearcache()`: call after files change. */
import { clearSitePositions } from './frames/site-positions.js';
import { clearResolvedPositions } from './source/resolve-position.js';
import { clearSourceLines } from './source/source-lines.js';
import { clearSourceMaps } from './source/source-maps.js';

export function clearCaches(): void {
  clearSitePositions();
  clearResolvedPositions();
  clearSourceLines();
  clearSourceMaps();
}
