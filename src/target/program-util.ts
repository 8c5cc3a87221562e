// The program's own `node:util`, for the functions that read a thrown value without running the
// program's code (DEBUGGEE_FUNCTIONS): its `types` tells a Proxy before anything touches it.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';

export async function programUtil(channel: Channel, objectGroup?: string): Promise<Protocol.Runtime.RemoteObject> {
  const r = await channel.call<Protocol.Runtime.EvaluateResponse>('Runtime.evaluate', {
    expression: `require('node:util')`,
    includeCommandLineAPI: true,
    silent: true,
    ...(objectGroup && { objectGroup }),
  });
  if (r.exceptionDetails || !r.result.objectId) throw new Error('cannot reach node:util in the program');
  return r.result;
}
