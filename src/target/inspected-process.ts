// A running Node process reached through its own inspector (`pmdb attach`, `pmdb stacks`): its
// main thread and every worker thread (through the NodeWorker domain), each with the scripts its
// inspector announced. Each thread's channel answers the `pmdb.*` questions the front end asks the
// agent under `pmdb SCRIPT`, so the same LiveTarget and commands work on it; nothing of pmdb is
// loaded into the process.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';
import { CdpEndpoint, type CdpMessage } from './cdp-endpoint.js';
import type { InspectorSocket } from './inspector-socket.js';
import { ThreadScripts } from '../agent/thread-scripts.js';
import { callForText, type TextCall } from '../agent/text-transfer.js';
import type { WorkerThread } from '../protocol/messages.js';
import type { Stop } from './live-target.js';
import { urlToFile } from '../util/file-url.cjs';
import { within } from '../util/within.js';

/** Names the script that gives an idle thread some JavaScript to pause in. */
const IDLE_PROBE_URL = 'pmdb-idle-probe';
const IDLE_PROBE = `0\n//# sourceURL=${IDLE_PROBE_URL}`;

export class InspectedThread extends EventEmitter<{ stopped: [Stop]; resumed: [] }> {
  readonly scripts = new ThreadScripts();
  /** Where the front end's calls go: CDP, plus the agent's `pmdb.*` questions answered here. */
  readonly channel: Channel = { call: (method, params) => this.serve(method, params) };
  /** The thread is paused, and how. */
  paused?: Protocol.Debugger.PausedEvent;

  constructor(
    /** Where CDP calls reach the thread's inspector. */
    readonly cdp: CdpEndpoint,
    /** The NodeWorker session of a worker thread; undefined for the main thread. */
    readonly session?: string,
    /** A worker thread: its id and script. */
    public thread?: WorkerThread,
  ) {
    super();
    cdp.on('event', (method, params) => {
      if (method === 'Debugger.scriptParsed') this.scripts.parsed(params);
      else if (method === 'Debugger.paused') {
        this.paused = params;
        this.emit('stopped', this.stopAt(params));
      } else if (method === 'Debugger.resumed') {
        this.paused = undefined;
        this.emit('resumed');
      }
    });
  }

  /** Debugger on: V8 announces every script the thread has, which maps its frames. */
  async enable(): Promise<void> {
    await this.cdp.call('Debugger.enable');
    if (this.thread) {
      // Node's thread id, which the program sees (a NodeWorker workerId only counts sessions' workers).
      const r = await this.cdp.call('Runtime.evaluate', { expression: "require('node:worker_threads').threadId", includeCommandLineAPI: true, returnByValue: true, silent: true });
      if (typeof r.result?.value === 'number') this.thread = { ...this.thread, id: r.result.value };
    }
  }

  /**
   * Pauses the thread where it is and resolves with the stop. A busy thread stops in its running
   * code; an idle one runs no JavaScript for V8 to pause in, so a probe gives it some: the stop is
   * then a wait in the event loop, with no frames.
   */
  async pause(): Promise<Stop> {
    if (this.paused) return this.stopAt(this.paused);
    const stopped = new Promise<Stop>((resolve) => this.once('stopped', resolve));
    await this.cdp.call('Debugger.pause');
    // Answered only once the thread is resumed when the probe is where it paused.
    this.cdp.call('Runtime.evaluate', { expression: IDLE_PROBE, silent: true }).catch(() => {});
    return stopped;
  }

  /** The stop as the front end sees it: the probe's frame is pmdb's, on an idle thread the only one, on a busy one run on top of its code. */
  private stopAt(paused: Protocol.Debugger.PausedEvent): Stop {
    const callFrames = paused.callFrames.filter((f) => this.scripts.get(f.location.scriptId)?.url !== IDLE_PROBE_URL);
    return { kind: 'pause', paused: { ...paused, callFrames }, session: this.session, thread: this.thread };
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    const resumed = new Promise<void>((resolve) => this.once('resumed', resolve));
    await this.cdp.call('Debugger.resume').catch(() => {});
    await within(resumed, 1000);
  }

  private serve(method: string, params?: object): Promise<any> {
    const answer = this.scripts.answer(method, params);
    if (answer) return Promise.resolve(answer.result);
    switch (method) {
      case 'pmdb.interrupt':
        return this.pause().then(() => ({}));
      case 'pmdb.editScript':
        // A live edit would stay in the process after pmdb leaves: conditions stay V8's own.
        return Promise.reject(new Error('pmdb does not edit the scripts of a process it attached to'));
      case 'pmdb.callForText':
        return callForText({ post: (m, p) => this.cdp.call(m, p) }, undefined, params as TextCall);
      default:
        return this.cdp.call(method, params);
    }
  }
}

/** The script of pmdb's agent thread (agent/worker.ts), from whichever pmdb armed the process: it sits with the preload. */
function isPmdbAgent(url: string): boolean {
  if (!url.startsWith('file:') || !url.endsWith('/agent/worker.js')) return false;
  const dir = path.dirname(urlToFile(url));
  return existsSync(path.join(dir, 'preload.cjs')) && existsSync(path.join(dir, 'on-demand.cjs'));
}

export class InspectedProcess extends EventEmitter<{ thread: [InspectedThread] }> {
  readonly main: InspectedThread;
  private readonly workers = new Map<string, InspectedThread>();
  /** Until open() has armed the workers running then, new ones wait for it. */
  private opened = false;

  private constructor(readonly socket: InspectorSocket) {
    super();
    this.main = new InspectedThread(socket);
    socket.on('event', (method, params) => this.onEvent(method, params));
  }

  /** Debugger on in the main thread and in every worker thread there is. */
  static async open(socket: InspectorSocket): Promise<InspectedProcess> {
    const inspected = new InspectedProcess(socket);
    await inspected.main.enable();
    // Node reports the workers already running before it answers.
    await socket.call('NodeWorker.enable', { waitForDebuggerOnStart: false });
    // A process whose program has ended waits for its debuggers to go: pmdb goes.
    await socket.call('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true }).catch(() => {});
    await Promise.all([...inspected.workers.values()].map((w) => w.enable().catch(() => {})));
    inspected.opened = true;
    return inspected;
  }

  /** The main thread first, then the workers by thread id. */
  get threads(): InspectedThread[] {
    return [this.main, ...[...this.workers.values()].sort((a, b) => a.thread!.id - b.thread!.id)];
  }

  thread(session: string | undefined): InspectedThread | undefined {
    return session === undefined ? this.main : this.workers.get(session);
  }

  /**
   * Leaves the process as it was: every thread resumed, the debugger off, no worker sessions;
   * `closeInspector` then closes the inspector pmdb opened (its port closes with it).
   */
  async detach(closeInspector: boolean): Promise<void> {
    for (const worker of this.workers.values()) await worker.cdp.call('Debugger.disable').catch(() => {});
    await this.socket.call('NodeWorker.disable').catch(() => {});
    await this.socket.call('Debugger.disable').catch(() => {});
    if (closeInspector) {
      // Ends the inspector from inside: Node closes the port and this connection, so the call
      // itself gets no answer.
      void this.socket.call('Runtime.evaluate', { expression: 'process._debugEnd()', silent: true }).catch(() => {});
      await within(this.socket.closed, 5000);
    }
    await this.socket.close();
  }

  private onEvent(method: string, params: any): void {
    if (method === 'NodeRuntime.waitingForDisconnect') void this.socket.close();
    else if (method === 'NodeWorker.attachedToWorker') {
      const { sessionId, workerInfo } = params as { sessionId: string; workerInfo: { url: string } };
      // Node's own threads (the module loader's hooks thread) are not the program's, nor is the
      // agent thread pmdb/register starts in a process it armed.
      if (workerInfo.url.startsWith('node:') || isPmdbAgent(workerInfo.url)) return;
      const cdp = new CdpEndpoint(
        (message) => void this.socket.call('NodeWorker.sendMessageToWorker', { sessionId, message }).catch(() => {}),
        sessionId,
      );
      const worker = new InspectedThread(cdp, sessionId, { id: 0, file: workerInfo.url ? urlToFile(workerInfo.url) : '[worker eval]' });
      this.workers.set(sessionId, worker);
      // A worker started while pmdb is attached: armed as those before it.
      if (this.opened) void worker.enable().then(() => this.emit('thread', worker), () => {});
    } else if (method === 'NodeWorker.receivedMessageFromWorker') {
      this.workers.get(params.sessionId)?.cdp.receive(JSON.parse(params.message) as CdpMessage);
    } else if (method === 'NodeWorker.detachedFromWorker') {
      this.workers.get(params.sessionId)?.cdp.hangUp();
      this.workers.delete(params.sessionId);
    }
  }
}
