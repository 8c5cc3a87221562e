// The front end's end of the channel to one debuggee's agent: request/response calls and a
// stream of events.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { JsonLines } from '../protocol/json-lines.js';
import type { AgentEvent, Response } from '../protocol/messages.js';
import { traceCall } from '../util/debug-log.js';

/** The debuggee died or hung up while a call was in flight. */
export class TargetGoneError extends Error {
  constructor() {
    super('the program is no longer running');
  }
}

/** Where protocol calls go: the debuggee's main thread or one of its worker threads. */
export interface Channel {
  call<T = any>(method: string, params?: object): Promise<T>;
}

export class AgentClient extends EventEmitter<{ event: [AgentEvent]; close: [] }> implements Channel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly lines: JsonLines;

  constructor(socket: Socket) {
    super();
    this.lines = new JsonLines(
      socket,
      (message) => this.receive(message as Response | AgentEvent),
      () => {
        for (const { reject } of this.pending.values()) reject(new TargetGoneError());
        this.pending.clear();
        this.emit('close');
      },
    );
  }

  get connected(): boolean {
    return !this.lines.isClosed;
  }

  call<T = any>(method: string, params?: object, session?: string): Promise<T> {
    if (this.lines.isClosed) return Promise.reject(new TargetGoneError());
    traceCall(method, params, session);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.lines.send({ id, method, params, session });
    });
  }

  /** The channel to one thread: the main thread when `session` is undefined. */
  thread(session: string | undefined): Channel {
    return session === undefined ? this : { call: (method, params) => this.call(method, params, session) };
  }

  private receive(message: Response | AgentEvent): void {
    if ('event' in message) {
      this.emit('event', message);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  }
}
