// The variables in scope at a point of generated code, as V8 names them and as the source does:
// for code pmdb writes into the program (a breakpoint's condition), where no paused frame says
// what its scopes hold. Made for what esbuild writes, which shadows nothing (renamed-names.ts):
// a name an enclosing scope declares is that scope's variable wherever it appears inside it.
import type { Node, Pattern, Program } from 'acorn';
import { FUNCTION_TYPES, childNodes } from '../util/js-syntax.cjs';
import type { Renaming, Renamings } from './renamed-names.js';

/**
 * Source name -> V8's name, for each variable in scope at `offset` whose names differ; a name
 * the map gives a variable among others (renamed-names.ts: then no one can tell) -> undefined.
 */
export function renamedInScopeAt(program: Program, offset: number, renamings: Renamings, offsetOf: (r: Renaming) => number): Map<string, string | undefined> {
  const renamed = new Map<string, string | undefined>();
  const seen = new Set<string>();
  for (const scope of scopesAround(program, offset)) {
    for (const generated of declaredIn(scope)) {
      const inside = (renamings.get(generated) ?? []).filter((r) => scope.start <= offsetOf(r) && offsetOf(r) < scope.end);
      const sources = inside.length ? [...new Set(inside.map((r) => r.source))] : [generated];
      for (const source of sources) {
        // The innermost one of a name hides the others.
        if (seen.has(source)) continue;
        seen.add(source);
        if (source !== generated) renamed.set(source, sources.length === 1 ? generated : undefined);
      }
    }
  }
  return renamed;
}

const SCOPES = new Set([...FUNCTION_TYPES, 'Program', 'BlockStatement', 'StaticBlock', 'SwitchStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'CatchClause']);

/** The scopes holding `offset`, innermost first. */
function scopesAround(program: Program, offset: number): Node[] {
  const chain: Node[] = [];
  for (let node: Node | undefined = program; node; ) {
    if (SCOPES.has(node.type)) chain.unshift(node);
    node = [...childNodes(node)].map(([, child]) => child).find((child) => child.start <= offset && offset < child.end);
  }
  return chain;
}

type Any = Node & Record<string, unknown>;

/** The names a scope declares itself. */
function declaredIn(scope: Node): string[] {
  const s = scope as Any;
  if (FUNCTION_TYPES.has(scope.type)) {
    const own = scope.type === 'FunctionExpression' && s.id ? [(s.id as Any).name as string] : [];
    return [...own, ...(s.params as Pattern[]).flatMap(patternNames), ...varsIn(s.body as Node)];
  }
  switch (scope.type) {
    case 'Program':
      return [...varsIn(scope), ...lexicalIn(s.body as Node[])];
    case 'BlockStatement':
    case 'StaticBlock':
      return lexicalIn(s.body as Node[]);
    case 'SwitchStatement':
      return lexicalIn((s.cases as Any[]).flatMap((c) => c.consequent as Node[]));
    case 'CatchClause':
      return s.param ? patternNames(s.param as Pattern) : [];
    default: {
      // A loop's own `let`/`const`.
      const head = (s.init ?? s.left) as Any | null;
      return head?.type === 'VariableDeclaration' && head.kind !== 'var' ? declared(head) : [];
    }
  }
}

/** `let`, `const`, class and function declarations standing in a statement list, imports. */
function lexicalIn(statements: Node[]): string[] {
  return statements.flatMap((statement) => {
    const s = (statement.type.startsWith('Export') && (statement as Any).declaration ? (statement as Any).declaration : statement) as Any;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') return declared(s);
    if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) return [(s.id as Any).name as string];
    if (s.type === 'ImportDeclaration') return (s.specifiers as Any[]).map((spec) => (spec.local as Any).name as string);
    return [];
  });
}

/** The `var`s of a function body or program, wherever they stand but in inner functions. */
function varsIn(node: Node): string[] {
  if (node.type === 'VariableDeclaration' && (node as Any).kind === 'var') return declared(node as Any);
  const names: string[] = [];
  for (const [, child] of childNodes(node)) if (!FUNCTION_TYPES.has(child.type)) names.push(...varsIn(child));
  return names;
}

function declared(declaration: Any): string[] {
  return (declaration.declarations as Any[]).flatMap((d) => patternNames(d.id as Pattern));
}

function patternNames(pattern: Pattern | Node | null): string[] {
  const p = pattern as Any | null;
  switch (p?.type) {
    case 'Identifier':
      return [p.name as string];
    case 'ObjectPattern':
      return (p.properties as Any[]).flatMap((prop) => patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as Node));
    case 'ArrayPattern':
      return (p.elements as (Node | null)[]).flatMap(patternNames);
    case 'RestElement':
      return patternNames(p.argument as Node);
    case 'AssignmentPattern':
      return patternNames(p.left as Node);
    default:
      return [];
  }
}
