// What keeps a Node process alive while its main thread waits in the event loop ("why is node
// still running"), as `pmdb stacks` reports it: servers with their address, sockets with both
// ends, child processes, timers with their delay and the function they will call, and by name
// whatever else `process.getActiveResourcesInfo()` counts. Read from the paused process with
// nothing left behind: timers are found on the heap (Runtime.queryObjects), not by a hook.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';

const GROUP = 'pmdb-holders';

// Runs in the process. Handles Node reports one by one; `getActiveResourcesInfo` names each
// resource, timers included; only referenced handles and timers hold the loop. Each handle comes
// with its rank in the report: servers first (what a service is), then connections, child
// processes, standard streams, ports, anything else.
const HANDLES = `(() => {
  const where = (host, port) => host === undefined ? '?' : (host.includes(':') ? '[' + host + ']' : host) + ':' + port;
  const described = [];
  for (const h of process._getActiveHandles()) {
    if (typeof h.hasRef === 'function' && !h.hasRef()) continue;
    const name = h.constructor && h.constructor.name;
    if (typeof h.listen === 'function' && typeof h.address === 'function') {
      const a = h.address();
      described.push([0, 'server listening on ' + (a === null ? '(not yet listening)' : typeof a === 'string' ? a : where(a.address, a.port)) + ' (' + name + ')']);
    } else if (h.remotePort !== undefined) {
      described.push([1, 'socket ' + where(h.localAddress, h.localPort) + ' -> ' + where(h.remoteAddress, h.remotePort)]);
    } else if (name === 'ChildProcess') {
      described.push([2, 'child process ' + h.pid + ' (' + [h.spawnfile, ...(h.spawnargs || []).slice(1)].join(' ') + ')']);
    } else if (h === process.stdin) {
      if (h._handle && h._handle.reading) described.push([3, 'stdin, being read' + (h.isTTY ? ' (a terminal)' : '')]);
    } else if (h === process.stdout || h === process.stderr) {
      // Standard output holds the loop only while a write waits.
      if (h.writableLength > 0) described.push([3, (h === process.stdout ? 'stdout' : 'stderr') + ': ' + h.writableLength + ' bytes not yet written']);
    } else if (name === 'MessagePort') {
      described.push([4, 'MessagePort (of a worker thread or a MessageChannel)']);
    } else described.push([5, name || 'handle']);
  }
  const counts = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] || 0) + 1;
  return { described, counts };
})()`;

const TIMEOUT_PROTOTYPE = `(() => { const t = setTimeout(() => {}, 0); clearTimeout(t); return Object.getPrototypeOf(t); })()`;

// On the array of every Timeout on the heap: those scheduled (in a timer list) and referenced, in
// the order they were created (each Timeout's async id, given by its constructor and kept when
// an interval re-arms): the heap's own order changes from one run to the next.
const SCHEDULED = `function () {
  const created = (t) => t[Object.getOwnPropertySymbols(t).find((s) => s.description === 'asyncId')];
  return this.filter((t) => t._idlePrev && !t._destroyed && t.hasRef())
    .sort((a, b) => created(a) - created(b))
    .map((t) => [t._idleTimeout, t._repeat !== null, t._onTimeout]);
}`;

/** One line per thing that keeps the loop alive: handles by kind (servers first), then timers by creation, then requests. */
export async function eventLoopHolders(client: Channel, scripts: ScriptTable): Promise<string[]> {
  try {
    const handles = (await client.call('Runtime.evaluate', { expression: HANDLES, returnByValue: true, silent: true })).result.value as {
      described: [rank: number, text: string][];
      counts: Record<string, number>;
    };
    const timers = await scheduledTimers(client, scripts);
    // Array.prototype.sort is stable: handles of one rank stay in the order Node keeps them (creation).
    const lines = [...handles.described.sort(([a], [b]) => a - b).map(([, text]) => text), ...timers];
    // Resources that are neither handles nor timers (requests: a file read, a DNS lookup...), by name.
    const counted = new Set(['Timeout', 'TTYWrap', 'TCPWrap', 'TCPServerWrap', 'PipeWrap', 'PipeServerWrap', 'ProcessWrap', 'UDPWrap', 'SignalWrap', 'MessagePort']);
    for (const [name, count] of Object.entries(handles.counts)) if (!counted.has(name)) lines.push(count > 1 ? `${name} x${count}` : name);
    return lines;
  } finally {
    await client.call('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => {});
  }
}

async function scheduledTimers(client: Channel, scripts: ScriptTable): Promise<string[]> {
  const prototype = (await client.call('Runtime.evaluate', { expression: TIMEOUT_PROTOTYPE, objectGroup: GROUP, silent: true })).result as Protocol.Runtime.RemoteObject;
  if (!prototype.objectId) return [];
  const { objects } = await client.call<Protocol.Runtime.QueryObjectsResponse>('Runtime.queryObjects', { prototypeObjectId: prototype.objectId, objectGroup: GROUP });
  const list = await client.call<Protocol.Runtime.CallFunctionOnResponse>('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: SCHEDULED, objectGroup: GROUP, silent: true });
  if (!list.result.objectId) return [];
  const lines: string[] = [];
  const entries = await client.call<Protocol.Runtime.GetPropertiesResponse>('Runtime.getProperties', { objectId: list.result.objectId, ownProperties: true });
  for (const entry of entries.result) {
    if (!/^\d+$/.test(entry.name) || !entry.value?.objectId) continue;
    const [delay, repeats, callback] = (await client.call<Protocol.Runtime.GetPropertiesResponse>('Runtime.getProperties', { objectId: entry.value.objectId, ownProperties: true })).result;
    const ms = delay?.value?.value as number;
    const what = repeats?.value?.value ? `setInterval every ${ms} ms` : `setTimeout of ${ms} ms`;
    lines.push(`${what}${await calling(client, scripts, callback?.value)}`);
  }
  return lines;
}

/** `, calling tick (/…/app.ts:5)`: the timer's function and where it is defined. */
async function calling(client: Channel, scripts: ScriptTable, fn: Protocol.Runtime.RemoteObject | undefined): Promise<string> {
  if (!fn?.objectId) return '';
  const props = await client.call<Protocol.Runtime.GetPropertiesResponse>('Runtime.getProperties', { objectId: fn.objectId, ownProperties: true });
  const name = props.result.find((p) => p.name === 'name')?.value?.value as string | undefined;
  const location = props.internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as Protocol.Debugger.Location | undefined;
  if (!location) return `, calling ${name || 'a function'}`;
  await scripts.load([location.scriptId]);
  const at = scripts.position(location.scriptId, location.lineNumber, location.columnNumber ?? 0);
  return `, calling ${name || 'a function'} (${at.file}:${at.line})`;
}
