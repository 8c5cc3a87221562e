// The only agent code V8 may pause in. Everything else of pmdb inside the debuggee is blackboxed
// (stepping never enters it), but V8 ignores `debugger;` in blackboxed code and will not pause
// in it when asked to: the main thread's deliberate stops live here.

/** The main thread stops itself for the front end; the caller's frame holds what it wants. */
export function stopHere(): void {
  debugger; // eslint-disable-line no-debugger
}

/**
 * Runs when the worker wakes an idle main thread (Ctrl-C): V8 pauses only while JavaScript
 * runs, and this is the JavaScript.
 */
export function wakeUp(): undefined {
  return undefined;
}
