// A breakpoint condition compiled into the program's own code. V8 evaluates a breakpoint's
// condition by pausing, compiling and running it each time the line is reached (70–175 µs, see
// V8-FACTS); the same test written into the line costs what any `if` costs (nanoseconds), and
// stops only when it is true:
//
//     try{if(COND)debugger}catch{debugger}STATEMENT
//
// (an error in the condition stops, as pdb treats it). The snippet goes on the statement's own
// line, before it, so no other line moves; only where V8 will take it exactly as pdb would
// check the breakpoint: before a simple statement standing in a statement list.
import type { Node, Program } from 'acorn';
import { acorn } from '../util/lazy-packages.js';
import { childNodes } from '../util/js-syntax.cjs';
import { parseWholeExpression } from './parse-program.js';

/** Statements reached once each time their line runs, so a test before them is a test per hit. */
const SIMPLE = new Set([
  'ExpressionStatement',
  'VariableDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'IfStatement',
  'BreakStatement',
  'ContinueStatement',
]);

/** Node types whose `body` (or `consequent`) is a list of statements. */
const LISTS: Record<string, string> = {
  Program: 'body',
  BlockStatement: 'body',
  StaticBlock: 'body',
  SwitchCase: 'consequent',
};

/**
 * The code to insert for a condition, or undefined when it cannot stand inside the program's
 * line as written: not one expression, a comment, a line break, or `await`/`yield` (which would
 * change what the function does).
 */
export function snippetFor(condition: string): string | undefined {
  if (/[\n\r\u2028\u2029]/.test(condition)) return undefined;
  try {
    let comments = 0;
    parseWholeExpression(condition, () => void comments++);
    if (comments > 0) return undefined;
    for (const token of acorn().tokenizer(condition, { ecmaVersion: 'latest' })) {
      if (/^(await|yield)$/.test(condition.slice(token.start, token.end))) return undefined;
    }
  } catch {
    return undefined;
  }
  return `try{if(${condition})debugger}catch{debugger}`;
}

/** Where in a snippet its two `debugger` statements are: the only places it stops. */
export function snippetStops(snippet: string): number[] {
  const last = snippet.length - 'debugger}'.length;
  return [snippet.lastIndexOf(')debugger}catch{') + 1, last];
}

/**
 * Where in the program a snippet for a breakpoint at generated (line0, column0) goes: the offset
 * of the first simple statement starting on that line at or after that column, when it stands
 * in a statement list. undefined otherwise (a loop header, a statement that is an `if`'s whole
 * body, a line that only continues an expression): V8's own condition is used there.
 */
export function insertionOffset(program: Program, line0: number, column0: number): number | undefined {
  let best: Node | undefined;
  visitLists(program, (statement) => {
    const start = statement.loc!.start;
    if (start.line !== line0 + 1 || start.column < column0 || !SIMPLE.has(statement.type)) return;
    if ((statement as { directive?: string }).directive !== undefined) return;
    if (!best || statement.start < best.start) best = statement;
  });
  return best?.start;
}

/**
 * The function whose own code holds `offset` (its start offset; -1 for top-level code), the
 * frame V8 must restart when code is written in there.
 */
export function enclosingFunction(program: Program, offset: number): number {
  return innermostFunction(program, offset)?.start ?? -1;
}

function innermostFunction(program: Program, offset: number): Node | undefined {
  let found: Node | undefined;
  for (let node: Node | undefined = program; node; ) {
    const inner: Node | undefined = [...childNodes(node)].map(([, c]) => c).find((c) => c.start <= offset && offset < c.end);
    if (inner && /Function/.test(inner.type)) found = inner;
    node = inner;
  }
  return found;
}

/**
 * Whether no statement before `offset`, in the function around it (or the top level), does
 * anything when run: function declarations (hoisted), imports, directives, esbuild's helpers.
 * Restarting the frame there runs nothing twice; a class declaration run twice loses the program
 * its run.
 */
export function nothingRanBefore(program: Program, offset: number): boolean {
  const fn = innermostFunction(program, offset) as (Node & { body?: Node & { body?: Node[] } }) | undefined;
  const statements: Node[] = fn ? (fn.body?.type === 'BlockStatement' ? fn.body.body ?? [] : []) : program.body;
  return statements.every((s) => s.end > offset || inert(s));
}

function inert(statement: Node): boolean {
  const declared = (statement as Node & { declaration?: Node | null }).declaration;
  if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') return declared?.type === 'FunctionDeclaration';
  return ['FunctionDeclaration', 'ImportDeclaration', 'EmptyStatement'].includes(statement.type) || 'directive' in statement || isEsbuildGlue(statement);
}

type Named = Node & { name?: string };

/**
 * What esbuild (under tsx) puts before a TypeScript program's first statement, which does the
 * same when run again: its helpers, `var __defProp = Object.defineProperty;` and
 * `var __name = (target, value) => ...;`, and the calls that name functions, `__name(f, "f");`.
 */
function isEsbuildGlue(statement: Node): boolean {
  if (statement.type === 'VariableDeclaration') {
    const declarations = (statement as Node & { declarations: (Node & { id: Named; init: Node | null })[] }).declarations;
    return declarations.every((d) => d.id.name?.startsWith('__') && ['MemberExpression', 'ArrowFunctionExpression', 'FunctionExpression'].includes(d.init?.type ?? ''));
  }
  const call = (statement as Node & { expression?: Node & { callee?: Named; arguments?: Node[] } }).expression;
  return statement.type === 'ExpressionStatement' && call?.type === 'CallExpression' && call.callee?.name === '__name'
    && call.arguments?.[0]?.type === 'Identifier' && call.arguments?.[1]?.type === 'Literal';
}

/** Every statement that stands directly in a statement list. */
function visitLists(node: Node, visit: (statement: Node) => void): void {
  const listKey = LISTS[node.type];
  for (const [key, child] of childNodes(node)) {
    if (key === listKey) visit(child);
    visitLists(child, visit);
  }
}

/** One snippet placed in a script's original source. */
export interface Insertion {
  offset: number;
  text: string;
}

/** The source with every insertion made (they do not overlap: each is at a statement start). */
export function applyInsertions(source: string, insertions: Insertion[]): string {
  const sorted = [...insertions].sort((a, b) => a.offset - b.offset);
  let out = '';
  let at = 0;
  for (const { offset, text } of sorted) {
    out += source.slice(at, offset) + text;
    at = offset;
  }
  return out + source.slice(at);
}
