/**
 * Keeps `error.stack` reading as it would have after we took the error's call sites, without
 * paying for the text now: formatting 30 frames (and source-mapping them, under
 * `--enable-source-maps` or tsx) costs more than our whole traceback, and most programs that
 * print a traceback never read `stack` at all. The text is made on first read, by the
 * `Error.prepareStackTrace` in effect then, exactly as V8 itself defers it.
 */
type CallSite = NodeJS.CallSite;

/** Replaces `stack` (a placeholder now) with an accessor that formats `sites` on first read. */
export function deferStackText(error: Error, sites: CallSite[]): void {
  // Redefining V8's own `stack` property in place costs more than formatting it (~0.8 µs a
  // frame on Node 20); deleting it first makes the definition as cheap as on a plain object.
  delete (error as { stack?: string }).stack;
  Object.defineProperty(error, 'stack', {
    configurable: true,
    enumerable: false,
    get() {
      const text = formatStack(error, sites);
      settle(error, text);
      return text;
    },
    set(value: unknown) {
      settle(error, value);
    },
  });
}

/** What V8 would store: the installed hook's result, or its default layout when there is none. */
export function formatStack(error: Error, sites: CallSite[]): unknown {
  const hook = Error.prepareStackTrace;
  return hook ? hook(error, sites) : defaultStack(error, sites);
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

/** A plain data property again, as V8 leaves `stack` once formatted or assigned. */
function settle(error: Error, value: unknown): void {
  Object.defineProperty(error, 'stack', { value, writable: true, configurable: true, enumerable: false });
}
