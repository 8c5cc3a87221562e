/**
 * Decides which part of a source line to underline for a frame, following Python 3.13's rules
 * adapted to JavaScript: `~` under operands, callee and object, `^` under the failing operator,
 * argument list, `.name` or `[index]`; no carets when the failing part is the whole statement.
 */
import { BoundedCache } from '../bounded-cache.js';
import { parseLine, type ExprNode, type ParsedLine, type Span } from './parse-line.js';

export interface CaretPlan {
  /** UTF-16 offsets in the line: the whole failing expression. */
  start: number;
  end: number;
  /** The parts drawn with `^`; the rest of [start, end) gets `~`. */
  primary: Span[];
}

export interface CaretOptions {
  /** The frame raised a property read/write error: prefer `a.b` over the call `a.b()`. */
  preferMember?: boolean;
  /** Where the column may really lie when a source map only narrows it down (see mapToOriginal). */
  columnRange?: readonly [number, number];
}

// Longer lines are minified or generated code: parsing them costs more than the carets help.
const MAX_LINE_LENGTH = 2000;
const parsedLines = new BoundedCache<string, ParsedLine>(512);
// The same frames recur in every traceback a program prints: plans are cached by their inputs,
// by line first so that long lines are not hashed into new keys, then by one number for the rest.
const plans = new BoundedCache<string, Map<number, CaretPlan | null>>(1024);

export function planCarets(line: string, column: number, options: CaretOptions = {}): CaretPlan | undefined {
  if (line.length > MAX_LINE_LENGTH || column < 0 || column >= line.length) return undefined;
  const forLine = plans.get(line) ?? plans.set(line, new Map());
  const key = planKey(line.length, column, options);
  let plan = forLine.get(key);
  if (plan === undefined) forLine.set(key, (plan = computePlan(line, column, options)));
  return plan ?? undefined;
}

/**
 * Column, preference and range as one integer. Range bounds only matter within the line (ends
 * past it mean the same), so clamped they take `length + 2` values plus one for "no range"; lines
 * are short (see MAX_LINE_LENGTH), so the product stays far below 2^53.
 */
function planKey(length: number, column: number, { preferMember, columnRange }: CaretOptions): number {
  const base = length + 3;
  const bound = (value: number): number => (columnRange ? Math.min(Math.max(value, -1), length) + 2 : 0);
  return ((column * 2 + (preferMember ? 1 : 0)) * base + bound(columnRange?.[0] ?? 0)) * base + bound(columnRange?.[1] ?? 0);
}

function computePlan(line: string, column: number, options: CaretOptions): CaretPlan | null {
  const parsed = parsedLines.get(line) ?? parsedLines.set(line, parseLine(line));
  const node = chooseNode(candidatesAt(parsed.nodes, column, options.columnRange), options);
  if (!node || coversStatement(parsed, node)) return null;
  return { start: node.start, end: node.end, primary: node.primary };
}

/** Nodes V8 places at `column`; failing that, those placed nearest to it within `range`. */
function candidatesAt(nodes: ExprNode[], column: number, range: CaretOptions['columnRange']): ExprNode[] {
  const exact = nodes.filter((n) => n.anchors.includes(column));
  if (exact.length > 0 || !range) return exact;
  const distance = (n: ExprNode): number =>
    Math.min(...n.anchors.filter((a) => a >= range[0] && a < range[1]).map((a) => Math.abs(a - column)));
  const inRange = nodes.filter((n) => Number.isFinite(distance(n)));
  const nearest = Math.min(...inRange.map(distance));
  return inRange.filter((n) => distance(n) === nearest);
}

function chooseNode(candidates: ExprNode[], options: CaretOptions): ExprNode | undefined {
  if (candidates.length === 0) return undefined;
  let best = candidates.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
  if (best.kind === 'member' && !options.preferMember) {
    best = candidates.find((n) => n.kind === 'call' && n.inner === best) ?? best;
  }
  // `a.b = v` fails at the `=` but the fault is writing `.b`: underline the target.
  if (best.kind === 'assign' && (best.inner?.kind === 'member' || best.inner?.kind === 'element')) {
    best = best.inner;
  }
  return best;
}

/**
 * True when the node is the whole statement, so carets would add nothing: `f(x);`, `throw e`,
 * and, as in Python 3.13, `return f(x)` and `x = f(x)` where `f` is a plain name.
 */
function coversStatement({ tokens }: ParsedLine, node: ExprNode): boolean {
  const before = tokens.filter((t) => t.end <= node.start).map((t) => t.text);
  if (before[before.length - 1] === 'throw') return true;
  let last = tokens.length - 1;
  while (last >= 0 && (tokens[last]!.text === ';' || tokens[last]!.text === ',')) last--;
  if (last < 0 || tokens[last]!.end !== node.end) return false;
  if (before.length === 0) return true;
  const callsPlainName = (node.kind === 'call' || node.kind === 'new') && node.inner?.isName === true;
  if (!callsPlainName) return false;
  const text = before.join(' ');
  return text === 'return' || /^(?:(?:const|let|var) )?[\p{ID_Start}$_][\p{ID_Continue}$]* =$/u.test(text);
}
