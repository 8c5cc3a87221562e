/**
 * Structured frames from V8's CallSite objects, read through `Error.prepareStackTrace` for the
 * duration of one access and restored at once.
 */
import { displayPath, isInternal, nameModuleFrames, type StackEntry } from './stack-entry.js';

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
 * first read, by calling `Error.prepareStackTrace`. We take the sites and hand them to the hook
 * that was installed (Node's own, or the program's), so `error.stack` reads exactly as it would
 * have. Undefined when the stack was already formatted.
 */
export function callSitesOfError(error: Error): ErrorCallSites | undefined {
  const previous = Error.prepareStackTrace;
  const isForeign = previous !== undefined && previous.name !== 'ErrorPrepareStackTrace';
  let captured: ErrorCallSites | undefined;
  Error.prepareStackTrace = (err, sites) => {
    captured = { sites, foreignText: undefined };
    const text = previous ? previous(err, sites) : defaultStack(err, sites);
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
  return captured;
}

function defaultStack(error: Error, sites: CallSite[]): string {
  let head: string;
  try {
    head = Error.prototype.toString.call(error);
  } catch {
    head = '<error>';
  }
  return sites.length === 0 ? head : `${head}\n    at ${sites.join('\n    at ')}`;
}

export function entriesFromCallSites(sites: CallSite[]): StackEntry[] {
  return nameModuleFrames(sites.map(entryFromCallSite));
}

function entryFromCallSite(site: CallSite): StackEntry {
  const location = site.getFileName() ?? site.getScriptNameOrSourceURL() ?? (site.isEval() ? '<eval>' : '<anonymous>');
  const filename = displayPath(location);
  const lineno = site.getLineNumber() ?? 0;
  return {
    filename,
    lineno,
    colno: (site.getColumnNumber() ?? 0) - 1,
    name: callSiteName(site),
    isAsync: site.isAsync(),
    isInternal: isInternal(filename, lineno) || site.isNative(),
    isMapped: false,
  };
}

/** V8's own naming (`Account.deposit`, `new Account`), without the `Object.` of plain objects. */
function callSiteName(site: CallSite): string {
  const functionName = site.getFunctionName() ?? '';
  if (site.isConstructor()) return `new ${functionName || '<anonymous>'}`;
  if (site.isToplevel()) return functionName;
  const typeName = safeTypeName(site);
  if (!typeName || functionName.startsWith(`${typeName}.`)) return functionName;
  if (!functionName) return typeName === 'Object' ? 'Object.<anonymous>' : `${typeName}.${site.getMethodName() ?? '<anonymous>'}`;
  return typeName === 'Object' ? functionName : `${typeName}.${functionName}`;
}

function safeTypeName(site: CallSite): string | null {
  try {
    return site.getTypeName();
  } catch {
    return null; // A revoked Proxy as receiver.
  }
}
