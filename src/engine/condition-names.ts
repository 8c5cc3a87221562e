// A breakpoint's condition is written with the source's names, and runs in the code V8 runs,
// where a compiler may have renamed a variable (renamed-names.ts): there the `total` the user
// means is `total2`, and `total` would read the module's. The condition gets V8's names of the
// variables in scope where it runs.
import type { ScriptTable } from './scripts.js';
import { freeIdentifiers } from './free-names.js';
import { parseProgram } from './parse-program.js';
import { renamedInScopeAt } from './names-in-scope.js';

export async function conditionInCode(scripts: ScriptTable, scriptId: string, where: { line0: number; column0: number }, condition: string): Promise<string> {
  const renamings = await scripts.renamings(scriptId);
  const sources = new Set([...renamings.values()].flat().map((r) => r.source));
  const used = sources.size ? freeIdentifiers(condition) : [];
  if (!used.some((id) => sources.has(id.name))) return condition;
  const source = await scripts.uneditedSource(scriptId);
  const program = source === undefined ? undefined : parseProgram(source, scripts.get(scriptId)?.isModule ? 'module' : 'script');
  if (source === undefined || !program) return condition;
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (line0: number, column0: number) => (lineStarts[line0] ?? source.length) + column0;
  const renamed = renamedInScopeAt(program, offset(where.line0, where.column0), renamings, (r) => offset(r.line0, r.column0));
  let out = condition;
  for (const id of [...used].sort((a, b) => b.start - a.start)) {
    if (!renamed.has(id.name)) continue;
    // A name the map is not sure of throws, and so stops, as an error in a condition does.
    const generated = renamed.get(id.name) ?? `(() => { throw new ReferenceError(${JSON.stringify(`pmdb cannot tell which variable ${id.name} is here`)}); })()`;
    out = out.slice(0, id.start) + (id.shorthand ? `${id.name}: ${generated}` : generated) + out.slice(id.end);
  }
  return out;
}
