// The agent: a worker thread inside the debuggee, attached to its main thread's inspector.
// Measured on Node 20 (docs/benchmarks.md): a step or an evaluation costs well under a
// millisecond from here, against ~44 ms through Node's inspector WebSocket, and no TCP port is
// ever opened. It relays the front end's protocol calls to the main thread or a worker thread,
// keeps their script tables, and decides in-process which exception pauses are real crashes.
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import type { Protocol } from 'devtools-protocol';
import type { AgentConfig } from './config.cjs';
import { JsonLines } from '../protocol/json-lines.js';
import { handshakeLine } from '../protocol/handshake.js';
import { STOP_GROUP, type AgentEvent, type Request, type ScriptInfo, type SnapshotFrame, type WorkerThread } from '../protocol/messages.js';
import { Debuggee, type Post } from './debuggee.js';
import type { Snapshot } from './snapshots.js';
import { watchWorkerThreads } from './worker-threads.js';
import { standaloneOutlet } from './standalone.js';
import { editScript, type ScriptEditRequest } from './script-edit.js';
import { callForText, type TextCall } from './text-transfer.js';
import { within } from '../util/within.js';
import { nudgedPost } from './nudged-session.js';
import { failingTest } from './failing-test.js';
import type { EscapedStop, Verdict } from './exception-policy.js';
import { withRunnerMap } from './runner-source-maps.js';
import { limitsFrom } from '../dump/limits.cjs';
import { WorkerCrashes, dumpThread, stackOf } from './worker-crashes.js';
import { toCallArgument } from '../util/call-argument.cjs';
import { REPORT_CALL, REPORT_IF_LOST, untouchable } from './vm-rethrow.cjs';
import { ReportedStops } from './reported-stops.js';
import { endWithFrontEnd } from './lifeline.js';

const { config, flag, entry, mainPort, entryWindow } = workerData as {
  config: AgentConfig;
  flag: SharedArrayBuffer;
  entry: string;
  /** This agent keeps the window of an ES module entry (agent-entry-window.ts). */
  entryWindow: boolean;
  /** The main thread's channel with this agent (agent-port.cts). */
  mainPort: MessagePort;
};
const flags = new Int32Array(flag);
/** The armed REPL outlives the errors pmdb stops on: pm() may ask for their frames afterwards. */
const livesOn = entry === fileURLToPath(new URL('./armed-repl.cjs', import.meta.url));

/**
 * Armed by pmdb/register (no front end), this agent was started when the main thread needed it
 * (on-demand.cts), perhaps from inside a pause where that thread is held until we connect; not
 * under `pmdb test` without a terminal, whose config arms it from the start to judge every throw.
 */
const onDemand = !config.socket && !config.stopOn;

const session = new Session();
session.connectToMainThread();
// The main thread, asleep while this thread started, now serves this session (preload.cts).
Atomics.store(flags, 2, 1);
Atomics.notify(flags, 2);
if (onDemand) session.post('Runtime.runIfWaitingForDebugger');

const send = nudgedPost(session);

/**
 * Started on demand, this agent joined a pause the main thread is held in (on-demand.cts), and
 * a resume may end the hold instead of the pause: while the thread is held, or when a pause of
 * its own session ended by itself before (nobody waits on that session, but Node's inspector
 * still believes a resume is due, and its loop ends at the next one). So a resume is sent again
 * until the thread says it resumed.
 */
const post: Post = async (method, params) => {
  if (method !== 'Debugger.resume' || !onDemand) return send(method, params);
  let seen!: () => void;
  const resumed = new Promise<boolean>((resolve) => (seen = () => resolve(true)));
  session.once('Debugger.resumed', seen);
  try {
    for (;;) {
      try {
        await send(method, params);
      } catch {
        return {} as never; // No longer paused.
      }
      if (await within(resumed, 50)) return {} as never;
    }
  } finally {
    session.off('Debugger.resumed', seen);
  }
};

const main = new Debuggee(post, { entryWindow: entryWindow ? entry : undefined, stopOn: config.stopOn, trace: config.trace });
/** `q` at a test stop: the front end told this agent to stop stopping at failing tests. */
let disarmed = false;
const threads = new Map<string, Debuggee>();

/** Set when the front end's socket closed: pauses that still come (a worker thread's) just go on. */
let frontEndGone = false;
/** The front end said farewell (pmdb run ends, this process outlives its command): the program runs on unobserved. */
let released = false;

// Where events go: the front end over its socket, or, armed by pmdb/register with no front end,
// the standalone outlet, which answers crashes itself with a dump.
const outlet = config.socket
  ? frontEnd(config.socket)
  : standaloneOutlet((session) => ({ call: <T,>(method: string, params?: object) => dispatch({ id: 0, method, params, session }) as Promise<T> }), {
      dumpDir: config.dumpDir,
      limits: limitsFrom(config.dumpLimits, config.redact ?? true),
    }, () => {
      Atomics.store(flags, 0, 1);
      // A main thread held in a pause while we started (on-demand.cts) can go on.
      session.post('Runtime.runIfWaitingForDebugger');
    });
/** Threads stopped where pmdb reports them: the resume puts their timers back (reported-stops.ts). */
const reportedStops = new ReportedStops();
const emit = (event: AgentEvent, flushed?: () => void) => {
  const stopped = event.event === 'stopped' && (event.session ? threads.get(event.session) : main);
  if (stopped) reportedStops.reported(stopped, event.paused);
  outlet.emit(event, flushed);
};

function frontEnd(socket: string): { emit(event: AgentEvent, flushed?: () => void): void; send(message: unknown): void } {
  const connection = connect(socket);
  let connected = false;
  connection.once('connect', () => (connected = true));
  // Before anything else: the front end hears nothing from a connection without it.
  connection.write(handshakeLine(config.secret ?? ''));
  const lines = new JsonLines(
    connection,
    (message) => void serve(message as Request),
    // The front end is gone: nobody can answer a pause, so the program runs on unobserved; or, if
    // pmdb died without a farewell, it ends (lifeline.ts). Never there at all: a process that
    // `pmdb run`'s command left running started it after pmdb ended; it runs on.
    () => {
      frontEndGone = true;
      void post('Debugger.disable').catch(() => {});
      Atomics.compareExchange(flags, 0, 0, 1);
      if (connected && !released) endWithFrontEnd();
    },
  );
  return { emit: (event, flushed) => lines.send(event, flushed), send: (message) => lines.send(message) };
}

session.on('Debugger.scriptParsed', ({ params }: { params: Protocol.Debugger.ScriptParsedEvent }) => main.scriptParsed(params));
session.on('Debugger.paused', ({ params }: { params: Protocol.Debugger.PausedEvent }) => void onPaused(main, params));
session.on('Debugger.resumed', () => emit({ event: 'resumed' }));

/** Until the main thread is armed, a pause is one this agent joined (on-demand.cts). */
let joining = onDemand;

/**
 * `--stop-on escaped`: a throw of the user's code that library code will catch; `pmdb test`: one
 * that a runner's test call takes, the failing test (V8 may also predict a test's error uncaught,
 * with the runner's process-level handler taking it: node:test's, for a sync test).
 */
async function escapedStop(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent, verdict: Verdict): Promise<EscapedStop | undefined> {
  // A rejection V8 calls uncaught (`maybe`) counts when the library's frame that will take the promise is on the stack.
  if (debuggee.stopOn === 'escaped' && (verdict === 'survives' || verdict === 'maybe')) return debuggee.policy.escapedStop(paused).catch(() => undefined);
  if (debuggee.stopOn !== 'test' || disarmed || (verdict !== 'survives' && verdict !== 'handler')) return undefined;
  const test = await failingTest(debuggee, paused).catch(() => undefined);
  return test && (test === 'unknown' ? {} : { test });
}

async function onPaused(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent): Promise<void> {
  debuggee.pauseSeen();
  // Node's fatal path stops such an error (vm-rethrow.cts), perhaps only once it is thrown again.
  const untouched = untouchable(paused, (id) => debuggee.scripts.get(id)?.url);
  if (untouched) {
    if (untouched === 'vm') {
      await reportIfLost(debuggee, paused).catch(() => {});
      // JavaScript has run at this pause already: keeping the error costs nothing more.
      await debuggee.snapshots.keepCallers(paused).catch(() => {});
    }
    await debuggee.post('Debugger.resume').catch(() => {});
    return;
  }
  if (joining && debuggee === main) paused = await joinedPause(paused);
  if (debuggee.tookPause(paused)) return;
  if (await debuggee.testGate?.paused(paused)) return;
  if (await debuggee.window?.observe(paused)) {
    await debuggee.post('Debugger.resume');
    return;
  }
  const session = debuggee.session;
  if (frontEndGone) {
    await debuggee.post('Debugger.resume').catch(() => {});
    return;
  }
  // `pmdb test --trace`: on the way from a runner's test call to the test's first line.
  const traced = await debuggee.testStarts?.paused(paused);
  if (traced === 'handled') return;
  if (traced) {
    emit({ event: 'stopped', kind: 'pause', paused, session, thread: await debuggee.thread(), testStarted: traced.started });
    return;
  }
  if (paused.reason === 'exception' || paused.reason === 'promiseRejection') {
    const verdict = await debuggee.policy.decide(paused);
    const crash = verdict === 'crash';
    const error = paused.data as Protocol.Runtime.RemoteObject | undefined;
    // No frame of the program: Node rethrows, from its own code, an error it caught on its way
    // out (a worker's entry, an EventTarget listener; Node 26 pauses there). Its throw may have
    // been seen already.
    const rethrown = verdict !== 'survives' && paused.callFrames.every((f) => debuggee.scripts.isInternal(f.location.scriptId));
    const kept = rethrown ? await debuggee.snapshots.find(error ?? { type: 'undefined' }) : undefined;
    const thread = await debuggee.thread();
    if (kept) {
      if (crash && !kept.stopped) emit({ event: 'stopped', kind: 'fatal', paused, session, error, ...keptFrames(kept), thread });
      else await debuggee.post('Debugger.resume');
      return;
    }
    // `--stop-on escaped`: a throw of the user's code that library code will catch stops live,
    // and is kept for postMortem(err) in the library's error handler.
    const escaped = await escapedStop(debuggee, paused, verdict);
    if (escaped) {
      await debuggee.snapshots.capture(paused, true).catch(() => {});
      emit({ event: 'stopped', kind: 'escaped', paused, session, thread, ...escaped });
      return;
    }
    // Every error on its way out is kept, once, for a later fatal stop or pm()/postMortem(err):
    // handled throws never pause (outside --stop-on escaped), so they cost nothing here.
    if (verdict !== 'survives') await debuggee.snapshots.capture(paused, crash, !crash || livesOn).catch(() => {});
    if (verdict === 'parent' && thread) await keepWorkerCrash(debuggee, paused, thread).catch(() => {});
    if (!crash) {
      await debuggee.post('Debugger.resume');
      return;
    }
    // Rethrown with none of the frames of its throw left: what its stack text names.
    const fromWorker = rethrown && debuggee === main ? workerCrashes.find(await stackOf(debuggee.post, error)) : undefined;
    emit({ event: 'stopped', kind: rethrown ? 'fatal' : 'exception', paused, session, thread, ...(rethrown && { error, fromWorker }) });
    return;
  }
  if (session && (paused.reason as string) === 'Break on start') {
    // A new worker waits here until it is armed; it is, so let it run.
    await debuggee.post('Debugger.resume');
    return;
  }
  // The program stopped itself (stop-here.cjs); the calling function says why.
  const [top, caller] = paused.callFrames;
  if (top && caller && debuggee.scripts.get(top.location.scriptId)?.url.endsWith('/stop-here.cjs')) {
    const stop = await requestedStop(debuggee, caller, paused.callFrames);
    if (stop) emit({ event: 'stopped', paused, session, thread: await debuggee.thread(), ...stop });
    else {
      await debuggee.post('Runtime.releaseObjectGroup', { objectGroup: STOP_GROUP });
      await debuggee.post('Debugger.resume');
    }
    return;
  }
  emit({ event: 'stopped', kind: 'pause', paused, session });
}

/** An error of another context (vm.runInNewContext) cannot be handed over: the call fails. */
async function reportIfLost(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent): Promise<void> {
  const { result } = await debuggee.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', { expression: REPORT_IF_LOST, includeCommandLineAPI: true, silent: true });
  await debuggee.post('Runtime.callFunctionOn', {
    objectId: result.objectId,
    functionDeclaration: REPORT_CALL,
    arguments: [toCallArgument((paused.data ?? { type: 'undefined' }) as Protocol.Runtime.RemoteObject)],
    silent: true,
  });
  await debuggee.post('Runtime.releaseObject', { objectId: result.objectId! }).catch(() => {});
}

/**
 * V8 shows a session that enables its debugger in a paused thread a bare pause (reason `other`,
 * no exception): the main thread kept what it was (on-demand.cts).
 */
async function joinedPause(paused: Protocol.Debugger.PausedEvent): Promise<Protocol.Debugger.PausedEvent> {
  const { result } = await post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', {
    expression: `require(${JSON.stringify(onDemandPath)}).takeJoinedPause()`,
    includeCommandLineAPI: true,
    // The group of V8's own pause data, released when the thread resumes.
    objectGroup: 'backtrace',
    silent: true,
  });
  if (!result.objectId) return paused;
  const { result: fields } = await post<{ result: Protocol.Runtime.PropertyDescriptor[] }>('Runtime.getProperties', {
    objectId: result.objectId,
    ownProperties: true,
  });
  const field = (name: string) => fields.find((f) => f.name === name)?.value ?? { type: 'undefined' as const };
  // Only uncaught exceptions pause, and caught ones that escape an ES module entry.
  return { ...paused, reason: field('reason').value, data: { ...field('thrown'), uncaught: true, escaped: field('escaped').value === true } };
}

/**
 * What the program threw or rejected with, at a fatalErrorStop: Node reports a rejection of a
 * non-Error value as an error of its own; the value is `reason` in the frame of Node's
 * unhandled-rejections mode (node:internal/process/promises, the same on Node 20 to 26).
 */
async function thrownValue(debuggee: Debuggee, caller: Protocol.Debugger.CallFrame, frames: Protocol.Debugger.CallFrame[]): Promise<Protocol.Runtime.RemoteObject> {
  const rejection = (await evaluateIn(debuggee, caller, 'origin')).result.value === 'unhandledRejection' ? await rejectionOnStack(debuggee, frames) : undefined;
  return rejection ?? (await evaluateIn(debuggee, caller, 'error')).result;
}

/** The rejection Node is handing out when its unhandled-rejections mode is on the stack (its fatal path, or a listener). */
async function rejectionOnStack(debuggee: Debuggee, frames: Protocol.Debugger.CallFrame[]): Promise<Protocol.Runtime.RemoteObject | undefined> {
  const mode = frames.find((f) => f.functionName.endsWith('UnhandledRejectionsMode') && debuggee.scripts.isInternal(f.location.scriptId));
  const reason = mode && (await evaluateIn(debuggee, mode, 'reason').catch(() => undefined));
  return reason && !reason.exceptionDetails ? reason.result : undefined;
}

function evaluateIn(debuggee: Debuggee, frame: Protocol.Debugger.CallFrame, expression: string): Promise<Protocol.Debugger.EvaluateOnCallFrameResponse> {
  return debuggee.post<Protocol.Debugger.EvaluateOnCallFrameResponse>('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression, objectGroup: STOP_GROUP, silent: true });
}

const onDemandPath = fileURLToPath(new URL('./on-demand.cjs', import.meta.url));

/** Worker threads that died of an error their parent took: their frames at the throw. */
const workerCrashes = new WorkerCrashes();
/** Shown at a prompt with a front end (unredacted, as live values are), written as is without one. */
const workerDumpLimits = limitsFrom(config.dumpLimits, !config.socket && (config.redact ?? true));

async function keepWorkerCrash(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent, thread: WorkerThread): Promise<void> {
  const channel = { call: <T,>(method: string, params?: object) => dispatch({ id: 0, method, params, session: debuggee.session }) as Promise<T> };
  const dump = await dumpThread(channel, { kind: 'exception', paused, session: debuggee.session, thread }, workerDumpLimits);
  workerCrashes.keep(await stackOf(debuggee.post, paused.data as Protocol.Runtime.RemoteObject), { thread, dump });
}

type StopFields = Pick<Extract<AgentEvent, { event: 'stopped' }>, 'kind' | 'error' | 'snapshot' | 'callers' | 'fromWorker'>;

/**
 * What a stop the program asked for shows, or undefined to let it run on. `fatalErrorStop`
 * (preload.cts): an error Node is about to die of; `escapedToRepl` (armed-repl.cts): an error a
 * line of the armed REPL let escape; `requestPostMortem` (post-mortem.cts): pm()/postMortem(err).
 */
async function requestedStop(debuggee: Debuggee, caller: Protocol.Debugger.CallFrame, frames: Protocol.Debugger.CallFrame[]): Promise<StopFields | undefined> {
  const variable = async (name: string) =>
    (
      await debuggee.post<{ result: Protocol.Runtime.RemoteObject }>('Debugger.evaluateOnCallFrame', {
        callFrameId: caller.callFrameId,
        expression: name,
        objectGroup: STOP_GROUP,
        silent: true,
      })
    ).result;
  switch (caller.functionName) {
    case 'fatalErrorStop':
    case 'escapedToRepl': {
      if (await debuggee.policy.threadDeathHandled()) return undefined;
      const error = caller.functionName === 'escapedToRepl' ? await variable('thrown') : await thrownValue(debuggee, caller, frames);
      const kept = await debuggee.snapshots.find(error);
      // pmdb stopped at the throw, live: this is the same error arriving where it ends.
      if (kept?.stopped) return undefined;
      // A worker thread's error, which its parent took and which now ends the process.
      const fromWorker = debuggee === main ? workerCrashes.find(await stackOf(debuggee.post, error)) : undefined;
      return { kind: 'fatal', error, ...keptFrames(kept), fromWorker };
    }
    case 'requestPostMortem': {
      // pm() in an unhandledRejection listener: that rejection escaped, though Node's fatal path,
      // where pm() learns of escapes, never sees it.
      const byPm = frames[2]?.functionName === 'pm' && frames[2].location.scriptId === caller.location.scriptId;
      const error = (byPm && (await rejectionOnStack(debuggee, frames))) || (await variable('error'));
      const reply = await variable('reply');
      // A crash pmdb stopped on live keeps no frames outside the armed REPL: nothing to reopen.
      const snapshot = framesOf(await debuggee.snapshots.find(error));
      await debuggee.post('Runtime.callFunctionOn', {
        objectId: reply.objectId,
        functionDeclaration: 'function (found) { this.armed = true; this.found = found; }',
        arguments: [{ value: Boolean(snapshot) }],
        silent: true,
      });
      return snapshot && { kind: 'postMortem', error, snapshot };
    }
    default:
      return { kind: 'pause' };
  }
}

/** What a fatal stop shows of a kept error: the frames of its throw, or its callers at a vm rethrow. */
function keptFrames(kept: Snapshot | undefined): Pick<StopFields, 'snapshot' | 'callers'> {
  return kept?.callersOnly ? { callers: kept.frames } : { snapshot: framesOf(kept) };
}

/**
 * A snapshot's frames, or undefined when it kept none: frames were not asked for, or every frame
 * was Node's own (Node 22+ pauses on an fs.promises rejection inside node:internal/fs/promises),
 * and the error's stack text still names the user's async frames.
 */
function framesOf(kept: Snapshot | undefined): SnapshotFrame[] | undefined {
  return kept && !kept.callersOnly && kept.frames.length > 0 ? kept.frames : undefined;
}

/**
 * Ctrl-C: pause the main thread wherever it is. An idle thread runs no JavaScript, so V8 has
 * nowhere to pause: a message gives it a callback to run. Until the thread has stopped, ask
 * again: a loaded CI machine once saw a single request go unanswered (the debuggee runs its own
 * SIGINT handling at that moment; not reproduced in 70 tries since), and a request that finds
 * the thread already paused changes nothing.
 */
async function interrupt(debuggee: Debuggee): Promise<void> {
  const stopped = debuggee.nextPauseSeen();
  for (let attempt = 0; attempt < 50; attempt++) {
    await debuggee.post('Debugger.pause');
    mainPort.postMessage(0);
    if (await within(stopped.then(() => true), 100)) return;
  }
}

async function serve(request: Request): Promise<void> {
  const reply = (outlet as { send?: (message: unknown) => void }).send!;
  try {
    reply({ id: request.id, result: await dispatch(request) });
  } catch (err) {
    reply({ id: request.id, error: { message: err instanceof Error ? err.message : String(err) } });
  }
}

async function dispatch({ method, params, session }: Request): Promise<unknown> {
  const debuggee = session ? threads.get(session) : main;
  if (!debuggee) throw new Error('that thread has exited');
  debuggee.window?.command(method);
  await reportedStops.resuming(debuggee, method);
  const scriptAnswer = debuggee.scripts.answer(method, params);
  // Under `pmdb test` a runner may keep a script's source map in memory (vitest 5).
  if (scriptAnswer && method === 'pmdb.scripts' && config.stopOn) return Promise.all((scriptAnswer.result as ScriptInfo[]).map((info) => withRunnerMap(debuggee, info)));
  if (scriptAnswer) return scriptAnswer.result;
  switch (method) {
    case 'pmdb.ready':
      // The front end has set its breakpoints: let the main thread run the program.
      Atomics.store(flags, 0, 1);
      return {};
    case 'pmdb.disarm':
      disarmed = true;
      await debuggee.disarm();
      return {};
    case 'pmdb.release':
      released = true;
      return {};
    case 'pmdb.interrupt':
      await interrupt(debuggee);
      return {};
    case 'pmdb.editScript':
      return editScript(debuggee, params as ScriptEditRequest);
    case 'pmdb.callForText':
      return callForText(debuggee, debuggee === main ? mainPort : undefined, params as TextCall);
    default:
      return debuggee.post(method, params);
  }
}

parentPort!.on('message', (message: { type: string; code: number; viaExit: boolean }) => {
  if (message.type !== 'exit') return;
  emit({ event: 'exit', code: message.code, viaExit: message.viaExit }, () => {
    session.disconnect();
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
  });
});

async function start(): Promise<void> {
  await main.arm();
  joining = false;
  await watchWorkerThreads(session, post, {
    attached: (debuggee) => threads.set(debuggee.session!, debuggee),
    detached: (debuggee) => threads.delete(debuggee.session!),
    event: (debuggee, method, params) => {
      if (method === 'Debugger.scriptParsed') debuggee.scriptParsed(params);
      else if (method === 'Debugger.paused') void onPaused(debuggee, params);
    },
  }, { stopOn: config.stopOn, trace: config.trace });
  emit({ event: 'hello', pid: process.pid, entry, nodeVersion: process.version });
}

start().then(
  async () => {
    // The front end went away while the agent armed the thread: disarm it again.
    if (frontEndGone) await post('Debugger.disable').catch(() => {});
  },
  (err) => {
    if (frontEndGone) return;
    process._rawDebug(`pmdb: agent start failed: ${err instanceof Error ? err.message : err}`);
    Atomics.store(flags, 0, 2);
  },
);
