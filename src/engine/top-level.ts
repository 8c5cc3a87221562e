// Whether a position of generated code is top-level code, outside every function: an awaiting
// caller that V8 reports without a name is then a module body, which pdb calls `<module>`
// (DESIGN §2), and not an anonymous function.
import type { Node } from 'acorn';
import { parseProgram } from './parse-program.js';
import { childNodes, runsAsFunction } from '../util/js-syntax.cjs';
import { offsetOf } from '../util/text-offset.cjs';

export function isTopLevelAt(code: string, line0: number, column0: number): boolean {
  const program = parseProgram(code, 'module') ?? parseProgram(code, 'script');
  if (!program) return false;
  const offset = offsetOf(code, line0, column0);
  let node: Node = program;
  for (;;) {
    const inner = [...childNodes(node)].find(([, child]) => child.start <= offset && offset < child.end)?.[1];
    if (!inner) return true;
    if (runsAsFunction(inner)) return false;
    node = inner;
  }
}
