// The names an expression (or statements typed at the prompt) looks up in its scope: every
// identifier but member properties, property keys, labels and `new.target`/`import.meta`. A name
// the code declares itself counts too: the caller binds the names for one evaluation as globals,
// which a declaration inside the code hides, so one name too many is harmless.
import type { Identifier, Node, Pattern } from 'acorn';
import { parseProgram } from './parse-program.js';
import { childNodes, patternNames } from '../util/js-syntax.cjs';

/** None when the code does not parse: its evaluation reports that itself. */
export function freeNames(code: string): Set<string> {
  return new Set(freeIdentifiers(code).map((id) => id.name));
}

/** The names the code binds itself (declarations, parameters, catch parameters), anywhere in it. */
export function boundNames(code: string): Set<string> {
  const names = new Set<string>();
  const program = parseProgram(code, 'script');
  const visit = (node: Node): void => {
    const n = node as Node & { id?: Pattern | null; params?: Pattern[]; param?: Pattern | null };
    if (node.type === 'VariableDeclarator' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') {
      if (n.id) for (const name of patternNames(n.id)) names.add(name);
    }
    for (const param of n.params ?? []) for (const name of patternNames(param)) names.add(name);
    if (node.type === 'CatchClause' && n.param) for (const name of patternNames(n.param)) names.add(name);
    for (const [, child] of childNodes(node)) visit(child);
  };
  if (program) visit(program);
  return names;
}

/** Where a name is looked up in the code; `shorthand` for `{ name }`, which is key and value. */
export interface FreeIdentifier {
  name: string;
  start: number;
  end: number;
  shorthand: boolean;
}

/** Each place the code looks a name up; none when it does not parse. */
export function freeIdentifiers(code: string): FreeIdentifier[] {
  const found: FreeIdentifier[] = [];
  const program = parseProgram(code, 'script');
  if (program) collect(program, found, false);
  return found;
}

function collect(node: Node, found: FreeIdentifier[], shorthand: boolean): void {
  if (node.type === 'Identifier') {
    const { name, start, end } = node as Identifier;
    found.push({ name, start, end, shorthand });
    return;
  }
  const isShorthand = node.type === 'Property' && (node as Node & { shorthand?: boolean }).shorthand === true;
  for (const [key, child] of childNodes(node)) if (!isNameOfSomethingElse(node, key)) collect(child, found, isShorthand);
}

/** `o.name`, `{ name: v }`, `class { name() {} }`, `label:`, `new.target`: no scope lookup. */
function isNameOfSomethingElse(parent: Node, key: string): boolean {
  const computed = (parent as Node & { computed?: boolean }).computed === true;
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'property' && !computed;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'key' && !computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    case 'MetaProperty':
      return true;
    default:
      return false;
  }
}
