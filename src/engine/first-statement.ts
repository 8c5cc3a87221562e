// Where a program really starts: the first statement its entry module executes. Not the first
// breakable position in the file, which may be inside a function declared (hoisted) above the
// module's first statement, or a class's constructor, and run much later. Found by walking the generated code's top-level
// statements in order: function declarations are skipped, code a compiler wrapped around the
// module (tsx's arrow around the body) is entered, and unmapped
// glue (helpers a compiler added) is passed over.
import type { Node, Statement, ModuleDeclaration } from 'acorn';
import { parseProgram } from './parse-program.js';

export interface GeneratedPosition {
  line0: number;
  column0: number;
}

/**
 * `isUserCode` tells whether a generated position maps to the user's entry file; `original` is
 * that file's text, when the code is compiled from it.
 */
export function firstStatement(
  code: string,
  sourceType: 'script' | 'module',
  isUserCode: (p: GeneratedPosition) => boolean,
  original?: string,
): GeneratedPosition | undefined {
  const program = parseProgram(code, sourceType);
  if (!program) return undefined;
  return firstIn(program.body, (s) => isUserCode(position(s)) && !(original !== undefined && callsCompilerHelper(s, original)));
}

function firstIn(body: (Statement | ModuleDeclaration)[], isUser: (s: Node) => boolean): GeneratedPosition | undefined {
  for (const statement of body) {
    // Declarations V8 has no stopping place for (hoisted functions, imports, classes).
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ImportDeclaration' || statement.type === 'ClassDeclaration') continue;
    if (isUser(statement)) return position(statement);
    const wrapped = wrappedBody(statement);
    if (wrapped) {
      const inner = firstIn(wrapped, isUser);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * esbuild names functions with a helper call after their declaration, `__name(compute,
 * "compute")`, mapped to the declaration's name: a `__` function the user's file never names is
 * the compiler's (as in ScriptTable.isUserFrame).
 */
function callsCompilerHelper(statement: Node, original: string): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const call = (statement as unknown as { expression: Node & { callee?: Node & { name?: string } } }).expression;
  const name = call.type === 'CallExpression' && call.callee?.type === 'Identifier' ? call.callee.name! : '';
  return name.startsWith('__') && !original.includes(name);
}

/** The statements of `(() => { ... })()` / `(async () => { ... })()` / `(function () {...})()`. */
function wrappedBody(statement: Node): Statement[] | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const call = (statement as unknown as { expression: Node }).expression;
  if (call.type !== 'CallExpression') return undefined;
  const callee = (call as unknown as { callee: Node }).callee;
  if (callee.type !== 'ArrowFunctionExpression' && callee.type !== 'FunctionExpression') return undefined;
  const body = (callee as unknown as { body: Node }).body;
  return body.type === 'BlockStatement' ? (body as unknown as { body: Statement[] }).body : undefined;
}

function position(node: Node): GeneratedPosition {
  return { line0: node.loc!.start.line - 1, column0: node.loc!.start.column };
}
