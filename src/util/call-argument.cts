// A value for Runtime.callFunctionOn's arguments: a remote object by reference, anything else by
// value. CommonJS: the debuggee's own preload code (agent/on-demand.cts) uses it too.
import type { Protocol } from 'devtools-protocol';

export function toCallArgument(arg: unknown): Protocol.Runtime.CallArgument {
  const remote = arg as Protocol.Runtime.RemoteObject;
  if (remote && typeof remote === 'object' && 'type' in remote) {
    if (remote.objectId) return { objectId: remote.objectId };
    if (remote.unserializableValue) return { unserializableValue: remote.unserializableValue };
    return { value: remote.value };
  }
  return { value: arg };
}
