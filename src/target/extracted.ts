// `extract`: copies of a frame's variables that the session keeps, independent of the program,
// so they survive `continue`, `restart` and the program's end, and work the same on a dump. A
// copy is a value graph as dumps hold them (dump/format.ts): taken inside the program by the dump
// serializer, which runs no getter and no Proxy trap, or taken from the dump's own graph.
//
// Every evaluation sees the extracted names that the program does not define where it runs, as
// Python's globals under its locals (module-scope.ts says which). Each target binds them for one
// evaluation in its own realm: a live program gets them rebuilt inside it (so its functions can
// take them), a dump in pmdb.
import type { DumpObject, ValueRef } from '../dump/format.js';
import type { Provenance } from '../dump/reconstruct.js';
import { moduleFrameOf } from './module-scope.js';
import { isBindable } from '../util/bindable-name.js';
import type { Target } from './target.js';

/** Names taken together by one `extract`, in one graph: identity between them is kept. */
export interface Extraction {
  values: [name: string, value: ValueRef][];
  objects: Record<string, DumpObject>;
}

export const FROM_EXTRACT: Provenance = { functions: 'is an extracted copy', when: 'when extracted' };

export class ExtractedValues {
  /** Each name's latest copy, with the extraction it belongs to. */
  private readonly entries = new Map<string, { extraction: Extraction; value: ValueRef }>();

  add(extraction: Extraction): void {
    for (const [name, value] of extraction.values) this.entries.set(name, { extraction, value });
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** The extraction that holds a name's current copy. */
  extractionOf(name: string): Extraction | undefined {
    return this.entries.get(name)?.extraction;
  }

  /** The names whose current copy is in `extraction` (a later extract may have replaced some). */
  currentIn(extraction: Extraction): [string, ValueRef][] {
    return extraction.values.filter(([name]) => this.entries.get(name)?.extraction === extraction);
  }

  valueOf(name: string): ValueRef | undefined {
    return this.entries.get(name)?.value;
  }
}

/** The parameters Node's CommonJS wrapper gives a module (those not already `__` names). */
const COMMONJS_WRAPPER = new Set(['require', 'module', 'exports']);

/**
 * What `extract` copies from a frame whose variables `variablesOf` gives (innermost scope first,
 * each name once): all of them but `__` names and CommonJS's `require`, `module` and `exports`, or those named, a module variable also from the
 * module's frame; and the names it does not know.
 */
export async function chooseVariables<T>(
  frames: Target['frames'],
  frame: number,
  names: string[],
  variablesOf: (frame: number) => Promise<[string, T][]>,
): Promise<{ chosen: [string, T][]; missing: string[] }> {
  const own = new Map((await variablesOf(frame)).filter(([name]) => isBindable(name)));
  // As the article's extract() skips Python's __dunder__ names: here the compiler's helpers
  // (esbuild's `__name`, `__defProp`...) and CommonJS's wrapper (`require`, `module`...), which
  // are Node's, not the program's data. Named, they are copied like any other.
  if (names.length === 0) return { chosen: [...own].filter(([name]) => !name.startsWith('__') && !COMMONJS_WRAPPER.has(name)), missing: [] };
  const top = moduleFrameOf(frames, frame);
  const module = new Map(top < 0 ? [] : await variablesOf(top));
  const chosen: [string, T][] = [];
  const missing: string[] = [];
  for (const name of names) {
    const scope = own.has(name) ? own : module.has(name) ? module : undefined;
    if (scope) chosen.push([name, scope.get(name)!]);
    else missing.push(name);
  }
  return { chosen, missing };
}
