// Declarations typed at the prompt or in `interact` (`const n = 20`, `let x`, `function f() {}`,
// `class A {}`) are the session's, as in Node's REPL, where the next line still sees them. Code
// evaluated in a paused frame is an eval: its declarations end with it (V8 refuses a `var` there
// outright). So the line is rewritten: each top-level declaration becomes an assignment to a
// parameter of an arrow function around the code, whose values are kept after it ran (the
// target then binds them in later evaluations, see target/session-variables.ts). Inside its own
// line a declared name hides the frame's variable of that name, as the declaration would.
import type { Node, Pattern, Program } from 'acorn';
import { parseProgram } from './parse-program.js';

export interface Declared {
  name: string;
  constant: boolean;
}

export interface DeclaringCode {
  /** The code with its declarations turned into assignments to the declared names. */
  code: string;
  declared: Declared[];
}

/** undefined when the code declares nothing at its top level (or does not parse). */
export function rewriteDeclarations(source: string): DeclaringCode | undefined {
  if (!/\b(const|let|var|function|class)\b/.test(source)) return undefined;
  const program = parseProgram(source, 'script');
  if (!program) return undefined;
  const declared: Declared[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of (program as Program).body as Node[]) {
    const text = source.slice(statement.start, statement.end);
    if (statement.type === 'VariableDeclaration') {
      const declaration = statement as Node & { kind: string; declarations: (Node & { id: Pattern; init?: Node | null })[] };
      const constant = declaration.kind === 'const';
      const assignments = declaration.declarations.map((d) => {
        for (const name of patternNames(d.id)) declared.push({ name, constant });
        const target = source.slice(d.id.start, d.id.end);
        const value = d.init ? source.slice(d.init.start, d.init.end) : 'undefined';
        return `(${target} = ${value})`;
      });
      edits.push({ start: statement.start, end: statement.end, text: `void (${assignments.join(', ')});` });
    } else if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
      const name = (statement as Node & { id: { name: string } }).id.name;
      declared.push({ name, constant: false });
      // As an expression the declaration is the same function or class, named as it was.
      edits.push({ start: statement.start, end: statement.end, text: `void (${name} = ${text});` });
    }
  }
  if (declared.length === 0) return undefined;
  let code = source;
  for (const edit of edits.reverse()) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return { code, declared };
}

/** The names a binding pattern declares: `a`, `{ a, b: [c, ...d] = [] }`... */
function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [(pattern as Node & { name: string }).name];
    case 'ObjectPattern':
      return (pattern as Node & { properties: (Node & { value?: Node; argument?: Node })[] }).properties.flatMap((p) =>
        patternNames(p.type === 'RestElement' ? p.argument! : p.value!),
      );
    case 'ArrayPattern':
      return (pattern as Node & { elements: (Node | null)[] }).elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement':
      return patternNames((pattern as Node & { argument: Node }).argument);
    case 'AssignmentPattern':
      return patternNames((pattern as Node & { left: Node }).left);
    default:
      return [];
  }
}
