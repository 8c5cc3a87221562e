// How pmdb reads JavaScript with acorn, in the front end (engine/parse-program.ts) and inside the
// debuggee (agent/entry-escape.cts): as Node runs it (hashbang, top-level return and await).
import type { Node, Options, Pattern } from 'acorn';

export const PARSE_OPTIONS: Omit<Options, 'sourceType'> = {
  ecmaVersion: 'latest',
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  locations: true,
};

/** The node types of a function: what they hold runs only when called. */
export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Whether code under this node runs as a function of its own: a class field's initializer and a static block do too. */
export function runsAsFunction(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type) || node.type === 'StaticBlock' || node.type === 'PropertyDefinition';
}

/** A node's child nodes, with the property each hangs from (`body`, `consequent`...). */
export function* childNodes(node: Node): Generator<[key: string, child: Node]> {
  for (const [key, value] of Object.entries(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string') yield [key, child as Node];
    }
  }
}

/** The names a binding pattern (`a`, `{ a, b: [c] }`, `...rest`, `a = 1`) declares. */
export function patternNames(pattern: Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    default:
      return [];
  }
}
