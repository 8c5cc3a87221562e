// A thread that sat paused at pmdb's prompt for D ms would find on resume every timer that came
// due meanwhile overdue, and run them all at once: a test runner's timeout fails the test the
// user was looking at. So before such a resume the thread's timers are put back by D and fire as
// if the pause never happened; mocha's own duration check is held off the same way.
//
// Node keeps every pending timer of a thread (setTimeout, setInterval, unref'd or not, sockets'
// idle timeouts) in lib/internal/timers.js's `timerListMap`: one list per duration, each ordered
// by `_idleStart`, the loop time at which the timer started. `listOnTimeout` compares each
// timer's `_idleStart` with the loop's time again before running it, so a later `_idleStart`
// postpones the timer (the list's own due time, left as it was, only wakes the loop once early).
// The map is a module variable of lib/timers.js, reached through the [[Scopes]] of its
// `clearTimeout` (the same on Node 20 to 26, docs/node-versions.md): walking it costs per timer,
// not per heap size as Runtime.queryObjects would (docs/benchmarks.md).
import type { Protocol } from 'devtools-protocol';
import type { Post } from './debuggee.js';
import { closureVariables, internalProperty } from './remote-scopes.js';

/** Handles into the thread's timers module, kept while the thread lives. */
const TIMERS_GROUP = 'pmdb-timers';
/** Handles needed for one hold only. */
const HOLD_GROUP = 'pmdb-hold';

type Properties = Protocol.Runtime.GetPropertiesResponse;

interface TimersModule {
  /** lib/internal/timers.js's `timerListMap`: duration → list of timers. */
  lists: string;
  /** internalBinding('timers'), whose getLibuvNow() is the loop time timers are measured in. */
  binding: string;
}

const modules = new WeakMap<Post, Promise<TimersModule | undefined>>();

/**
 * Runs in the paused thread on `timerListMap`: each timer started D ms later, but never later
 * than now (a timer the user started at the prompt counts from the resume: its list stays in
 * order). Returns the bound listeners of uncaughtException, if any, among which mocha's Runner's
 * (`this.uncaught = this._uncaught.bind(this)`, lib/runner.js).
 */
const PUT_BACK = `function (binding, pausedMs) {
  const now = binding.getLibuvNow();
  for (const msecs in this) {
    const list = this[msecs];
    for (let timer = list._idleNext; timer !== list; timer = timer._idleNext) {
      const start = timer._idleStart + pausedMs;
      timer._idleStart = start < now ? start : now;
    }
  }
  const runners = process.listeners('uncaughtException').filter((listener) => listener.name.startsWith('bound '));
  return runners.length > 0 ? runners : undefined;
}`;

/**
 * After the thread was paused for `pausedMs`, and before it resumes: its timers fire as if the
 * pause never happened, and a mocha test it was running is not failed for the time it took.
 * `nodeFrames`: the paused stack's frames in Node's own code.
 */
export async function holdTimers(post: Post, pausedMs: number, nodeFrames: Protocol.Debugger.CallFrame[] = []): Promise<void> {
  const timers = await timersModule(post);
  if (!timers) return;
  // Whole ms, as the loop's time is.
  pausedMs = Math.round(pausedMs);
  try {
    await holdRunningInterval(post, pausedMs, nodeFrames);
    const { result: runners } = await post<Protocol.Runtime.CallFunctionOnResponse>('Runtime.callFunctionOn', {
      objectId: timers.lists,
      functionDeclaration: PUT_BACK,
      arguments: [{ objectId: timers.binding }, { value: pausedMs }],
      objectGroup: HOLD_GROUP,
      silent: true,
    }).catch((err: unknown) => {
      // The kept handles are no longer valid: the next hold finds the lists again.
      modules.delete(post);
      throw err;
    });
    if (runners.objectId) await holdMochaTests(post, runners.objectId, pausedMs);
  } finally {
    await post('Runtime.releaseObjectGroup', { objectGroup: HOLD_GROUP }).catch(() => {});
  }
}

/**
 * Paused inside an interval's callback: the interval is out of its list while it runs, and
 * `listOnTimeout` puts it back afterwards counting from `start`, the loop time before the call.
 */
async function holdRunningInterval(post: Post, pausedMs: number, nodeFrames: Protocol.Debugger.CallFrame[]): Promise<void> {
  for (const frame of nodeFrames) {
    if (frame.functionName !== 'listOnTimeout') continue;
    await post('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId,
      expression: `start !== undefined && (start += ${pausedMs})`,
      objectGroup: HOLD_GROUP,
      silent: true,
    });
  }
}

function timersModule(post: Post): Promise<TimersModule | undefined> {
  let found = modules.get(post);
  if (!found) {
    found = findTimersModule(post).catch(() => undefined);
    modules.set(post, found);
  }
  return found;
}

async function findTimersModule(post: Post): Promise<TimersModule | undefined> {
  // The module's own function, not the global one, which fake timers may have replaced.
  const { result } = await post<Protocol.Runtime.EvaluateResponse>('Runtime.evaluate', {
    expression: `require('node:timers').clearTimeout`,
    includeCommandLineAPI: true,
    objectGroup: TIMERS_GROUP,
    silent: true,
  });
  const scope = result.objectId ? await closureVariables(post, result.objectId, ['timerListMap', 'binding']) : undefined;
  const lists = scope?.get('timerListMap')?.objectId;
  const binding = scope?.get('binding')?.objectId;
  return lists && binding ? { lists, binding } : undefined;
}

/**
 * mocha (lib/runnable.js) times a test from `start = new Date()` in `Runnable#run` and, when the
 * test ends, fails it if `new Date() - start` exceeds its timeout: a pause longer than the timeout
 * fails a test that passed. The running test's `start` (a Date, reached through the closure of
 * its `done`, which mocha keeps as `runnable.callback`) is moved on by the pause, so its duration
 * is what it took without it. Its timeout timer is one of the timers put back above.
 */
async function holdMochaTests(post: Post, runnersId: string, pausedMs: number): Promise<void> {
  const { result: listeners } = await post<Properties>('Runtime.getProperties', { objectId: runnersId, ownProperties: true });
  for (const listener of listeners) {
    if (!/^\d+$/.test(listener.name) || !listener.value?.objectId) continue;
    const runner = (await internalProperty(post, listener.value.objectId, '[[BoundThis]]'))?.objectId;
    if (!runner) continue;
    const { result: done } = await post<Protocol.Runtime.CallFunctionOnResponse>('Runtime.callFunctionOn', {
      objectId: runner,
      functionDeclaration: `function () { const done = this.currentRunnable?.callback; return typeof done === 'function' ? done : undefined; }`,
      objectGroup: HOLD_GROUP,
      silent: true,
    });
    const start = done.objectId ? (await closureVariables(post, done.objectId, ['start'])).get('start')?.objectId : undefined;
    if (!start) continue;
    await post('Runtime.callFunctionOn', {
      objectId: start,
      functionDeclaration: `function (pausedMs) { if (this instanceof Date) this.setTime(this.getTime() + pausedMs); }`,
      arguments: [{ value: pausedMs }],
      silent: true,
    });
  }
}
