/** The frames of a thrown value: structured call sites when V8 still has them, else its `stack` text. */
import { callSitesOfError, entriesFromCallSites } from './call-sites.js';
import { entriesFromStackString } from './parse-stack.js';
import type { StackEntry } from './stack-entry.js';
import { safeGet } from '../values/safe-get.js';

/** Newest first; empty for values without a stack (`throw 'text'`). */
export function entriesOfError(value: unknown): StackEntry[] {
  if (isSameRealmError(value)) {
    const captured = callSitesOfError(value);
    if (captured) return preferMappedText(entriesFromCallSites(captured.sites), captured.foreignText);
  }
  const stack = safeGet(value, 'stack');
  // Node maps a formatted stack itself when source maps are enabled (tsx, --enable-source-maps).
  return typeof stack === 'string' ? entriesFromStackString(stack, process.sourceMapsEnabled ?? false) : [];
}

function isSameRealmError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false; // A Proxy whose getPrototypeOf trap throws.
  }
}

/**
 * A program's own stack hook (source-map-support, vite-node) may map positions with maps we
 * cannot see; when its text moved any frame, its positions win over the raw call sites.
 */
function preferMappedText(fromSites: StackEntry[], text: unknown): StackEntry[] {
  if (typeof text !== 'string') return fromSites;
  const fromText = entriesFromStackString(text, true);
  const moved = fromText.length === fromSites.length && fromText.some((entry, i) => {
    const site = fromSites[i]!;
    return entry.filename !== site.filename || entry.lineno !== site.lineno || entry.colno !== site.colno;
  });
  return moved ? fromText : fromSites;
}
