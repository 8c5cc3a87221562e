/** The frames of a thrown value: structured call sites when V8 still has them, else its `stack` text. */
import { callSitesOfError, entriesFromCallSites } from './call-sites.js';
import { entriesFromStackString } from './parse-stack.js';
import type { StackEntry } from './stack-entry.js';
import { safeGet } from '../values/safe-get.js';

/** Newest first; empty for values without a stack (`throw 'text'`). */
export function entriesOfError(value: unknown): StackEntry[] {
  if (isSameRealmError(value)) {
    const sites = callSitesOfError(value);
    if (sites) return entriesFromCallSites(sites);
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
