// Reading what a paused thread keeps out of its JavaScript's reach, through its inspector: a
// function's closure variables, a bound function's receiver. Objects found keep the group of the
// handle they were found through (V8 gives getProperties' results the queried object's group).
import type { Protocol } from 'devtools-protocol';
import type { Post } from './debuggee.js';

type RemoteObject = Protocol.Runtime.RemoteObject;
type Properties = Protocol.Runtime.GetPropertiesResponse;

/** The named variables of a function's closure scopes, the innermost scope that has a name winning. */
export async function closureVariables(post: Post, functionId: string, names: string[]): Promise<Map<string, RemoteObject>> {
  const found = new Map<string, RemoteObject>();
  const scopes = (await internalProperty(post, functionId, '[[Scopes]]'))?.objectId;
  if (!scopes) return found;
  const { result: chain } = await post<Properties>('Runtime.getProperties', { objectId: scopes, ownProperties: true });
  for (const scope of chain) {
    if (!scope.value?.objectId || !scope.value.description?.startsWith('Closure')) continue;
    const { result: variables } = await post<Properties>('Runtime.getProperties', { objectId: scope.value.objectId, ownProperties: true });
    for (const v of variables) if (v.value && names.includes(v.name) && !found.has(v.name)) found.set(v.name, v.value);
    if (found.size === names.length) break;
  }
  return found;
}

/** One of V8's internal properties of an object (`[[Scopes]]`, `[[BoundThis]]`). */
export async function internalProperty(post: Post, objectId: string, name: string): Promise<RemoteObject | undefined> {
  const { internalProperties } = await post<Properties>('Runtime.getProperties', { objectId, ownProperties: true });
  return internalProperties?.find((p) => p.name === name)?.value;
}
