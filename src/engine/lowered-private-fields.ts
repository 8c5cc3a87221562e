// `this.#entries` typed at the prompt, where the compiler lowered the class's private fields.
// esbuild (under tsx) must lower a class that has standard decorators, and with it every
// `#field`: one module-level WeakMap per field (`_entries = new WeakMap()`), read through
// `__privateGet(this, _entries)`. V8 runs that code, which declares no `#entries`: the user's
// `this.#entries` is a SyntaxError there. Each `X.#name` and `#name in X` the user writes is
// rewritten to read that WeakMap, when the code around the frame names exactly one for it; an
// assignment, or a field pmdb cannot tell, is refused by name rather than guessed.
import type { Node } from 'acorn';
import { acorn } from '../util/lazy-packages.js';
import { PARSE_OPTIONS, childNodes } from '../util/js-syntax.cjs';
import { EvaluationError } from '../target/target.js';
import { escapeRegExp } from '../util/escape-regexp.cjs';

type Located = Node & { property?: Node & { name?: string }; left?: Node & { name?: string }; object?: Node; right?: Node; operator?: string };

/** Each `#name` the code reads: where, and how it reads (`X.#name` or `#name in X`). */
interface PrivateUse {
  name: string;
  /** The whole expression to replace. */
  start: number;
  end: number;
  /** The object's source text. */
  object: string;
  kind: 'read' | 'in';
}

/** Whether code could name a private field at all: no parse otherwise. */
export function mayNamePrivate(code: string): boolean {
  return /#[\p{ID_Start}$_]/u.test(code);
}

/** Where the frame is: the script V8 runs and the offset in it. */
export interface LoweredAt {
  generated: string;
  offset: number;
  /** The `#name` the source declares where the generated code at `offset` comes from, if any. */
  fieldDeclaredAt(offset: number): string | undefined;
}

/**
 * The code with its private-field reads made WeakMap reads, for a frame at `offset` of the
 * generated script; the code itself when the script lowers no field it names.
 */
export function lowerPrivateReads(code: string, at: LoweredAt): string {
  if (!mayNamePrivate(code)) return code;
  const uses = privateUses(code);
  if (uses.length === 0) return code;
  let out = code;
  for (const use of [...uses].sort((a, b) => b.start - a.start)) {
    const weakMap = loweredField(at, use.name);
    if (weakMap === undefined) return code;
    const object = `(${use.object})`;
    const replacement =
      use.kind === 'in'
        ? `${weakMap}.has(${object})`
        : `((o) => ${weakMap}.has(o) ? ${weakMap}.get(o) : (() => { throw new TypeError(${JSON.stringify(`Cannot read private member #${use.name} from an object whose class did not declare it`)}); })())${object}`;
    out = out.slice(0, use.start) + replacement + out.slice(use.end);
  }
  return out;
}

function privateUses(code: string): PrivateUse[] {
  let program: Node;
  try {
    program = acorn().parse(code, { ...PARSE_OPTIONS, sourceType: 'script', checkPrivateFields: false });
  } catch {
    return [];
  }
  const uses: PrivateUse[] = [];
  const visit = (node: Located, parent?: Located, key?: string): void => {
    if (node.type === 'MemberExpression' && node.property?.type === 'PrivateIdentifier') {
      if (parent?.type === 'AssignmentExpression' && key === 'left') throw new EvaluationError(`pmdb cannot assign #${node.property.name} here: the compiler turned the class's private fields into WeakMaps`);
      if (parent?.type === 'CallExpression' && key === 'callee') throw new EvaluationError(`pmdb cannot call #${node.property.name} here: the compiler turned the class's private members into WeakMaps`);
      uses.push({ name: node.property.name!, start: node.start, end: node.end, object: code.slice(node.object!.start, node.object!.end), kind: 'read' });
      return;
    }
    if (node.type === 'BinaryExpression' && node.operator === 'in' && node.left?.type === 'PrivateIdentifier') {
      uses.push({ name: node.left.name!, start: node.start, end: node.end, object: code.slice(node.right!.start, node.right!.end), kind: 'in' });
      return;
    }
    for (const [childKey, child] of childNodes(node)) visit(child as Located, node, childKey);
  };
  visit(program as Located);
  return uses;
}

/**
 * The WeakMap the generated script keeps `#name` in, for code at `offset`. Its name says nothing
 * sure (esbuild may call `#entries`'s map `_entries2`, and `#entries2`'s `_entries22`): each
 * `_x = new WeakMap` is the field its source map places it on. Of several classes' `#name`, the
 * one a lowered access of the innermost class around `offset` uses.
 */
function loweredField(at: LoweredAt, name: string): string | undefined {
  const candidates = weakMapsOf(at).get(name);
  if (!candidates?.length) return undefined;
  if (candidates.length === 1) return candidates[0];
  const around = classAround(at.generated, at.offset);
  const used = candidates.filter((c) => around !== undefined && new RegExp(`__private\\w*\\([^,()]+,\\s*${escapeRegExp(c)}\\b`).test(around));
  if (used.length === 1) return used[0];
  throw new EvaluationError(`pmdb cannot tell which class's #${name} this is: the compiler turned private fields into WeakMaps ${candidates.join(', ')}`);
}

const declared = new Map<string, Map<string, string[]>>();

/** The script's WeakMaps of lowered fields, by field name. */
function weakMapsOf(at: LoweredAt): Map<string, string[]> {
  let found = declared.get(at.generated);
  if (!found) {
    found = new Map();
    for (const match of at.generated.matchAll(/(?<![\p{ID_Continue}$])(_[\p{ID_Continue}$]+)\s*=\s*new WeakMap\b/gu)) {
      const field = at.fieldDeclaredAt(match.index);
      if (field !== undefined) found.set(field, [...(found.get(field) ?? []), match[1]!]);
    }
    declared.clear();
    declared.set(at.generated, found);
  }
  return found;
}

/** The text of the innermost class in the script whose body holds `offset`. */
function classAround(generated: string, offset: number): string | undefined {
  let program: Node;
  try {
    program = acorn().parse(generated, { ...PARSE_OPTIONS, sourceType: 'module' });
  } catch {
    try {
      program = acorn().parse(generated, { ...PARSE_OPTIONS, sourceType: 'script' });
    } catch {
      return undefined;
    }
  }
  let inner: Node | undefined;
  const visit = (node: Node): void => {
    if (node.start > offset || offset >= node.end) return;
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') inner = node;
    for (const [, child] of childNodes(node)) visit(child);
  };
  visit(program);
  return inner && generated.slice(inner.start, inner.end);
}
