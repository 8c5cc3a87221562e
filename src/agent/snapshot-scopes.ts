// The variables of a pause's frames, for a snapshot: each scope read once, though several frames
// see it (a module's scope from every function of the module, an enclosing function's from each
// of its closures on the stack). V8 hands out a fresh object for every frame's view of a scope,
// so which views are one scope is found out here.
import type { Protocol } from 'devtools-protocol';
import type { Post } from './debuggee.js';
import type { SnapshotFrame } from '../protocol/messages.js';

type Scope = Protocol.Debugger.Scope;
type Property = Protocol.Runtime.PropertyDescriptor;

/** The variables of each frame whose (non-global) scope chain is given, in the same order. */
export async function readScopes(post: Post, chains: Scope[][]): Promise<SnapshotFrame['variables'][]> {
  const scopes = chains.flat();
  const same = await sameScopes(post, scopes);
  const read = new Map<number, Property[]>();
  let at = 0;
  const frames: SnapshotFrame['variables'][] = [];
  for (const chain of chains) {
    const variables: SnapshotFrame['variables'] = [];
    for (const [index, scope] of chain.entries()) {
      const first = same[at++]!;
      let properties = read.get(first);
      if (!properties) {
        ({ result: properties } = await post<{ result: Property[] }>('Runtime.getProperties', { objectId: scopes[first]!.object.objectId, ownProperties: true }));
        read.set(first, properties);
      }
      for (const p of properties) if (p.value) variables.push({ name: p.name, value: p.value, scope: scope.type, at: index });
    }
    frames.push(variables);
  }
  return frames;
}

/**
 * For each scope, the index of the first one that is the same scope (its own when none is).
 * The same type over the same code only makes two views candidates: one function's code runs in
 * many activations (two closures made by one factory), and a module's scope seen from the module
 * body holds the body's own locals too, which other frames' views lack. Candidates are one scope
 * to the snapshot when they hold the same properties with the same values: either then reads the
 * same. That is checked in the debuggee, in one call, without running any of the program's code.
 */
async function sameScopes(post: Post, scopes: Scope[]): Promise<number[]> {
  const same = scopes.map((_, i) => i);
  const keys = scopes.map(codeOf);
  const candidates = same.filter((i) => keys[i] !== undefined && keys.indexOf(keys[i]) !== keys.lastIndexOf(keys[i]));
  if (candidates.length === 0) return same;
  const r = await post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
    objectId: scopes[candidates[0]!]!.object.objectId,
    functionDeclaration: FIRST_ALIKE,
    arguments: [{ value: candidates.map((i) => keys[i]) }, ...candidates.map((i) => ({ objectId: scopes[i]!.object.objectId }))],
    returnByValue: true,
    silent: true,
  }).catch(() => undefined);
  const firsts = r?.result.value;
  // Anything unexpected: every view is read on its own, as if none were shared.
  if (!Array.isArray(firsts) || firsts.length !== candidates.length) return same;
  candidates.forEach((i, k) => (same[i] = candidates[firsts[k] as number] ?? i));
  return same;
}

/** The scope's type and the code it belongs to; undefined when V8 does not say where that is. */
function codeOf(scope: Scope): string | undefined {
  const { startLocation: start, endLocation: end } = scope;
  if (!start || !end) return undefined;
  return `${scope.type} ${start.scriptId}:${start.lineNumber}:${start.columnNumber}-${end.lineNumber}:${end.columnNumber}`;
}

/**
 * For each scope object after `keys`, the index of the first one of the same key with the same
 * own properties, in the same order, with the same values (its own index when none). Only
 * descriptors are compared: no getter runs.
 */
const FIRST_ALIKE = `function (keys, ...scopes) {
  const alike = (a, b) => {
    const names = Reflect.ownKeys(a);
    const others = Reflect.ownKeys(b);
    if (names.length !== others.length) return false;
    return names.every((name, i) => {
      if (name !== others[i]) return false;
      const x = Object.getOwnPropertyDescriptor(a, name);
      const y = Object.getOwnPropertyDescriptor(b, name);
      return Object.is(x.value, y.value) && x.get === y.get && x.set === y.set;
    });
  };
  const firsts = new Map();
  return scopes.map((scope, i) => {
    const seen = firsts.get(keys[i]) || [];
    firsts.set(keys[i], seen);
    const first = seen.find((j) => alike(scopes[j], scope));
    if (first !== undefined) return first;
    seen.push(i);
    return i;
  });
}`;
