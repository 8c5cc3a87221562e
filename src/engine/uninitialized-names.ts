// The `let`, `const` and `class` bindings of a frame that its code has not reached yet (their
// temporal dead zone): in the frame of `const result = load()` where `load` threw, `result`. V8's
// debugger reads such a binding as `undefined` on Node 20 (docs/node-versions.md), which would be
// a wrong value; pmdb answers as the program would: the name cannot be read yet.
import type { Node, Pattern, Program, VariableDeclaration } from 'acorn';
import { childNodes, FUNCTION_TYPES, patternNames } from '../util/js-syntax.cjs';
import { parseProgram } from './parse-program.js';
import { offsetOf } from '../util/text-offset.cjs';

/** Nodes whose code V8 runs as a frame of its own. */
const FRAME_TYPES = new Set([...FUNCTION_TYPES, 'StaticBlock', 'PropertyDefinition']);

/** Names bound in the scope of `scope`, each with whether it is initialized at `offset`. */
type Bindings = Map<string, boolean>;

/** Parsed scripts, by source: a stop asks for each of its frames, and each step stops again. */
const parsed = new Map<string, Program | undefined>();
const PARSED_KEPT = 8;

/** The names a frame paused at 0-based `line0`:`column0` of `source` (as V8 runs it) cannot read yet. */
export function uninitializedIn(source: string, line0: number, column0: number): Set<string> {
  let program = parsed.get(source);
  if (!parsed.has(source)) {
    program = parseProgram(source, 'script') ?? parseProgram(source, 'module');
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(source, program);
  }
  return program ? uninitializedAt(program, offsetOf(source, line0, column0)) : new Set();
}

function uninitializedAt(program: Program, offset: number): Set<string> {
  const path = pathTo(program, offset);
  let start = 0;
  path.forEach((node, i) => {
    if (FRAME_TYPES.has(node.type)) start = i;
  });
  const decided = new Map<string, boolean>();
  // Innermost scope first: the binding a name reads is the nearest one.
  for (const scope of path.slice(start).reverse()) {
    for (const [name, initialized] of bindingsOf(scope, offset)) if (!decided.has(name)) decided.set(name, initialized);
  }
  return new Set([...decided].filter(([, initialized]) => !initialized).map(([name]) => name));
}

/** The nodes from the program down to the innermost one holding `offset`. */
function pathTo(program: Program, offset: number): Node[] {
  const path: Node[] = [program];
  for (let node: Node | undefined = program; node; ) {
    node = [...childNodes(node)].map(([, child]) => child).find((child) => child.start <= offset && offset < child.end);
    if (node) path.push(node);
  }
  return path;
}

function bindingsOf(scope: Node, offset: number): Bindings {
  const bindings: Bindings = new Map();
  const n = scope as Node & Record<string, unknown>;
  switch (scope.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      for (const statement of n.body as Node[]) declare(statement, offset, bindings);
      break;
    case 'SwitchStatement':
      for (const c of n.cases as { consequent: Node[] }[]) for (const statement of c.consequent) declare(statement, offset, bindings);
      break;
    case 'ForStatement':
      if (n.init) declare(n.init as Node, offset, bindings);
      break;
    case 'ForInStatement':
    case 'ForOfStatement': {
      // The loop's binding exists for its body only: in the iterated expression it is not there yet.
      const body = n.body as Node;
      if (isLexical(n.left as Node)) for (const name of declaredNames(n.left as VariableDeclaration)) bindings.set(name, body.start <= offset && offset < body.end);
      break;
    }
    case 'CatchClause':
      if (n.param) for (const name of patternNames(n.param as Pattern)) bindings.set(name, true);
      break;
    default:
      // A function's parameters shadow what is outside it; they are set before its body runs.
      if (FUNCTION_TYPES.has(scope.type)) for (const param of n.params as Pattern[]) for (const name of patternNames(param)) bindings.set(name, true);
  }
  return bindings;
}

function declare(statement: Node, offset: number, bindings: Bindings): void {
  const exported = (statement as Node & { declaration?: Node | null }).declaration;
  if (statement.type.startsWith('Export') && exported) declare(exported, offset, bindings);
  else if (isLexical(statement)) {
    for (const d of (statement as VariableDeclaration).declarations) for (const name of patternNames(d.id)) bindings.set(name, offset >= d.end);
  } else if (statement.type === 'ClassDeclaration') {
    const id = (statement as Node & { id?: { name: string } }).id;
    if (id) bindings.set(id.name, offset >= statement.end);
  } else if (statement.type === 'FunctionDeclaration' || statement.type === 'VariableDeclaration') {
    // Hoisted: set (or `undefined`, for `var`) before any of the scope's code runs.
    for (const name of statement.type === 'FunctionDeclaration' ? [(statement as Node & { id: { name: string } }).id.name] : declaredNames(statement as VariableDeclaration)) bindings.set(name, true);
  }
}

const isLexical = (node: Node): boolean => node.type === 'VariableDeclaration' && (node as VariableDeclaration).kind !== 'var';

const declaredNames = (declaration: VariableDeclaration): string[] => declaration.declarations.flatMap((d) => patternNames(d.id));
