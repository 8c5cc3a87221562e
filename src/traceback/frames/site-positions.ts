/**
 * Where a call site is, cached by script and character offset. V8's `getLineNumber` and
 * `getColumnNumber` work the line out from the offset on every call, which costs more than the
 * rest of a frame together; `getPosition` (the offset itself) is cheap, and the same frames
 * recur in every traceback a program prints.
 */
import { BoundedCache } from '../bounded-cache.js';
import { displayPath, isInternal } from './stack-entry.js';

type CallSite = NodeJS.CallSite;

export interface SitePosition {
  filename: string;
  /** 1-based; 0 when unknown. */
  lineno: number;
  /** 0-based; -1 when unknown. */
  colno: number;
  isInternal: boolean;
}

const byScript = new BoundedCache<string, Map<number, SitePosition>>(256);

export function sitePosition(site: CallSite): SitePosition {
  const script = site.getFileName();
  // Code without a file name (eval, `new Function`, builtins) may differ under one name: not cached.
  if (!script) return computePosition(site, site.getScriptNameOrSourceURL() ?? (site.isEval() ? '<eval>' : '<anonymous>'));
  const positions = byScript.get(script) ?? byScript.set(script, new Map());
  const offset = site.getPosition();
  let position = positions.get(offset);
  if (position === undefined) positions.set(offset, (position = computePosition(site, script)));
  return position;
}

function computePosition(site: CallSite, location: string): SitePosition {
  const filename = displayPath(location);
  const lineno = site.getLineNumber() ?? 0;
  return {
    filename,
    lineno,
    colno: (site.getColumnNumber() ?? 0) - 1,
    isInternal: isInternal(filename, lineno) || site.isNative(),
  };
}

export function clearSitePositions(): void {
  byScript.clear();
}
