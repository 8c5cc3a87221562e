// Parsing JavaScript as Node runs it (hashbang, top-level return and await), with locations for
// mapping nodes back to lines.
import type { Node, Program } from 'acorn';
import { acorn } from '../util/lazy-packages.js';
import { PARSE_OPTIONS } from '../util/js-syntax.cjs';

/**
 * undefined when the code does not parse as that kind of source. `this.#field` parses outside its
 * class: typed at the prompt, the frame's class declares it (V8 says when not).
 */
export function parseProgram(code: string, sourceType: 'script' | 'module'): Program | undefined {
  try {
    return acorn().parse(code, { ...PARSE_OPTIONS, sourceType, checkPrivateFields: false });
  } catch {
    return undefined;
  }
}

/** One whole JavaScript expression, or a SyntaxError; `onComment` counts what it skipped. */
export function parseWholeExpression(code: string, onComment?: () => void): Node {
  const node = acorn().parseExpressionAt(code, 0, { ecmaVersion: 'latest', onComment });
  if (code.slice(node.end).trim()) throw new SyntaxError('Unexpected token');
  return node;
}
