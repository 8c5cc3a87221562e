// PMDB_DEBUG=1 traces what the front end sends to and receives from the agent, and the choices
// pmdb makes, on stderr: for diagnosing pmdb itself, never shown otherwise.

/** Whether the trace is on: a caller with something costly to describe asks first. */
export const tracing = Boolean(process.env.PMDB_DEBUG);

export function traceCall(method: string, params: object | undefined, session: string | undefined): void {
  if (!tracing) return;
  process.stderr.write(`pmdb-debug: call ${method} ${JSON.stringify(params ?? {}).slice(0, 200)}${session ? ` (${session})` : ''}\n`);
}

/** A decision of pmdb's worth seeing when diagnosing it (which way a breakpoint was set), or an event. */
export function traceNote(text: string): void {
  if (tracing) process.stderr.write(`pmdb-debug: ${text}\n`);
}
