// The async arrow pmdb runs a line of the armed REPL with top-level await in (repl-line.cts):
// nothing will ever handle its promise. The exception policy knows it by this text
// (function-head.ts): a rejection in it escapes. CommonJS, for the armed REPL; the ES modules
// import it too.

/**
 * Opens the arrow; the body starts after one `await`: V8 predicts a throw in the synchronous
 * part of an async function as caught by its caller ("async calls are assumed awaited").
 */
export const BODY_OPEN = '(async () => {/*pmdb:entry*/await undefined;';
/** Closes and calls it, on a line of its own so that a `//` comment ending the body stays one. */
export const BODY_CLOSE = '\n})();';
