/**
 * Structured frames from V8's CallSite objects, read through `Error.prepareStackTrace` for the
 * duration of one access and restored at once.
 */
import { deferStackText, formatStack } from './deferred-stack.js';
import { sitePosition } from './site-positions.js';
import type { StackEntry } from './stack-entry.js';

type CallSite = NodeJS.CallSite;

/** The current stack, newest first, without `skipAbove` and the frames above it. */
export function currentCallSites(skipAbove: Function): CallSite[] {
  const { prepareStackTrace, stackTraceLimit } = Error;
  const holder: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = Infinity;
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.captureStackTrace(holder, skipAbove);
    return holder.stack as CallSite[];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export interface ErrorCallSites {
  sites: CallSite[];
  /** What a hook other than Node's own made of them (it may have source-mapped them), if any. */
  foreignText: unknown;
}

/**
 * The call sites of an error whose `stack` nobody has read yet: V8 formats `stack` lazily, on
 * first read, by calling `Error.prepareStackTrace`. We take the sites and leave the text to be
 * made when someone reads it (see deferred-stack.ts), so `error.stack` reads exactly as it would
 * have. A program's own hook runs now instead: its text may carry positions we cannot map
 * ourselves. Undefined when the stack was already formatted.
 */
export function callSitesOfError(error: Error): ErrorCallSites | undefined {
  const previous = Error.prepareStackTrace;
  const isForeign = previous !== undefined && previous.name !== 'ErrorPrepareStackTrace';
  let captured: ErrorCallSites | undefined;
  let deferred = false;
  Error.prepareStackTrace = (err, sites) => {
    // Only the first stack formatted is ours; others (a Proxy's target, errors a getter makes) are not.
    Error.prepareStackTrace = previous;
    if (err !== error) return formatStack(err, sites);
    captured = { sites, foreignText: undefined };
    // A sealed or frozen error cannot take the accessor: its text is made now.
    deferred = !isForeign && Object.isExtensible(err);
    if (deferred) return '';
    const text = formatStack(err, sites);
    if (isForeign) captured.foreignText = text;
    return text;
  };
  try {
    void error.stack;
  } catch {
    // A hook or `name` getter that throws: the caller falls back to the text, if any.
  } finally {
    Error.prepareStackTrace = previous;
  }
  if (captured && deferred) deferStackText(error, captured.sites);
  return captured;
}

export function entriesFromCallSites(sites: CallSite[]): StackEntry[] {
  return sites.map(entryFromCallSite);
}

function entryFromCallSite(site: CallSite): StackEntry {
  const { filename, lineno, colno, isInternal } = sitePosition(site);
  return { filename, lineno, colno, name: callSiteName(site), isAsync: site.isAsync(), isInternal, isMapped: false };
}

/**
 * V8's own naming (`Account.deposit`, `new Account`), without the `Object.` of plain objects;
 * nameless functions are `<anonymous>` and module bodies `<module>`, as DESIGN §2 asks.
 */
function callSiteName(site: CallSite): string {
  const functionName = site.getFunctionName() ?? '';
  if (site.isConstructor()) return `new ${functionName || '<anonymous>'}`;
  if (!functionName && isModuleBody(site)) return '<module>';
  if (site.isToplevel()) return functionName || '<anonymous>';
  const typeName = safeTypeName(site);
  if (!typeName || functionName.startsWith(`${typeName}.`)) return functionName || '<anonymous>';
  if (!functionName) return typeName === 'Object' ? '<anonymous>' : `${typeName}.${site.getMethodName() ?? '<anonymous>'}`;
  return typeName === 'Object' ? functionName : `${typeName}.${functionName}`;
}

/**
 * A script's or module's top-level code is the one function that starts at its first
 * character. This holds where the caller does not tell: after a top-level `await` V8 resumes
 * the module body with nothing below it, nameless like any callback.
 */
function isModuleBody(site: CallSite): boolean {
  return site.getEnclosingLineNumber() === 1 && site.getEnclosingColumnNumber() === 1;
}

function safeTypeName(site: CallSite): string | null {
  try {
    return site.getTypeName();
  } catch {
    return null; // A revoked Proxy as receiver.
  }
}
