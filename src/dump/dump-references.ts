// Every value reference of a dump that has passed its schema must name an object the dump holds:
// a reference to nothing would rebuild as a value the program never had.
import type { Dump, ValueRef } from './format.js';

/** Where the first reference to a missing object is, as one line; undefined when all hold. */
export function danglingReference(dump: Dump): string | undefined {
  const missing = (ref: ValueRef | undefined): boolean => ref?.t === 'ref' && !Object.hasOwn(dump.objects, String(ref.id));
  const say = (where: string, ref: ValueRef) => `${where} refers to object ${(ref as { id: number }).id}, which the dump does not hold`;
  if (missing(dump.exception.value)) return say('exception.value', dump.exception.value);
  for (const [i, frame] of dump.frames.entries()) {
    if (frame.this && missing(frame.this)) return say(`frames[${i}].this`, frame.this);
    for (const [j, scope] of frame.scopes.entries()) {
      for (const [k, [, ref]] of scope.variables.entries()) if (missing(ref)) return say(`frames[${i}].scopes[${j}].variables[${k}]`, ref);
    }
  }
  for (const [id, o] of Object.entries(dump.objects)) {
    const refs = [
      ...(o.properties ?? []).map(([, ref]) => ref),
      ...(o.items ?? []),
      ...(o.entries ?? []).flatMap(([key, value]) => [key, value]),
    ];
    const ref = refs.find(missing);
    if (ref) return say(`objects["${id}"]`, ref);
  }
  return undefined;
}
