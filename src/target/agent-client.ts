// The front end's end of the channel to one debuggee's agent: request/response calls and a
// stream of events.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { JsonLines } from '../protocol/json-lines.js';
import type { AgentEvent, Response } from '../protocol/messages.js';
import { traceCall } from '../util/debug-log.js';
import { PendingCalls } from './pending-calls.js';

/** How the program said it ends: process.exit(code), or Node's exit after a fatal error. */
export interface ProgramExit {
  code: number;
  viaExit: boolean;
}

/** The debuggee died or hung up while a call was in flight; `exit` when the program said how it ended. */
export class TargetGoneError extends Error {
  constructor(readonly exit?: ProgramExit) {
    super('the program is no longer running');
  }
}

/** Where protocol calls go: the debuggee's main thread or one of its worker threads. */
export interface Channel {
  call<T = any>(method: string, params?: object): Promise<T>;
}

export class AgentClient extends EventEmitter<{ event: [AgentEvent]; close: [] }> implements Channel {
  private readonly pending = new PendingCalls();
  private readonly lines: JsonLines;
  private exit?: ProgramExit;

  constructor(socket: Socket) {
    super();
    this.lines = new JsonLines(
      socket,
      (message) => this.receive(message as Response | AgentEvent),
      () => {
        this.pending.failAll(() => new TargetGoneError(this.exit));
        this.emit('close');
      },
    );
  }

  /** How the program said it ends, once its agent reported it. */
  get programExit(): ProgramExit | undefined {
    return this.exit;
  }

  get connected(): boolean {
    return !this.lines.isClosed;
  }

  call<T = any>(method: string, params?: object, session?: string): Promise<T> {
    if (this.lines.isClosed) return Promise.reject(new TargetGoneError(this.exit));
    traceCall(method, params, session);
    // A call the program's exit cut short (`p process.exit(0)` at the prompt: the agent's session
    // closes under it) failed because the program is gone, whatever the error says.
    return this.pending.start<T>((id) => this.lines.send({ id, method, params, session })).catch((err: unknown) => {
      throw this.exit && !(err instanceof TargetGoneError) ? new TargetGoneError(this.exit) : err;
    });
  }

  /** The channel to one thread: the main thread when `session` is undefined. */
  thread(session: string | undefined): Channel {
    return session === undefined ? this : { call: (method, params) => this.call(method, params, session) };
  }

  private receive(message: Response | AgentEvent): void {
    if ('event' in message) {
      if (message.event === 'exit') this.exit = { code: message.code, viaExit: message.viaExit };
      this.emit('event', message);
      return;
    }
    this.pending.answer(message.id, message);
  }
}
