// The messages of the front end <-> agent channel. Requests are either Chrome DevTools Protocol
// calls relayed verbatim to the debuggee's inspector, or `pmdb.*` calls served by the agent.
import type { Protocol } from 'devtools-protocol';
import type { Dump } from '../dump/format.js';

export interface Request {
  id: number;
  method: string;
  params?: object;
  /** The worker thread's NodeWorker session; absent for the main thread. */
  session?: string;
}

export interface Response {
  id: number;
  result?: unknown;
  error?: { message: string };
}

/** One frame as it was at a throw, kept after the stack unwound (see agent/snapshots.ts). */
export interface SnapshotFrame {
  callFrame: Omit<Protocol.Debugger.CallFrame, 'callFrameId' | 'scopeChain'> & {
    /** The scopes whose variables were kept (not the global one), with where V8 says their code is. */
    scopeChain: Pick<Protocol.Debugger.Scope, 'type' | 'startLocation' | 'endLocation'>[];
  };
  /** `at`: the index of its scope in `scopeChain`. */
  variables: { name: string; value: Protocol.Runtime.RemoteObject; scope: string; at: number }[];
  /** An awaiting caller, known by its position only (V8's async stack trace at the pause). */
  async?: boolean;
}

/** A worker thread of the debuggee: Node's thread id and the worker's script. */
export interface WorkerThread {
  id: number;
  file: string;
}

/** A worker thread that died of an error its parent took: its frames, captured at the throw. */
export interface WorkerCrash {
  thread: WorkerThread;
  dump: Dump;
}

/** Why the agent handed a pause to the front end. */
export type StopKind =
  | 'exception' // an error escaped and the frames are live
  | 'fatal' // an error escaped but V8 reported it only after the stack unwound: frames are gone
  | 'escaped' // --stop-on escaped / pmdb test: live at a throw that library code (a test runner) will catch; the program goes on after it
  | 'postMortem' // pm()/postMortem(err): the frames kept when that error was thrown; the caller waits
  | 'pause'; // a breakpoint, a step, `debugger;`, Ctrl-C: anything not an exception

/** The object group of what a stop hands out; the front end releases it when the program resumes. */
export const STOP_GROUP = 'pmdb-stop';

export type AgentEvent =
  | { event: 'hello'; pid: number; entry: string; nodeVersion: string }
  | {
      event: 'stopped';
      kind: StopKind;
      paused: Protocol.Debugger.PausedEvent;
      /** For 'fatal': the error, as it reached Node's uncaught-exception handler; for 'postMortem', the one asked about. */
      error?: Protocol.Runtime.RemoteObject;
      /** A worker thread stopped: its NodeWorker session, to address it. */
      session?: string;
      /** For 'fatal' and 'postMortem': the frames as they were at the throw, when a snapshot was taken then. */
      snapshot?: SnapshotFrame[];
      /**
       * For 'fatal': the frames still on the stack when Node's vm layer rethrew the error (by
       * position, without variables), older than those its stack text names.
       */
      callers?: SnapshotFrame[];
      /** The worker thread that stopped. */
      thread?: WorkerThread;
      /** For 'fatal': the error came from a worker thread that died of it; its frames at the throw. */
      fromWorker?: WorkerCrash;
      /** For 'escaped': what will catch the error, a package or a `node:` module (`express`, `node:events`). */
      caughtBy?: string;
      /** In `stopOn: 'test'`: the failing test, when the agent can tell. */
      test?: { name: string; file?: string };
      /** `pmdb test --trace`: this 'pause' is at a test's first line; the test's name when the runner tells. */
      testStarted?: { name?: string };
    }
  | { event: 'resumed' }
  | { event: 'exit'; code: number; viaExit: boolean };

export interface ScriptInfo {
  scriptId: string;
  url: string;
  sourceMapURL?: string;
  /** An ES module (parsed as one), not a script or CommonJS function body. */
  isModule?: boolean;
}
