// Values of other realms: every vm context (jest's tests, vitest's vm pools, vm.runInNewContext)
// is a world of its own for the inspector, and each handle (objectId) belongs to the world whose
// evaluation or frame produced it, whatever realm made the object. A function called on a handle
// of one world refuses arguments of another (-32000 "Argument should belong to the same
// JavaScript world as target object"). Inside the process the values cross realms freely, so an
// argument of another world is carried across first: put into realm-mailbox.cjs through a handle
// of its world, taken out through one of the call's world.
import { fileURLToPath } from 'node:url';
import type { Protocol } from 'devtools-protocol';
import type { Post } from './debuggee.js';
import { worldOf } from '../util/world-of.cjs';

const MAILBOX = fileURLToPath(new URL('./realm-mailbox.cjs', import.meta.url));
/** The mailbox's handles, one per world; kept while the thread lives. */
const MAILBOX_GROUP = 'pmdb-realms';

type Call = Protocol.Runtime.CallFunctionOnRequest;
type SetVariable = Protocol.Debugger.SetVariableValueRequest;

/** `post`, with the object arguments of calls carried into the world each call runs in. */
export function acrossRealms(post: Post): Post {
  const mailboxes = new Map<number, Promise<string | undefined>>();
  let carries = 0;

  const mailboxIn = (world: number): Promise<string | undefined> => {
    let found = mailboxes.get(world);
    if (!found) {
      found = post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', {
        contextId: world,
        expression: `require(${JSON.stringify(MAILBOX)})`,
        includeCommandLineAPI: true,
        objectGroup: MAILBOX_GROUP,
        silent: true,
      }).then(
        (r) => r.result.objectId,
        () => undefined,
      );
      mailboxes.set(world, found);
    }
    return found;
  };

  /** The argument as a handle of `world`, in `group`; as it was when its world is unknown. */
  const carry = async (argument: Protocol.Runtime.CallArgument, world: number, group: string): Promise<Protocol.Runtime.CallArgument> => {
    const from = worldOf(argument.objectId);
    if (from === undefined || from === world) return argument;
    // One after the other: asked together, Node 26 hung more often (3 runs of 5 against 0 of 12,
    // by hand); see docs/node-versions.md.
    const outbox = await mailboxIn(from);
    const inbox = await mailboxIn(world);
    if (!outbox || !inbox) return argument;
    const key = await post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
      objectId: outbox,
      functionDeclaration: 'function (value) { return this.put(value); }',
      arguments: [argument],
      returnByValue: true,
      silent: true,
    });
    const { result } = await post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
      objectId: inbox,
      functionDeclaration: 'function (key) { return this.take(key); }',
      arguments: [{ value: key.result.value }],
      objectGroup: group,
      silent: true,
    });
    return result.objectId ? { objectId: result.objectId } : argument;
  };

  /** Runs `send` with the arguments carried; the carried handles are released after it. */
  const carried = async <T>(world: number | undefined, args: Protocol.Runtime.CallArgument[], send: (args: Protocol.Runtime.CallArgument[]) => Promise<T>): Promise<T> => {
    if (world === undefined || !args.some((a) => a.objectId && worldOf(a.objectId) !== world)) return send(args);
    const group = `pmdb-carried-${++carries}`;
    try {
      const moved = [];
      for (const a of args) moved.push(await carry(a, world, group));
      return await send(moved);
    } finally {
      await post('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => {});
    }
  };

  return <T>(method: string, params?: object): Promise<T> => {
    if (method === 'Runtime.callFunctionOn') {
      const call = params as Call;
      const world = call.executionContextId ?? worldOf(call.objectId);
      return carried(world, call.arguments ?? [], (args) => post<T>(method, { ...call, arguments: args }));
    }
    if (method === 'Debugger.setVariableValue') {
      const set = params as SetVariable;
      return carried(worldOf(set.callFrameId), [set.newValue], ([newValue]) => post<T>(method, { ...set, newValue }));
    }
    return post<T>(method, params);
  };
}
