// Makes an ES module entry debuggable at the throw. Node evaluates an ES module inside machinery
// that catches everything (the module job awaits its evaluation), so V8 predicts every error in
// it as caught and pauses nowhere useful (V8-FACTS). Run the module body inside an async arrow
// that nobody awaits, and an error escaping it is an unhandled rejection from a function with
// no handler: V8 then pauses at the throw, frames alive.
//
// The body starts after one `await`: V8 11 predicts a throw in the synchronous part of an async
// function as caught by its caller ("async calls are assumed awaited"), here the module job.
// The cost is that the entry's body runs one microtask later than under plain node.
//
// Imports stay at module level (later ones move to the end: they are hoisted anyway); a module
// with exports is left alone, since its bindings must stay top-level. Line numbers never change;
// a source map covers the inserted text, composed with the TypeScript compiler's when there is
// one.
import { parse, type Program } from 'acorn';
import MagicString from 'magic-string';
import remapping from '@jridgewell/remapping';
import { BODY_CLOSE, BODY_OPEN } from './entry-body.cjs';

export interface Wrapped {
  code: string;
  /** Source map JSON from `code` to the file the user wrote. */
  map: string;
}

/**
 * `js` is what will run; `file` the path shown to the user; `inputMap` the map from `js` to the
 * original (TypeScript) source, if `js` was compiled.
 */
export function wrapEntry(js: string, file: string, inputMap?: string): Wrapped | undefined {
  let program: Program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return undefined; // Let Node report the syntax error as it always does.
  }
  const body = program.body;
  if (body.some((n) => n.type.startsWith('Export'))) return undefined;
  const first = body.find((n) => n.type !== 'ImportDeclaration');
  if (!first) return undefined;

  const s = new MagicString(js);
  // Imports after the first statement cannot stay inside the function.
  const lateImports = body.filter((n) => n.type === 'ImportDeclaration' && n.start > first.start);
  for (const node of lateImports) {
    s.append('\n' + js.slice(node.start, node.end));
    s.overwrite(node.start, node.end, ' '.repeat(node.end - node.start));
  }
  s.prependLeft(first.start, BODY_OPEN);
  s.appendLeft(lastStatementEnd(body, lateImports), BODY_CLOSE);

  const ownMap = s.generateMap({ hires: true, source: file, includeContent: true });
  const map = inputMap
    ? remapping([JSON.stringify(ownMap), inputMap], () => null)
    : ownMap;
  return { code: s.toString(), map: JSON.stringify(map) };
}

function lastStatementEnd(body: Program['body'], moved: Program['body']): number {
  const staying = body.filter((n) => !moved.includes(n));
  return staying[staying.length - 1]!.end;
}
