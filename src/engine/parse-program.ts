// Parsing JavaScript as Node runs it (hashbang, top-level return and await), with locations for
// mapping nodes back to lines.
import type { Node, Program } from 'acorn';
import { acorn } from './lazy-packages.js';

/** undefined when the code does not parse as that kind of source. */
export function parseProgram(code: string, sourceType: 'script' | 'module'): Program | undefined {
  try {
    return acorn().parse(code, {
      ecmaVersion: 'latest',
      sourceType,
      allowHashBang: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      locations: true,
    });
  } catch {
    return undefined;
  }
}

/** A node's child nodes, with the property each hangs from (`body`, `consequent`...). */
export function* childNodes(node: Node): Generator<[key: string, child: Node]> {
  for (const [key, value] of Object.entries(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string') yield [key, child as Node];
    }
  }
}
