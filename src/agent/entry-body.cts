// The async arrow pmdb runs a body in when nothing will ever handle its promise: an ES module
// entry's (wrap-entry.ts) and a line of the armed REPL with top-level await (repl-line.cts).
// The exception policy knows it by this text (function-head.ts): a rejection in it escapes.
// CommonJS, for the armed REPL; the ES modules import it too.

/** Opens the arrow; the body starts after one `await` (see wrap-entry.ts for why). */
export const BODY_OPEN = '(async () => {/*pmdb:entry*/await undefined;';
/** Closes and calls it, on a line of its own so that a `//` comment ending the body stays one. */
export const BODY_CLOSE = '\n})();';
