// One JavaScript thread the agent debugs: the main thread, or a worker thread reached through
// the NodeWorker domain. Each has its own scripts (script ids are per isolate) and its own
// exception policy.
import type { Protocol } from 'devtools-protocol';
import type { WorkerThread } from '../protocol/messages.js';
import { ExceptionPolicy, type ProcessSurvives } from './exception-policy.js';
import { Snapshots } from './snapshots.js';
import { BLACKBOX, LIBRARY_BLACKBOX } from './blackbox.cjs';
import type { AgentConfig } from './config.cjs';
import { AgentEntryWindow } from './agent-entry-window.js';
import { acrossRealms } from './realm-bridge.js';
import { ThreadScripts } from './thread-scripts.js';

export { ThreadScripts };
import { TestStarts } from './test-starts.js';
import { TestGate } from './test-gate.js';

export type Post = <T>(method: string, params?: object) => Promise<T>;

export interface DebuggeeOptions {
  /** The NodeWorker session id; none for the main thread. */
  session?: string;
  survives?: ProcessSurvives;
  /** A worker thread: which one. */
  thread?: () => Promise<WorkerThread>;
  /** This agent keeps the window of this entry (agent-entry-window.ts): an ES module entry's; every worker's. */
  entryWindow?: string;
  /** `--stop-on escaped` / `pmdb test`: every exception pauses, library code blackboxed. */
  stopOn?: AgentConfig['stopOn'];
  /** `pmdb test --trace`: stop at the start of each test. */
  trace?: boolean;
}

export class Debuggee {
  readonly scripts = new ThreadScripts();
  readonly session?: string;
  readonly policy: ExceptionPolicy;
  readonly snapshots: Snapshots;
  readonly window?: AgentEntryWindow;
  /** A worker thread's id and script; undefined for the main thread or when it does not answer. */
  readonly thread: () => Promise<WorkerThread | undefined>;
  /** The thread's inspector; arguments of another realm's world are carried into the call's. */
  readonly post: Post;

  readonly stopOn?: AgentConfig['stopOn'];
  readonly testStarts?: TestStarts;
  /** `pmdb test`: caught exceptions pause once a test runner's code is loaded. */
  readonly testGate?: TestGate;
  /** `q` at a test stop: no more pauses on caught exceptions. */
  private disarmed = false;

  constructor(post: Post, { session, survives, entryWindow, thread, stopOn, trace }: DebuggeeOptions = {}) {
    post = this.post = acrossRealms(post);
    this.session = session;
    this.stopOn = stopOn;
    this.thread = async () => thread?.().catch(() => undefined);
    this.window = entryWindow === undefined ? undefined : new AgentEntryWindow(post, entryWindow, session !== undefined, () => this.pauseState);
    this.policy = new ExceptionPolicy(post, this.scripts, survives, () => this.window !== undefined && !this.window.entryDone);
    this.snapshots = new Snapshots(post, this.scripts);
    if (trace) this.testStarts = new TestStarts(post, this.scripts);
    if (stopOn === 'test') this.testGate = new TestGate(post, () => this.pauseOn(this.pauseState));
  }

  private pauseWaiters: (() => void)[] = [];

  /** Resolves at the thread's next pause, whatever it is. */
  nextPauseSeen(): Promise<void> {
    return new Promise((resolve) => this.pauseWaiters.push(resolve));
  }

  pauseSeen(): void {
    const waiters = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Set while a pause is expected that belongs to pmdb itself (script-edit.ts). */
  private pauseTaker?: (paused: Protocol.Debugger.PausedEvent) => void;

  /** The next pause of this thread is pmdb's own: it resolves this instead of being reported. */
  takeNextPause(): Promise<Protocol.Debugger.PausedEvent> {
    return new Promise((resolve) => (this.pauseTaker = resolve));
  }

  giveBackNextPause(): void {
    this.pauseTaker = undefined;
  }

  /** True when the pause was taken by takeNextPause. */
  tookPause(paused: Protocol.Debugger.PausedEvent): boolean {
    const taker = this.pauseTaker;
    this.pauseTaker = undefined;
    taker?.(paused);
    return taker !== undefined;
  }

  scriptParsed(params: Protocol.Debugger.ScriptParsedEvent): void {
    this.scripts.parsed(params);
    void this.window?.scriptParsed(params).catch(() => {});
    void this.testStarts?.scriptParsed(params).catch(() => {});
    void this.testGate?.scriptParsed(params).catch(() => {});
  }

  /** Everything the agent needs before the thread runs user code. */
  async arm(): Promise<void> {
    await this.post('Debugger.enable', { maxScriptsCacheSize: 100_000_000 });
    await this.post('Debugger.setPauseOnExceptions', { state: this.window?.state ?? this.pauseState });
    // Stepping walks the user's code only: never into Node, tsx or pmdb's own agent.
    await this.post('Debugger.setBlackboxPatterns', { patterns: this.stopOn ? LIBRARY_BLACKBOX : BLACKBOX });
    await this.testGate?.arm();
  }

  /** `q` at a test stop: uncaught exceptions only, from now on. */
  async disarm(): Promise<void> {
    this.disarmed = true;
    await this.testStarts?.disarm();
    await this.pauseOn('uncaught');
  }

  /** Outside an entry window: uncaught exceptions, or every one the user's code throws (`pmdb test`: once a runner is loaded). */
  private get pauseState(): 'all' | 'uncaught' {
    if (!this.stopOn || this.disarmed) return 'uncaught';
    return this.testGate && !this.testGate.opened ? 'uncaught' : 'all';
  }

  /** An open entry window keeps pausing on every exception until it closes. */
  private async pauseOn(state: 'all' | 'uncaught'): Promise<void> {
    if (!this.window?.open) await this.post('Debugger.setPauseOnExceptions', { state }).catch(() => {});
  }
}
