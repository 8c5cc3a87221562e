// One end of a Chrome DevTools Protocol conversation: numbered calls answered by id, and events.
// The same messages travel over an inspector's WebSocket and, wrapped, to a worker thread
// through the main thread's NodeWorker domain.
import { EventEmitter } from 'node:events';
import { TargetGoneError, type Channel } from './agent-client.js';
import { traceCall } from '../util/debug-log.js';
import { PendingCalls } from './pending-calls.js';

export interface CdpMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
  method?: string;
  params?: any;
}

export class CdpEndpoint extends EventEmitter<{ event: [method: string, params: any] }> implements Channel {
  private readonly pending = new PendingCalls();
  private gone = false;

  constructor(
    private readonly send: (text: string) => void,
    /** Names the thread in PMDB_DEBUG's trace. */
    private readonly label?: string,
  ) {
    super();
  }

  get connected(): boolean {
    return !this.gone;
  }

  call<T = any>(method: string, params?: object): Promise<T> {
    if (this.gone) return Promise.reject(new TargetGoneError());
    traceCall(method, params, this.label);
    return this.pending.start<T>((id) => this.send(JSON.stringify({ id, method, params: params ?? {} })));
  }

  receive(message: CdpMessage): void {
    if (message.id === undefined) {
      if (message.method) this.emit('event', message.method, message.params);
      return;
    }
    this.pending.answer(message.id, message);
  }

  /** The other end is gone: every call in flight fails, as every later one will. */
  hangUp(): void {
    this.gone = true;
    this.pending.failAll(() => new TargetGoneError());
  }
}
