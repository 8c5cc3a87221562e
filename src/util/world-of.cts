// The inspector world (execution context id) a handle belongs to. Each vm context is a world of
// its own (agent/realm-bridge.ts). CommonJS: the debuggee's own preload code uses it too.

/**
 * The world of an objectId or callFrameId. V8 writes ids as `isolate.context.number` (measured on
 * Node 20 to 26; docs/node-versions.md); undefined for any other form.
 */
export function worldOf(id: string | undefined): number | undefined {
  const m = id === undefined ? null : /^-?\d+\.(\d+)\.-?\d+$/.exec(id);
  return m ? Number(m[1]) : undefined;
}
