// The part of the agent that runs on the debuggee's main thread, loaded with `node --require`.
// With a front end it starts the agent worker (which drives this thread's inspector) and holds
// the main thread until the worker is ready, so that the very first line of the program already
// runs armed. With none (pmdb/register), the worker starts only when needed (on-demand.cts).
//
// CommonJS on purpose: `--require` keeps the entry module on Node's CommonJS path, where V8's
// `uncaught` exception prediction works (an `--import` preload would push every entry through
// the ESM loader, whose machinery catches everything first).
import { isMainThread, Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AGENT_ENV, type AgentConfig } from './config.cjs';
import { stopHere } from './stop-here.cjs';
import { openAgentPort } from './agent-port.cjs';
import { noteEscaped } from './post-mortem.cjs';
import { entryIsEvaluated, entryRunsAsModule } from './entry-kind.cjs';
import { noteReported } from './vm-rethrow.cjs';
import { inspectorPresent } from './inspector-present.cjs';
import { readSecret } from './secret-pipe.cjs';
import type { OnDemandAgent } from './on-demand.cjs';
// Loaded now, in every thread, for the agent to reach from a paused thread (realm-bridge.ts):
// loaded there at its first use instead, Node 26 hung in about 1 run in 2 (cause not found).
import './realm-mailbox.cjs';

const raw = process.env[AGENT_ENV];

// Worker threads by thread id, to answer whether a worker's parent handles its errors.
const workers = new Map<number, WeakRef<Worker>>();

/** Called by the agent (through the inspector) when a worker thread is about to die of an error. */
export function workerErrorHandled(threadId: number): boolean {
  const worker = workers.get(threadId)?.deref();
  return worker !== undefined && worker.listenerCount('error') > 0;
}

let awaitAgent: () => void = () => {};

/**
 * Holds the main thread until the agent is ready. Called from a later preload (agent/ready.cts),
 * so that Node loads the module loaders meanwhile.
 */
export function agentReady(): void {
  awaitAgent();
  awaitAgent = () => {};
}

/**
 * pmdb/register: arms this process with no front end (a crash writes a dump), unless a front end's
 * config already armed it (`pmdb run` with a terminal: then it holds the program until that agent
 * is ready). Does nothing in a worker thread (the main thread's agent reaches workers).
 */
export function armStandalone(): void {
  if (!isMainThread) return;
  if (!armed && inspectorPresent()) {
    const { PMDB_DUMP_DIR: dumpDir, PMDB_NO_REDACT, PMDB_DUMP_LIMITS } = process.env;
    armWithoutFrontEnd({ interactive: false, dumpDir, redact: PMDB_NO_REDACT !== '1', dumpLimits: validLimits(PMDB_DUMP_LIMITS) });
    // Loaded only here: a debuggee with a front end has the front end's `pmdb stacks` and --timeout.
    (require('./self-reports.cjs') as typeof import('./self-reports.cjs')).armSelfReports();
    if (process.env.PMDB_AWAITS === '1') (require('./pending-awaits.cjs') as typeof import('./pending-awaits.cjs')).notePendingAwaits();
  }
  agentReady();
}

let armed = false;

/** PMDB_DUMP_LIMITS if it says something pmdb can use; else one line, and the defaults. */
function validLimits(spec: string | undefined): string | undefined {
  if (!spec) return undefined;
  try {
    (require('../dump/limits.cjs') as typeof import('../dump/limits.cjs')).limitsFrom(spec, true);
    return spec;
  } catch (err) {
    process._rawDebug(`pmdb: PMDB_DUMP_LIMITS: ${(err as Error).message}; the default bounds apply`);
    return undefined;
  }
}

if (isMainThread && raw) {
  const config = JSON.parse(raw) as AgentConfig;
  // The program must not see pmdb's channel, nor pass it on to processes it starts; unless it is
  // `pmdb run`'s, which is there for exactly those processes.
  if (!config.tree) delete process.env[AGENT_ENV];
  if (config.secretFd !== undefined) config.secret = readSecret(config.secretFd);
  // A process Node made without an inspector runs as without pmdb (inspector-present.cts).
  if (inspectorPresent()) arm(config);
} else if (!isMainThread && process.execArgv.includes(__filename)) {
  // A worker thread of an armed program (workers inherit --require): the agent reaches it through
  // the NodeWorker domain; here only the safety net for errors V8 does not pause on.
  watchFatalErrors();
}

/** The agent thread, once started. */
export interface Agent {
  worker: Worker;
  /** The file URL of its script, which names its thread in the NodeWorker domain. */
  url: string;
  /** [0] 1 when the agent is ready, 2 when it failed; [1] exit reported; [2] 1 once its session is connected to this thread. */
  flag: Int32Array;
  /** Holds the main thread until the agent is ready; false if it never got ready. */
  awaitReady(): boolean;
}

/** `entryWindow`: the agent keeps the window of an ES module entry (agent-entry-window.ts). */
function startAgent(config: AgentConfig, entryWindow: boolean): Agent {
  const flag = new Int32Array(new SharedArrayBuffer(12));
  const mainPort = openAgentPort();

  const url = pathToFileURL(path.join(__dirname, 'worker.js'));
  const worker = new Worker(url, {
    // Workers inherit --require: without this the agent would load itself inside its own worker.
    execArgv: [],
    env: { ...process.env },
    workerData: { config, flag: flag.buffer, entry: process.argv[1] ?? '', mainPort, entryWindow },
    transferList: [mainPort],
    stdout: false,
    stderr: false,
  });
  worker.unref();
  worker.on('error', (err) => {
    process._rawDebug(`pmdb: agent failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  // A dead agent answers nothing: the main thread must never wait for it again.
  worker.on('exit', () => Atomics.compareExchange(flag, 0, 0, 2));

  return {
    worker,
    url: url.href,
    flag,
    awaitReady() {
      const deadline = Date.now() + 15_000;
      // While the worker starts (a new isolate loading the agent's modules: most of the wait) it
      // needs nothing of this thread: sleep, leaving the CPU to it (a spinning thread took one of
      // two cores from it and from the program's other processes; docs/benchmarks.md).
      while (Atomics.load(flag, 2) === 0 && Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 2, 0, 20);
      // Then spin, not Atomics.wait: the worker's inspector messages are dispatched on this thread
      // through V8 interrupts, which are serviced only while JavaScript runs (measured:
      // Atomics.wait never lets them through and deadlocks).
      while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {
        /* spin */
      }
      if (Atomics.load(flag, 0) !== 1) process._rawDebug('pmdb: the debugger agent did not start; running unarmed');
      return Atomics.load(flag, 0) === 1;
    },
  };
}

/**
 * Runs `start`, and then at once the `process.nextTick` callbacks it queued. `new Worker` queues
 * some (its stdio streams resume, the process 'worker' event): left pending until the program
 * starts, they make Node run the program's first microtasks from processTicksAndRejections, a
 * frame the program would see in its `error.stack` under pmdb only (docs/node-versions.md).
 * Before the program only: an agent started later (on-demand.cts) leaves them to Node.
 */
function withoutTicks<T>(start: () => T): T {
  const nextTick = process.nextTick;
  const queued: (() => void)[] = [];
  process.nextTick = (callback: (...args: unknown[]) => void, ...args: unknown[]) => void queued.push(() => callback(...args));
  try {
    return start();
  } finally {
    process.nextTick = nextTick;
    for (const callback of queued) callback();
  }
}

/** Armed for a front end: the agent starts now, and the program waits for it (agentReady). */
function arm(config: AgentConfig): void {
  armed = true;
  // An ES module entry stops live at the throw; so does code Node evaluates from a string or stdin.
  const agent = withoutTicks(() => startAgent(config, entryRunsAsModule() || entryIsEvaluated()));
  awaitAgent = () => void agent.awaitReady();

  if (config.interactive) {
    // Ctrl-C reaches the debuggee too (same process group as the terminal). pdb's behaviour is
    // to break into the prompt, so the signal must not kill the process; the front end pauses it.
    process.on('SIGINT', () => {});
  }

  watchFatalErrors(undefined, () => agent);
  watchExit(() => agent);
  watchWorkers();
}

/**
 * Armed by pmdb/register: no agent thread (a second V8 isolate, ~20 MB) until something needs
 * one; a fatal error V8 did not pause on is one such thing.
 */
function armWithoutFrontEnd(config: AgentConfig): void {
  armed = true;
  let onDemand: OnDemandAgent;
  try {
    // Loaded only here: a debuggee with a front end never needs it.
    const { armOnDemand } = require('./on-demand.cjs') as typeof import('./on-demand.cjs');
    onDemand = armOnDemand((entryWindow) => startAgent(config, entryWindow), config.dumpLimits);
  } catch (err) {
    process._rawDebug(`pmdb: cannot arm this process: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  watchFatalErrors(() => onDemand.ready(), () => onDemand.started());
  watchExit(() => onDemand.started());
  watchWorkers();
}

function watchWorkers(): void {
  process.on('worker', (w: Worker) => workers.set(w.threadId, new WeakRef(w)));
}

/**
 * `uncaughtExceptionMonitor` is Node's last word before an error kills the thread. An error V8
 * never paused on (stack overflow, a rejection seen only in Node internals, a worker's top-level
 * throw) stops here, after the stack unwound. Every uncaught error is the one pm() debugs next.
 * `agentThere` says whether an agent will take the stop (pmdb/register starts one for it).
 * A listener, not a wrapper of `process.emit`: a wrapper's frame showed in the stack of every error
 * thrown by the program's own process listeners (`exit`, `uncaughtException`...).
 */
function watchFatalErrors(agentThere: () => boolean = () => true, agent: () => Agent | undefined = () => undefined): void {
  process.on('uncaughtExceptionMonitor', (error: unknown, origin: string) => {
    noteReported(error);
    noteEscaped(error);
    if (!willDie()) return;
    if (agentThere()) fatalErrorStop(error, origin);
    // Node reports the error and exits: a connected agent would make it print
    // `Waiting for the debugger to disconnect...` then.
    reportExit(agent(), 1, false);
  });
}

/**
 * process.exit(): after the program's `exit` listeners Node calls `process.reallyExit`, which runs
 * none of the program's code (so no frame of pmdb's can show in its stacks). The agent reports how
 * the program ended and disconnects, since a connected worker session makes Node print
 * `Waiting for the debugger to disconnect...` on the program's stderr; a natural end prints none.
 */
function watchExit(agent: () => Agent | undefined): void {
  const reallyExit = process.reallyExit;
  process.reallyExit = function (this: NodeJS.Process, code?: number) {
    reportExit(agent(), code ?? 0, true);
    return reallyExit.call(this, code);
  } as typeof process.reallyExit;
}

/** Tells a live agent the program ends, and waits (2 s at most) until it has disconnected. */
function reportExit(started: Agent | undefined, code: number, viaExit: boolean): void {
  // A dead agent reports nothing.
  if (!started || Atomics.load(started.flag, 0) === 2) return;
  const { worker, flag } = started;
  Atomics.store(flag, 1, 0);
  worker.postMessage({ type: 'exit', code, viaExit });
  const until = Date.now() + 2_000;
  while (Atomics.load(flag, 1) === 0 && Date.now() < until) Atomics.wait(flag, 1, 0, 5);
}

function willDie(): boolean {
  const replTakesIt = Symbol.for('pmdb.armedRepl.takesErrors') in process;
  return process.listenerCount('uncaughtException') === 0 && !process.hasUncaughtExceptionCaptureCallback() && !replTakesIt;
}

/**
 * The agent knows this stop by this function's name, and reads `error` (what Node reports) and
 * `origin` from its frame; for a rejection of a non-Error value Node reports an error of its own,
 * and the agent finds the value itself (worker.ts).
 */
function fatalErrorStop(error: unknown, origin: string): void {
  stopHere();
  void error;
  void origin;
}
