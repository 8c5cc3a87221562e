// pdb's convenience variables are `$name`. In JavaScript `$name` is also a legal identifier, so
// the expression is tokenized (strings, templates, comments and `obj.$x` stay as they are) and
// only free `$name` identifiers are reported, for the target to bind.
import type { Token } from 'acorn';
import { acorn } from '../util/lazy-packages.js';

export interface DollarName {
  name: string;
  start: number;
  end: number;
}

/** The free `$name` identifiers of an expression; none when it does not tokenize. */
export function dollarNames(expression: string): DollarName[] {
  if (!expression.includes('$')) return [];
  const { tokenizer, tokTypes } = acorn();
  let tokens: Token[];
  try {
    tokens = [...tokenizer(expression, { ecmaVersion: 'latest', allowAwaitOutsideFunction: true })];
  } catch {
    return [];
  }
  const found: DollarName[] = [];
  tokens.forEach((token, i) => {
    const name: unknown = (token as Token & { value: unknown }).value;
    if (token.type !== tokTypes.name || typeof name !== 'string' || !/^\$[\w$]+$/.test(name)) return;
    const before = tokens[i - 1]?.type;
    if (before === tokTypes.dot || before === tokTypes.questionDot) return;
    // `{ $n: 1 }`: a property key.
    if (tokens[i + 1]?.type === tokTypes.colon && (before === tokTypes.braceL || before === tokTypes.comma)) return;
    found.push({ name, start: token.start, end: token.end });
  });
  return found;
}

/** The expression with each of `names` replaced by `access(name)`. */
export function replaceNames(expression: string, names: DollarName[], access: (name: string) => string): string {
  let out = expression;
  for (const n of [...names].sort((a, b) => b.start - a.start)) out = out.slice(0, n.start) + access(n.name) + out.slice(n.end);
  return out;
}
