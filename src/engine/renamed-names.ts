// esbuild, which tsx runs TypeScript through, renames a local that shadows an outer name: in
// `function sum(items)` of a module that has an `items` too, the parameter becomes `items2`, and
// V8's scopes hold `items2`. The source map names the source's `items` at each renamed
// identifier. esbuild leaves no shadowing in what it writes (a nested scope never reuses a name
// of an enclosing one), so inside a scope every identifier spelled like one of its variables is
// that variable, and the names the map gives those identifiers are its source name.
import type { ScriptMap } from './source-maps.js';

/** An identifier of the generated code (0-based position) with the name the source gives it. */
export interface Renaming {
  line0: number;
  column0: number;
  generated: string;
  source: string;
}

/** A stretch of generated code (0-based, end excluded), as V8 gives a scope's. */
export interface CodeRange {
  start: { line0: number; column0: number };
  end: { line0: number; column0: number };
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;

/** A script's named identifiers, by their generated name. */
export type Renamings = ReadonlyMap<string, Renaming[]>;

/** The identifiers of `generated` (the code the map maps) that the map gives a name. */
export function renamings(map: ScriptMap, generated: string): Renamings {
  const named = map.namedPositions();
  const out = new Map<string, Renaming[]>();
  if (named.length === 0) return out;
  const lines = generated.split('\n');
  for (const { line0, column0, name } of named) {
    const spelled = IDENTIFIER.exec(lines[line0]?.slice(column0) ?? '')?.[0];
    // Tools that name every identifier (Babel) name the unrenamed ones too: their names agree.
    if (!spelled) continue;
    const list = out.get(spelled) ?? [];
    list.push({ line0, column0, generated: spelled, source: name });
    out.set(spelled, list);
  }
  return out;
}

/**
 * For each of `names` (a scope's variables, as V8 names them) the source names the map gives it
 * in `range`: its own name when the map renames nothing there, one name when it is sure, several
 * when the map disagrees with itself (then no one can say which variable the source meant).
 */
export function sourceNamesIn(all: Renamings, range: CodeRange | undefined, names: Iterable<string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const name of names) {
    const inside = (all.get(name) ?? []).filter((r) => !range || (before(range.start, r) && !before(range.end, r)));
    const sources = new Set(inside.map((r) => r.source));
    found.set(name, sources.size ? [...sources] : [name]);
  }
  return found;
}

/** Whether `a` is at or before `b`. */
function before(a: { line0: number; column0: number }, b: { line0: number; column0: number }): boolean {
  return a.line0 < b.line0 || (a.line0 === b.line0 && a.column0 <= b.column0);
}
