// Which code will catch an error, judged at its throw (`--stop-on escaped`, `pmdb test`; DESIGN
// §5). The walk is entry-escape.cts's, generalised from "does it leave the entry" to "whose
// handler takes it": down V8's stack-trace API (which follows `await` to the awaiting functions),
// a `try` with a `catch` around the position in a frame catches; an async function turns the
// error into its promise's rejection, taken by whoever holds that promise: the awaiting caller,
// or the synchronous caller that received the promise (`ret = fn(); ret.then(null, next)` in a
// router). When that caller is gone (the function resumed after an `await`), the function's
// definition says who called it: a callback written as the argument of a package's function
// (`app.get('/x', async (req, res) => ...)`, `app` made by `express()`). Anything unsure is the
// user's: pmdb must never stop where the user's code catches.
import type { Node } from 'acorn';
import { parsed, pathTo, positionIn, topSiteIndex, walkStack, type EscapeQuestion, type Site } from './entry-escape.cjs';
import { libraryOf } from './blackbox.cjs';
import { childNodes, runsAsFunction } from '../util/js-syntax.cjs';

export interface NearestHandler {
  /** `none`: nothing on the stack catches it (Node's own uncaught path decides). */
  by: 'user' | 'library' | 'none';
  /** The frame whose `catch` (or promise handler) takes the error, when it is on the stack. */
  site?: Site;
  /** For `library`: the package or `node:` module that catches. */
  library?: string;
  /** The innermost frame of the user's code; undefined when library code threw the error. */
  thrower?: Site;
  /** Judged from the synchronous frames alone (no `await` followed): the same stack gets the same answer. */
  sync?: boolean;
}

export interface HandlerQuestion extends Omit<EscapeQuestion, 'entry'> {
  /** Library code whose throws are the user's failures (assertion libraries): looked past. */
  isAssertion(library: string): boolean;
}

const UNSURE: NearestHandler = { by: 'user' };

export function nearestHandler(q: HandlerQuestion): NearestHandler {
  const { sites } = q;
  const first = topSiteIndex(sites, q.top);
  if (first < 0) return UNSURE;
  // Node's own frames, builtins and assertion libraries above the user's frame act for it.
  let from = first;
  for (; from < sites.length; from++) {
    const [, file] = sites[from]!;
    const library = file === '' ? 'builtin' : libraryOf(file);
    if (library === undefined) break;
    if (!(library === 'builtin' || library.startsWith('node:') || q.isAssertion(library))) return { by: 'library' };
  }
  const thrower = sites[from];
  if (!thrower) return { by: 'none' };
  return { ...walk(q, from), thrower };
}

/** What the code at a call does with the promise the call returns. */
type PromiseUse = 'handled' | 'awaited' | 'returned' | 'other';

function walk(q: HandlerQuestion, from: number): NearestHandler {
  /** The last async function the error went through: it rejects its promise. */
  let lastAsync: Site | undefined;
  let sync = true;
  const { done, receiving } = walkStack<NearestHandler>(q.sites, from, (site, { awaiting, receiving }) => {
    const [name, file, line, column, flags] = site;
    if (awaiting || receiving) sync = false;
    const library = file === '' ? undefined : libraryOf(file);
    if (receiving && !awaiting) {
      // The synchronous caller: it got the promise, not the error.
      if (file === '') return { done: UNSURE };
      if (library !== undefined) return { done: { by: 'library', site, library } };
      const use = promiseUse(q, site);
      if (use === 'handled') return { done: { by: 'user', site } };
      if (use === 'returned') return { receiving: true };
      if (use === 'other') return { done: UNSURE };
      // Awaited: the error comes out of that await, at this position.
    }
    if (file === '') {
      // A builtin passes errors on; a promise's executor makes them that promise's rejection.
      if (flags.includes('C') && name === 'Promise') return { receiving: true };
      if (awaiting && !flags.includes('P')) return { done: UNSURE };
      return { receiving: false };
    }
    const text = q.source(file);
    const at = text === undefined ? undefined : positionIn(file, text, line, column);
    if (!at) return file.startsWith('node:') ? { receiving: false } : { done: UNSURE };
    // V8's chain leads from a promise to the await that takes it through `.catch()` and the like.
    if (at.caught || (awaiting && !at.awaitsCall)) return { done: { by: library === undefined ? 'user' : 'library', site, library, sync } };
    if (at.async && !at.toplevel) lastAsync = site;
    return { receiving: at.async && !at.toplevel };
  });
  if (done) return done;
  if (!receiving || !lastAsync) return { by: 'none' };
  // An async function resumed after an await: its synchronous caller is gone.
  const library = callerByDefinition(q, lastAsync);
  return library ? { by: 'library', library } : UNSURE;
}

/** The innermost call or `new` around the position (V8 places a call at its callee's name). */
function promiseUse(q: HandlerQuestion, [, file, line, column]: Site): PromiseUse {
  const text = q.source(file);
  const path = text === undefined ? undefined : pathTo(file, text, line, column);
  if (!path) return 'other';
  let call = -1;
  path.forEach(([, child], i) => {
    if (child.type === 'CallExpression' || child.type === 'NewExpression') call = i;
  });
  if (call < 0) return 'other';
  const [key, , parent] = path[call]!;
  const grand = path[call - 1]?.[2];
  if (parent.type === 'AwaitExpression') return 'awaited';
  if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && key === 'body')) return 'returned';
  if (parent.type === 'MemberExpression' && key === 'object' && grand?.type === 'CallExpression') {
    const method = ((parent as Node & { property: { name?: string } }).property.name ?? '');
    const args = (grand as Node & { arguments: unknown[] }).arguments.length;
    if (method === 'catch' || (method === 'then' && args >= 2)) return 'handled';
  }
  return 'other';
}

/**
 * The package whose function was given this async function as a callback, read from where it is
 * written: an argument of `X.m(...)` (or a property of an object literal given so) whose `X` a
 * scope around it made from a package (`import`, `require`, or a call of either). The scopes are
 * the blocks around the call: a compiler may wrap the whole module in a function (tsx does).
 */
function callerByDefinition(q: HandlerQuestion, [, file, line, column]: Site): string | undefined {
  const text = q.source(file);
  const path = text === undefined ? undefined : pathTo(file, text, line, column);
  const program = text === undefined ? undefined : parsed(file, text);
  if (!path || !program) return undefined;
  let i = path.length - 1;
  while (i >= 0 && !runsAsFunction(path[i]![1])) i--;
  if (i < 0) return undefined;
  // Up through object literals holding it (`{ handler: async () => ... }`).
  let [key, , parent] = path[i]!;
  while ((parent.type === 'Property' && key === 'value') || parent.type === 'ObjectExpression') {
    if (--i < 0) return undefined;
    [key, , parent] = path[i]!;
  }
  if (!((parent.type === 'CallExpression' || parent.type === 'NewExpression') && key === 'arguments')) return undefined;
  const root = rootName((parent as Node & { callee: Node }).callee);
  const blocks = path.slice(0, i).flatMap(([, child]) => (child.type === 'BlockStatement' ? [(child as Node & { body: Node[] }).body] : []));
  const scopes = [...blocks.reverse(), program.body as Node[]];
  return root === undefined ? undefined : packageOf(scopes, root, 3);
}

/** The variable an expression like `app.get`, `(0, import_x.default)`, `app.route('/').get` starts from. */
function rootName(node: Node): string | undefined {
  for (let n: Node | undefined = node; n; ) {
    const any = n as Node & { object?: Node; callee?: Node; expressions?: Node[]; expression?: Node; name?: string };
    if (n.type === 'Identifier') return any.name;
    n = n.type === 'MemberExpression' ? any.object : n.type === 'CallExpression' ? any.callee : n.type === 'SequenceExpression' ? any.expressions!.at(-1) : n.type === 'ChainExpression' ? any.expression : undefined;
  }
  return undefined;
}

/** Statement lists, innermost first: where a name is looked up. */
type Scopes = Node[][];

/** The package a binding comes from, directly or through a few calls; the innermost declaration counts. */
function packageOf(scopes: Scopes, name: string, depth: number): string | undefined {
  if (depth === 0) return undefined;
  for (const statements of scopes) {
    for (const statement of statements as (Node & { declarations?: Node[]; specifiers?: Node[]; source?: { value: unknown } })[]) {
      if (statement.type === 'ImportDeclaration') {
        const local = statement.specifiers!.some((s) => (s as Node & { local: { name: string } }).local.name === name);
        const from = String(statement.source!.value);
        if (local) return isPackage(from) ? from : undefined;
      }
      if (statement.type !== 'VariableDeclaration') continue;
      for (const declarator of statement.declarations as (Node & { id: Node; init?: Node | null })[]) {
        if (declares(declarator.id, name)) return declarator.init ? packageIn(scopes, declarator.init, depth) : undefined;
      }
    }
  }
  return undefined;
}

/** `require('pkg')` or a binding from a package, anywhere in an initializer outside functions. */
function packageIn(scopes: Scopes, node: Node, depth: number): string | undefined {
  const any = node as Node & { callee?: Node & { name?: string }; arguments?: (Node & { value?: unknown })[]; name?: string };
  if (node.type === 'CallExpression' && any.callee?.type === 'Identifier' && any.callee.name === 'require') {
    const from = any.arguments?.[0]?.value;
    return typeof from === 'string' && isPackage(from) ? from : undefined;
  }
  if (node.type === 'Identifier') return packageOf(scopes, any.name!, depth - 1);
  if (runsAsFunction(node)) return undefined;
  const named = node as Node & { computed?: boolean; key?: Node; property?: Node };
  for (const [key, child] of childNodes(node)) {
    // Only what is evaluated: not a property's name (`{ express: 1 }`, `x.express`).
    if (!named.computed && ((node.type === 'Property' && key === 'key') || (node.type === 'MemberExpression' && key === 'property'))) continue;
    const found = packageIn(scopes, child, depth);
    if (found) return found;
  }
  return undefined;
}

function declares(pattern: Node, name: string): boolean {
  const any = pattern as Node & { name?: string; properties?: (Node & { value?: Node; argument?: Node })[] };
  if (pattern.type === 'Identifier') return any.name === name;
  if (pattern.type === 'ObjectPattern') return any.properties!.some((p) => declares(p.value ?? p.argument!, name));
  return false;
}

function isPackage(specifier: string): boolean {
  return !/^(\.|\/|file:)/.test(specifier);
}
