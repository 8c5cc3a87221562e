// Captures a stopped program into a Dump: every frame's variables (one serializer call inside
// the debuggee for all of them, so identity is kept across frames), the exception and its
// traceback record, the sources of every file on the stack, and process facts. Bounded and
// redacted as docs/dump-format.md says.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import type { LiveFrame } from '../engine/frames.js';
import type { Target } from '../target/target.js';
import { DUMP_FORMAT, DUMP_VERSION, type Dump, type DumpFrame, type DumpObject, type ValueRef } from './format.js';
import { SERIALIZE_VALUES } from './serializer-source.cjs';
import { DEFAULT_LIMITS, type CaptureLimits } from './limits.cjs';
import { redactEverywhere, redactProcess } from './redact.js';
import { toCallArgument } from '../util/call-argument.cjs';

type RemoteObject = Protocol.Runtime.RemoteObject;

export interface CaptureInput {
  client: Channel;
  target: Target;
  frames: LiveFrame[];
  exception?: RemoteObject;
  exceptionText: string;
  live: boolean;
  /** A frame's parameter names, from its source (fetching its arguments would move their values). */
  parameterNames(frame: number): Promise<string[]>;
  /** The source's names of variables of a live frame's scope `at` (a compiler may have renamed some). */
  sourceNames(frame: number, at: number, names: string[]): Promise<string[]>;
  /** A frame's bindings its code had not reached: they have no value to keep. */
  unreachedNames(frame: number): Promise<ReadonlySet<string>>;
}

export async function captureDump(input: CaptureInput, limits: CaptureLimits = DEFAULT_LIMITS): Promise<Dump> {
  const { client, frames } = input;
  // Live frames hand over V8's scope objects; snapshot frames their kept values; the exception
  // comes last. One serializer call for everything keeps object identity across frames.
  const scopeObjects: RemoteObject[] = [];
  const names: string[] = [];
  const values: RemoteObject[] = [];
  const layout: ScopePlan[][] = [];
  /** Where each frame's `this` is among the values, or -1. */
  const thisAt: number[] = [];
  for (const frame of frames) {
    const scopes: ScopePlan[] = [];
    if (frame.snapshot) {
      const byType = new Map<string, { name: string; index: number }[]>();
      for (const v of frame.snapshot) {
        const list = byType.get(v.scope) ?? [];
        list.push({ name: v.name, index: values.length });
        names.push(v.name);
        values.push(v.value);
        byType.set(v.scope, list);
      }
      for (const [type, list] of byType) scopes.push({ type, values: list });
    } else {
      for (const [at, scope] of (frame.scopeChain ?? []).entries()) {
        if (scope.type === 'global' || !scope.object.objectId) continue;
        scopes.push({ type: scope.type, scope: scopeObjects.length, at });
        scopeObjects.push(scope.object);
      }
    }
    layout.push(scopes);
    // `this`, unless it is nothing or the global object (a sloppy function's: not the frame's own).
    const self = frame.this;
    thisAt.push(self && self.type === 'object' && self.className !== 'global' ? values.push(self) - 1 : -1);
    if (thisAt[thisAt.length - 1]! >= 0) names.push('this');
  }
  const exceptionIndex = input.exception ? values.length : -1;
  if (input.exception) {
    names.push('');
    values.push(input.exception);
  }
  const out = await serializeValues(client, scopeObjects, names, values, limits);

  const dumpFrames: DumpFrame[] = [];
  for (const [i, frame] of frames.entries()) {
    const unreached = await input.unreachedNames(i);
    dumpFrames.push({
      name: frame.name,
      file: frame.file,
      line: frame.line,
      column: frame.column,
      async: frame.async,
      ...(thisAt[i]! >= 0 && { this: out.refs[thisAt[i]!]! }),
      scopes: await Promise.all(
        layout[i]!.map(async (scope) => {
          const reached = ([name]: [string, ValueRef]): boolean => !unreached.has(name);
          return {
            type: scope.type,
            variables:
              scope.scope !== undefined
                ? await sourceNamed(input, i, scope.at!, out.scopes[scope.scope]!.filter(reached))
                : scope.values!.map((v) => [v.name, out.refs[v.index]!] as [string, ValueRef]).filter(reached),
          };
        }),
      ),
      args: await input.parameterNames(i),
      functionLine: (await input.target.functionStart(i))?.line,
    });
  }
  const exceptionValue: ValueRef = exceptionIndex >= 0 ? out.refs[exceptionIndex]! : { t: 'undefined' };

  const sources: Record<string, string> = {};
  for (const file of new Set(frames.map((f) => f.file))) {
    const lines = await input.target.sourceLines(file);
    if (lines) sources[file] = lines.join('\n');
  }

  const withheld = [...(out.withheld ?? [])];
  const facts = await processFacts(client);
  const dump: Dump = {
    format: DUMP_FORMAT,
    version: DUMP_VERSION,
    createdAt: new Date().toISOString(),
    live: input.live,
    ...(input.target.olderFramesNotKept !== undefined && { olderFramesNotKept: input.target.olderFramesNotKept }),
    exception: { text: input.exceptionText, value: exceptionValue, record: (await input.target.exceptionRecord()) ?? null },
    frames: dumpFrames,
    objects: out.objects,
    sources,
    process: limits.redact ? redactProcess(facts, withheld) : facts,
    redacted: limits.redact,
    ...(input.target.thread && { thread: input.target.thread }),
  };
  return limits.redact ? redactEverywhere(dump, withheld) : dump;
}

/** A live scope's variables under the source's names, which the dump keeps: it has no source map. */
async function sourceNamed(input: CaptureInput, frame: number, at: number, variables: [string, ValueRef][]): Promise<[string, ValueRef][]> {
  const names = await input.sourceNames(frame, at, variables.map(([name]) => name));
  return variables.map(([, ref], i) => [names[i]!, ref]);
}

/** Where a scope's variables come from: a V8 scope object (`at` in the frame's chain), or kept values. */
interface ScopePlan {
  type: string;
  scope?: number;
  at?: number;
  values?: { name: string; index: number }[];
}

export interface Serialized {
  scopes: [string, ValueRef][][];
  refs: ValueRef[];
  objects: Record<string, DumpObject>;
  /** Values redacted under a secret name (with limits.redact), to be removed wherever else they are. */
  withheld?: string[];
}

/** V8 scope objects' variables and other values as one value graph, by one call inside the program. */
export async function serializeValues(
  client: Channel,
  scopeObjects: RemoteObject[],
  names: string[],
  values: RemoteObject[],
  limits: CaptureLimits,
): Promise<Serialized> {
  const types = await client.call<{ result: RemoteObject }>('Runtime.evaluate', {
    expression: `require('node:util').types`,
    includeCommandLineAPI: true,
    objectGroup: 'pmdb-capture',
    silent: true,
  });
  // Through the agent, which takes the text over its own port where it can (agent/text-transfer.ts).
  const { text } = await client.call<{ text?: string }>('pmdb.callForText', {
    objectId: types.result.objectId,
    functionDeclaration: SERIALIZE_VALUES,
    arguments: [
      { objectId: types.result.objectId },
      { value: limits },
      { value: scopeObjects.length },
      { value: names },
      ...scopeObjects.map(toCallArgument),
      ...values.map(toCallArgument),
    ],
    objectGroup: 'pmdb-capture',
  });
  await client.call('Runtime.releaseObjectGroup', { objectGroup: 'pmdb-capture' }).catch(() => {});
  if (text === undefined) throw new Error('capturing the program state failed');
  return JSON.parse(text) as Serialized;
}

async function processFacts(client: Channel): Promise<Dump['process']> {
  const r = await client.call<{ result: { value?: Dump['process'] } }>('Runtime.evaluate', {
    expression: `({ argv: process.argv, cwd: process.cwd(), node: process.version, platform: process.platform,
      pid: process.pid, memory: process.memoryUsage(), env: { ...process.env } })`,
    returnByValue: true,
    silent: true,
  });
  return r.result.value ?? { argv: [], cwd: '', node: '', platform: '', pid: 0, memory: {}, env: {} };
}
