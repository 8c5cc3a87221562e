// PMDB_DEBUG=1 traces what the front end sends to and receives from the agent, on stderr: for
// diagnosing pmdb itself, never shown otherwise.
import type { Happening } from './event-queue.js';

const enabled = Boolean(process.env.PMDB_DEBUG);

export function traceCall(method: string, params: object | undefined, session: string | undefined): void {
  if (!enabled) return;
  process.stderr.write(`pmdb-debug: call ${method} ${JSON.stringify(params ?? {}).slice(0, 200)}${session ? ` (${session})` : ''}\n`);
}

export function traceHappening(h: Happening): void {
  if (!enabled) return;
  const summary =
    h.type === 'stopped'
      ? { kind: h.kind, reason: h.paused.reason, hit: h.paused.hitBreakpoints, top: h.paused.callFrames[0]?.location, session: h.session }
      : h;
  process.stderr.write(`pmdb-debug: ${h.type} ${JSON.stringify(summary)}\n`);
}

/** A decision of pmdb's worth seeing when diagnosing it (which way a breakpoint was set). */
export function traceNote(text: string): void {
  if (enabled) process.stderr.write(`pmdb-debug: ${text}\n`);
}
