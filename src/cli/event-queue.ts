// Orders what happens to a running debuggee into one stream the session can await: a stop, or
// the end of the process (with whether it went through process.exit()).
import type { Launched } from '../target/launch.js';
import type { AgentEvent } from '../protocol/messages.js';
import { traceNote, tracing } from '../util/debug-log.js';

export type Happening =
  | ({ type: 'stopped' } & Omit<Extract<AgentEvent, { event: 'stopped' }>, 'event'>)
  | { type: 'ended'; code: number | null; signal: NodeJS.Signals | null; viaExit: boolean };

export class EventQueue {
  private readonly queue: Happening[] = [];
  private waiter?: (h: Happening) => void;
  private viaExit = false;

  constructor(launched: Launched) {
    launched.client.on('event', (event) => {
      if (event.event === 'stopped') {
        const { event: _, ...stop } = event;
        this.push({ type: 'stopped', ...stop });
      } else if (event.event === 'exit') this.viaExit = event.viaExit;
    });
    void launched.exited.then(({ code, signal }) => this.push({ type: 'ended', code, signal, viaExit: this.viaExit }));
  }

  next(): Promise<Happening> {
    const first = this.queue.shift();
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private push(h: Happening): void {
    traceHappening(h);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(h);
    else this.queue.push(h);
  }
}

/** What PMDB_DEBUG shows of a happening: a pause's call frames would fill the screen. */
function traceHappening(h: Happening): void {
  if (!tracing) return;
  const summary =
    h.type === 'stopped'
      ? { kind: h.kind, reason: h.paused.reason, hit: h.paused.hitBreakpoints, top: h.paused.callFrames[0]?.location, session: h.session }
      : h;
  traceNote(`${h.type} ${JSON.stringify(summary)}`);
}
