// pmdb/register's arming (no front end): the agent thread is a second V8 isolate, ~20 MB of
// resident memory whatever it does (docs/benchmarks.md), so an armed process that never crashes
// does without it. The main thread pauses on uncaught exceptions through a session of its own,
// which costs a few MB, and starts the agent when something needs it:
// - an exception pause (one that may crash): the agent joins the paused thread and does what it
//   always does there (exception policy, capture, dump, resume) while this thread is held;
// - pm()/postMortem(err) while the agent is starting (before, no error was ever kept);
// - a fatal error V8 did not pause on (preload.cts starts the agent before stopping for it);
// - a worker thread of the program, which waits, unarmed, until the agent arms it.
// Until then, a pause the main thread's session sees is handled here, synchronously.
//
// How the main thread is held inside a pause: V8 postpones interrupts there, so the spin that
// waits for the agent at start-up would wait forever. `inspector.waitForDebugger()` runs Node's
// inspector message loop instead, until a session sends `Runtime.runIfWaitingForDebugger`; the
// agent sends it as soon as it is connected, after which V8's own pause loop serves it until it
// resumes. V8 tells a session that enables its debugger during a pause only that the thread is
// paused (reason `other`, no exception): what the pause was is kept here for the agent to read.
import { waitForDebugger } from 'node:inspector';
import { ownSession } from './own-session.cjs';
import { toCallArgument } from '../util/call-argument.cjs';
import { worldOf } from '../util/world-of.cjs';
import type { Protocol } from 'devtools-protocol';
import type { Agent } from './preload.cjs';
import * as path from 'node:path';
import { BLACKBOX } from './blackbox.cjs';
import { takePrewarmed } from './agent-port.cjs';
import { EntryWindow } from './entry-window.cjs';
import { entryRunsAsModule } from './entry-kind.cjs';
import { REPORT_CALL, REPORT_IF_LOST, scriptsToKnow, untouchable } from './vm-rethrow.cjs';

const AGENT_PORT = path.join(__dirname, 'agent-port.cjs');

/** The exception pause the agent is started for, until it reads it (worker.ts). */
let pending: { reason: string; thrown?: unknown; escaped?: boolean } | undefined;

/** Called by the agent, through the inspector: the pause it joined, once. */
export function takeJoinedPause(): typeof pending {
  const taken = pending;
  pending = undefined;
  return taken;
}

/** Called by this thread's own session (keep below): the value the paused exception holds. */
export function keepThrown(thrown: unknown): void {
  if (pending) pending.thrown = thrown;
}

export interface OnDemandAgent {
  /** The agent, started if it was not, once ready: false if it never got ready. */
  ready(): boolean;
  started(): Agent | undefined;
}

/**
 * `start(entryWindow)`: the agent, keeping the window of an ES module entry if asked.
 * `dumpLimits`: the bounds its dumps keep (dump/limits.cts), which the prewarm follows.
 */
export function armOnDemand(start: (entryWindow: boolean) => Agent, dumpLimits?: string): OnDemandAgent {
  const { session, post } = ownSession();
  const release = (sessionId: string) =>
    session.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' }) });
  /** The program's worker threads: they wait for the agent, and a dead one would never come. */
  const programWorkers = new Set<string>();
  let agent: Agent | undefined;
  // The agent's own thread must not wait for a debugger: its release would come through this
  // thread, busy until the agent is there (prewarm below). A worker's waiting is decided when it
  // is constructed.
  const ensure = () =>
    (agent ??= (() => {
      post('NodeWorker.enable', { waitForDebuggerOnStart: false });
      try {
        return start(window?.handOver() ?? false);
      } finally {
        post('NodeWorker.enable', { waitForDebuggerOnStart: true });
      }
    })());
  /** This session's NodeWorker session with the agent's thread, whose end says the agent died. */
  let agentThread: string | undefined;
  // maxScriptsCacheSize 0: this session reads only live scripts' sources (entry-window.cts), so it
  // keeps none that was collected.
  // An ES module entry: caught exceptions pause while Node evaluates it (entry-window.cts).
  const window = entryRunsAsModule() ? new EntryWindow(session, post, () => post('Debugger.setPauseOnExceptions', { state: 'uncaught' })) : undefined;
  const known = scriptsToKnow();
  session.on('Debugger.scriptParsed', ({ params }: { params: Protocol.Debugger.ScriptParsedEvent }) => known.parsed(params));
  post('Debugger.enable', { maxScriptsCacheSize: 0 });
  post('Debugger.setPauseOnExceptions', { state: window?.state ?? 'uncaught' });
  post('Debugger.setBlackboxPatterns', { patterns: BLACKBOX });
  // Every new worker thread waits for a debugger: the agent's, which is started for it.
  post('NodeWorker.enable', { waitForDebuggerOnStart: true });

  /** `pending` from an exception pause: its reason, and its value through the inspector. */
  const keep = (paused: Protocol.Debugger.PausedEvent, escaped: boolean) => {
    pending = { reason: paused.reason, escaped };
    const data = (paused.data ?? { type: 'undefined' }) as Protocol.Runtime.RemoteObject;
    // Called in the thrown value's world (a vm context is one of its own: util/world-of.cts).
    const keeper = post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', {
      expression: `require(${JSON.stringify(__filename)}).keepThrown`,
      contextId: worldOf(data.objectId),
      includeCommandLineAPI: true,
      objectGroup: 'pmdb-keep',
      silent: true,
    }).result.objectId;
    post('Runtime.callFunctionOn', {
      objectId: keeper,
      functionDeclaration: 'function (thrown) { this(thrown); }',
      arguments: [toCallArgument(data)],
      silent: true,
    });
    session.post('Runtime.releaseObjectGroup', { objectGroup: 'pmdb-keep' });
  };

  /** Holds this paused thread until the agent has joined the pause; it resumes it itself. */
  const hold = () => waitForDebugger();

  /**
   * The agent thread takes ~60 ms to start, while this thread would only wait: it makes the texts
   * of the big numeric arrays the frames hold, most of a heavy dump's work, for the agent's
   * capture to take (dump/serializer-source.cts PREWARM_NUMBERS). Only a shortcut: whatever goes
   * wrong here, the capture does it all itself.
   */
  const prewarm = (frames: Protocol.Debugger.CallFrame[]) => {
    const objectGroup = 'pmdb-prewarm';
    try {
      // Loaded at a crash only.
      const { PREWARM_NUMBERS } = require('../dump/serializer-source.cjs') as typeof import('../dump/serializer-source.cjs');
      const { limitsFrom } = require('../dump/limits.cjs') as typeof import('../dump/limits.cjs');
      const value = (expression: string) =>
        post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', { expression, includeCommandLineAPI: true, objectGroup, silent: true }).result;
      const main = value(`require(${JSON.stringify(AGENT_PORT)})`);
      const types = value(`require('node:util').types`);
      // The scopes of the main context's world: a vm context's are another world (util/world-of.cts).
      const world = worldOf(main.objectId);
      const scopes = frames.flatMap((f) => f.scopeChain.filter((s) => s.type !== 'global' && s.object.objectId && worldOf(s.object.objectId) === world));
      post('Runtime.callFunctionOn', {
        objectId: main.objectId,
        functionDeclaration: PREWARM_NUMBERS,
        arguments: [{ objectId: main.objectId }, { objectId: types.objectId }, { value: limitsFrom(dumpLimits, true) }, ...scopes.map((s) => ({ objectId: s.object.objectId }))],
        silent: true,
      });
    } catch {
      // The capture makes the texts itself.
    } finally {
      session.post('Runtime.releaseObjectGroup', { objectGroup });
    }
  };
  // A later pause finds the program's arrays changed.
  session.on('Debugger.resumed', () => void takePrewarmed());

  /** A vm rethrow may have lost its report (vm-rethrow.cts): it comes back if so. */
  const reportIfLost = (paused: Protocol.Debugger.PausedEvent) => {
    post('Runtime.callFunctionOn', {
      objectId: post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', { expression: REPORT_IF_LOST, includeCommandLineAPI: true, silent: true }).result.objectId,
      functionDeclaration: REPORT_CALL,
      arguments: [toCallArgument((paused.data ?? { type: 'undefined' }) as Protocol.Runtime.RemoteObject)],
      silent: true,
    });
  };

  session.on('Debugger.paused', ({ params }: { params: Protocol.Debugger.PausedEvent }) => {
    const untouched = untouchable(params, known.url);
    if (untouched) {
      try {
        if (untouched === 'vm') reportIfLost(params);
      } catch {
        // An error of another context (vm.runInNewContext) cannot be handed to this one.
      }
      return;
    }
    if (window?.observe(params)) return;
    // Ready: the agent has this pause too. Failed: the program runs unarmed.
    if (agent && Atomics.load(agent.flag, 0) !== 0) return;
    const [top, caller] = params.callFrames;
    try {
      if (params.reason === 'exception' || params.reason === 'promiseRejection') {
        const escaped = !(params.data as { uncaught?: boolean } | undefined)?.uncaught;
        if (escaped && !window?.escapes(params)) return;
        ensure();
        keep(params, escaped);
        prewarm(params.callFrames);
        hold();
      } else if (top?.functionName === 'stopHere' && caller?.functionName === 'requestPostMortem') {
        // No agent yet: no error was ever kept. Answer as the agent would (worker.ts), found nothing.
        if (agent) hold();
        else post('Debugger.evaluateOnCallFrame', { callFrameId: caller.callFrameId, expression: 'reply.armed = true', silent: true });
      }
      // Anything else (a `debugger` statement) needs nobody when there is no front end.
    } catch (err) {
      // Whatever went wrong here is pmdb's, never the program's: it goes on, unobserved.
      process._rawDebug(`pmdb: cannot stop here: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  const agentFailed = () => agent !== undefined && Atomics.load(agent.flag, 0) === 2;

  session.on('NodeWorker.attachedToWorker', ({ params }: { params: { sessionId: string; workerInfo: { url: string } } }) => {
    const { sessionId, workerInfo } = params;
    if (agent && workerInfo.url === agent.url) agentThread = sessionId;
    else if (!workerInfo.url.startsWith('node:') && !agentFailed()) {
      programWorkers.add(sessionId);
      ensure();
      return;
    }
    // The agent's own thread waits too; so does the thread of Node's module loader hooks
    // (`--import tsx`), which runs none of the program's code: let them go.
    release(sessionId);
  });

  // Told through the inspector, which gets through where the event loop does not (this thread
  // held in a pause, or blocked in Atomics.wait on a worker).
  session.on('NodeWorker.detachedFromWorker', ({ params }: { params: { sessionId: string } }) => {
    programWorkers.delete(params.sessionId);
    if (!agent || params.sessionId !== agentThread) return;
    // The agent died (it exits only with the process otherwise): nothing may wait for it.
    Atomics.store(agent.flag, 0, 2);
    programWorkers.forEach(release);
    session.post('Runtime.runIfWaitingForDebugger');
  });

  return { ready: () => ensure().awaitReady(), started: () => agent };
}
