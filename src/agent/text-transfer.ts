// `pmdb.callForText`: runs a function in a thread that makes one long text there (a dump's value
// graph: megabytes of JSON) and hands the text back. From the main thread it comes through the
// port of agent-port.cts: the function is given that module as its first argument and passes
// the text to its sendToAgent. A worker thread of the program has no such port: there the first
// argument is undefined and the function returns the text, which the inspector carries.
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Protocol } from 'devtools-protocol';
import type { Debuggee } from './debuggee.js';

const AGENT_PORT = fileURLToPath(new URL('./agent-port.cjs', import.meta.url));

export type TextCall = Pick<Protocol.Runtime.CallFunctionOnRequest, 'objectId' | 'functionDeclaration' | 'arguments' | 'objectGroup'>;

/** The text, or none when the function threw or made none. */
export async function callForText(debuggee: Pick<Debuggee, 'post'>, port: MessagePort | undefined, call: TextCall): Promise<{ text?: string }> {
  let main: Protocol.Runtime.CallArgument = {};
  let arrived: Promise<string> | undefined;
  let listener: ((text: string) => void) | undefined;
  if (port) {
    const { result } = await debuggee.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', {
      expression: `require(${JSON.stringify(AGENT_PORT)})`,
      includeCommandLineAPI: true,
      objectGroup: call.objectGroup,
      silent: true,
    });
    if (result.objectId) {
      main = { objectId: result.objectId };
      arrived = new Promise((resolve) => port.once('message', (listener = resolve)));
    }
  }
  try {
    const r = await debuggee.post<Protocol.Runtime.CallFunctionOnResponse>('Runtime.callFunctionOn', {
      ...call,
      arguments: [main, ...(call.arguments ?? [])],
      returnByValue: !arrived,
      silent: true,
    });
    if (r.exceptionDetails) return {};
    if (arrived) return { text: await arrived };
    return typeof r.result.value === 'string' ? { text: r.result.value } : {};
  } finally {
    if (listener) port!.off('message', listener);
  }
}
