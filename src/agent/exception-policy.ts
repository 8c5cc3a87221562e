// Decides, at an exception pause, whether the error really escapes (the process would die of it)
// or the program will survive it. V8's `uncaught` flag is only a prediction; DESIGN §5 and
// V8-FACTS list where it is wrong. pmdb must never stop a program that was going to survive.
import type { Protocol } from 'devtools-protocol';
import { isAsyncFunctionAt, isEntryBodyAt } from './function-head.js';
import { calleeAt, isExecutorAt, isRejecter } from './rejected-promise.js';
import type { ThreadScripts } from './debuggee.js';
import { escapeQuestion, escapesEntry, scriptIdOf, stackRequest, type EntryEscape, type KnownScripts, type PausedStack } from './entry-escape.cjs';
import { isAssertion, libraryOf } from './blackbox.cjs';
import { nearestHandler } from './nearest-handler.js';

type Post = <T>(method: string, params?: object) => Promise<T>;

export type Verdict = 'crash' | 'handler' | 'parent' | 'maybe' | 'survives';

const REJECTION_HANDLED = `process.listenerCount('unhandledRejection') > 0`;
/**
 * The armed REPL (agent/armed-repl.cts) takes every error a line lets escape, through its domain's
 * capture callback, only to print it: such an error has escaped, and stops as a crash does.
 * (Node 26's REPL has no domain: its callback is an auxiliary one, which this does not see.)
 */
const EXCEPTION_HANDLED = `process.listenerCount('uncaughtException') > 0 ||
  (process.hasUncaughtExceptionCaptureCallback() && !process.domain?.[Symbol.for('pmdb.armedRepl')])`;

/** An escaped stop: what catches the error (`--stop-on escaped`), or the failing test (`pmdb test`; none when the runner does not tell). */
export interface EscapedStop {
  caughtBy?: string;
  test?: { name: string; file?: string };
}

/** Something outside the thread will handle its death (a worker's parent listening for 'error'). */
export type ProcessSurvives = () => Promise<boolean>;

/** Stacks (their frames' positions) whose throws the user's code catches: judged once. */
const USER_CATCHES_KEPT = 1000;

export class ExceptionPolicy {
  private readonly sources = new Map<string, string>();
  private readonly userCatches = new Set<string>();

  constructor(
    private readonly post: Post,
    private readonly scripts: ThreadScripts,
    private readonly survives?: ProcessSurvives,
    /**
     * An ES module entry is being evaluated (agent-entry-window.ts): a caught exception may be on
     * its way out of it. Not once the entry has run to its end: then every caught exception that
     * pauses (`--stop-on escaped`, `pmdb test`) would be judged so in vain, and a judge reads the
     * sources of every frame (vite's bundles: one such pause took ~5 s; docs/benchmarks.md).
     */
    private readonly inEntry: () => boolean = () => false,
  ) {}

  /**
   * `crash`: stop now, live. `handler`: a process-level handler (or a worker's parent) takes the
   * error and the program goes on; worth a snapshot for pm(). `parent`: a worker thread dies of
   * it and its parent takes the error, which may still end the process there. `maybe`: a rejection that a handler
   * attached later in this tick may still catch; resume, and let Node's verdict decide.
   * `survives`: the program catches it.
   */
  async decide(paused: Protocol.Debugger.PausedEvent): Promise<Verdict> {
    return (await this.isCrash(paused)) ?? 'maybe';
  }

  private async isCrash(paused: Protocol.Debugger.PausedEvent): Promise<Exclude<Verdict, 'maybe'> | undefined> {
    const data = paused.data as { uncaught?: boolean; escaped?: boolean } | undefined;
    const top = paused.callFrames[0];
    if (!top) return 'survives';
    // A caught exception pauses only while Node evaluates an ES module entry, whose loader catches
    // everything: the error may still be on its way out (entry-escape.cts). pmdb/register's
    // thread decided that before it started this agent.
    const inEntry = !data?.uncaught && this.inEntry() ? await this.escapesEntry(paused) : 'caught';
    const escaped = data?.escaped || inEntry === 'escapes';
    if (!data?.uncaught && !escaped && inEntry !== 'rejection') return 'survives';
    // Node reports what escapes its entry as an uncaught exception, whatever threw it.
    const rejection = (paused.reason === 'promiseRejection' || inEntry === 'rejection') && !escaped;
    // A process-level handler turns the would-be crash into a handled event.
    const handled = await this.processAnswers(rejection ? REJECTION_HANDLED : EXCEPTION_HANDLED);
    if (handled !== false) return handled === true ? 'handler' : 'survives';
    if (this.survives && (await this.survives())) return 'parent';
    if (!rejection) return 'crash';
    // V8 reports a rejection as uncaught the moment it has no handler, even if one is attached
    // later in the same tick (`const p = Promise.reject(e); p.catch(...)`). A rejection thrown
    // by an async function resumed from the microtask queue has no such window: its promise was
    // handed to the caller long ago and nothing is listening. A promise that continuation makes
    // and rejects itself still has that window (jest-circus: `new Promise(...)` whose executor
    // calls `reject(error)`, `.finally(...)` attached once the executor returns).
    if (await this.rejectsItsOwnPromise(paused.callFrames)) return undefined;
    return (await this.isAsyncContinuation(paused.callFrames)) ? 'crash' : undefined;
  }

  /**
   * The pause is about a promise the code rejects itself, not a throw on its way to the nearest
   * async function: the top frame calls a rejecting function, or a frame the throw leaves before
   * reaching an async function is a promise executor (written as the argument of its caller's `new`).
   */
  private async rejectsItsOwnPromise(frames: Protocol.Debugger.CallFrame[]): Promise<boolean> {
    const [top] = frames;
    if (!top || this.scripts.isInternal(top.location.scriptId)) return false;
    const callee = calleeAt(await this.source(top.location.scriptId), top.location);
    if (callee && (await this.isRejecterIn(top.callFrameId, callee))) return true;
    for (let i = 0; i + 1 < frames.length; i++) {
      const [frame, caller] = [frames[i]!, frames[i + 1]!];
      const fl = frame.functionLocation;
      if (this.scripts.isInternal(frame.location.scriptId) || !fl || isAsyncFunctionAt(await this.source(fl.scriptId), fl)) return false;
      if (caller.location.scriptId === fl.scriptId && isExecutorAt(await this.source(fl.scriptId), caller.location, fl)) return true;
    }
    return false;
  }

  /** Reads the callee without running the program's code (a getter makes it unknown: not one). */
  private async isRejecterIn(callFrameId: string, callee: string): Promise<boolean> {
    try {
      const { result } = await this.post<{ result: Protocol.Runtime.RemoteObject }>('Debugger.evaluateOnCallFrame', {
        callFrameId,
        expression: callee,
        silent: true,
        throwOnSideEffect: true,
        objectGroup: 'pmdb-policy',
      });
      return isRejecter(result);
    } catch {
      return false;
    } finally {
      await this.post('Runtime.releaseObjectGroup', { objectGroup: 'pmdb-policy' }).catch(() => {});
    }
  }

  /**
   * `--stop-on escaped`, at a pause for an exception the program survives: whether the user's
   * code threw it and library code will catch it. (`pmdb test` asks failing-test.ts instead.)
   */
  async escapedStop(paused: Protocol.Debugger.PausedEvent): Promise<EscapedStop | undefined> {
    // Cheap first: a library threw it (Node 22+ pauses when code outside it catches).
    const first = paused.callFrames.find((f) => !this.scripts.isInternal(f.location.scriptId));
    const firstLibrary = first && libraryOf(this.scripts.get(first.location.scriptId)!.url);
    if (!first || (firstLibrary !== undefined && !isAssertion(firstLibrary))) return undefined;
    // A program that throws and catches in a loop: the same stack, the same handler.
    const stack = paused.callFrames.map(({ location: l }) => `${l.scriptId}:${l.lineNumber}:${l.columnNumber}`).join(' ');
    if (this.userCatches.has(stack)) return undefined;
    const { result } = await this.post<{ result: { value?: PausedStack } }>('Debugger.evaluateOnCallFrame', stackRequest(paused));
    if (!result.value) return undefined;
    const { location } = paused.callFrames[0]!;
    const sources = new Map<string, string>();
    for (const [, file] of result.value.sites) {
      const id = file === '' ? undefined : scriptIdOf(file, { id: (url) => this.scripts.byUrl.get(url) });
      if (id && !sources.has(file)) sources.set(file, await this.source(id));
    }
    const handler = nearestHandler({
      sites: result.value.sites,
      top: { url: this.scripts.get(location.scriptId)?.url ?? '', line: location.lineNumber, column: location.columnNumber ?? 0 },
      source: (file) => sources.get(file),
      isAssertion,
    });
    if (handler.by === 'user' && handler.sync && handler.site && this.userCatches.size < USER_CATCHES_KEPT) this.userCatches.add(stack);
    if (handler.by !== 'library' || !handler.thrower || !handler.library) return undefined;
    return isAssertion(handler.library) ? undefined : { caughtBy: handler.library };
  }

  /** The script's source changed (a breakpoint condition compiled in): read it afresh. */
  forget(scriptId: string): void {
    this.sources.delete(scriptId);
    this.userCatches.clear();
  }

  /** A worker thread dying of an error its parent listens for does not end the program. */
  async threadDeathHandled(): Promise<boolean> {
    return this.survives ? this.survives() : false;
  }

  private async isAsyncContinuation(frames: Protocol.Debugger.CallFrame[]): Promise<boolean> {
    const user = frames.filter((f) => !this.scripts.isInternal(f.location.scriptId));
    // An armed REPL line with top-level await runs in an arrow whose promise nobody takes.
    for (const frame of user) {
      const fl = frame.functionLocation;
      if (fl && isEntryBodyAt(await this.source(fl.scriptId), fl)) return true;
    }
    const outermost = user[user.length - 1];
    if (!outermost?.functionLocation) return false;
    // Only Node internals below it: nothing synchronous is waiting for its promise.
    const below = frames.slice(frames.indexOf(outermost) + 1);
    if (below.some((f) => !this.scripts.isInternal(f.location.scriptId))) return false;
    return isAsyncFunctionAt(await this.source(outermost.functionLocation.scriptId), outermost.functionLocation);
  }

  private async escapesEntry(paused: Protocol.Debugger.PausedEvent): Promise<EntryEscape> {
    const { result } = await this.post<{ result: { value?: PausedStack } }>('Debugger.evaluateOnCallFrame', stackRequest(paused));
    if (!result.value) return 'caught';
    const scripts: KnownScripts = {
      url: (id) => this.scripts.get(id)?.url,
      id: (url) => this.scripts.byUrl.get(url),
      source: (id) => this.sources.get(id),
    };
    // The sources the question may read, at hand first: this side of the inspector waits for them.
    for (const [, file] of result.value.sites) {
      const id = file.startsWith('node:') ? undefined : scriptIdOf(file, scripts);
      if (id) await this.source(id);
    }
    return escapesEntry(escapeQuestion(paused, result.value, scripts));
  }

  private async source(scriptId: string): Promise<string> {
    let text = this.sources.get(scriptId);
    if (text === undefined) {
      const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
      text = scriptSource;
      this.sources.set(scriptId, text);
    }
    return text;
  }

  /**
   * A question about the process, asked in the thread's main context, not the top frame: a frame
   * of a vm context (jest's tests) has no `process`, nor has a frame inside Node (`new URL`,
   * `TextDecoder`, `crypto` throw there), and a user frame may have a `process` of its own.
   */
  private async processAnswers(expression: string): Promise<unknown> {
    try {
      const { result } = await this.post<{ result: Protocol.Runtime.RemoteObject }>(
        'Runtime.evaluate',
        { expression, silent: true, returnByValue: true },
      );
      return result.value;
    } catch {
      return undefined;
    }
  }
}
