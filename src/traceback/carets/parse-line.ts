/**
 * A tolerant expression parser for one line of JavaScript or TypeScript.
 *
 * It does not build a full AST: it records every operation V8 can fail at (calls, `new`, member
 * and element access, binary operators, assignments, `await`, tagged templates) with the offsets
 * V8 reports for it (its anchors) and the part a caret line should stress (its primary spans).
 * Statements, type annotations and anything unreadable are skipped, never rejected, so a line
 * such as `for (const c of configs) total += load(c);` or `const x: T = a!.b as U;` still yields
 * its expressions.
 */
import { tokenize, type Token } from './tokenize.js';

export type Span = readonly [start: number, end: number];

export type ExprKind =
  | 'leaf' | 'group' | 'unary' | 'arrow' | 'conditional'
  | 'member' | 'element' | 'call' | 'new' | 'tagged' | 'binary' | 'assign' | 'await';

export interface ExprNode {
  kind: ExprKind;
  start: number;
  end: number;
  /** Offsets V8 reports as the position of this operation (measured on Node 20). */
  anchors: number[];
  /** The failing part: operator, `(args)`, `.name`, `[index]`; the rest of the node is context. */
  primary: Span[];
  /** The callee of a call or `new`, or the target of an assignment. */
  inner?: ExprNode;
  /** True for a plain identifier. */
  isName?: boolean;
}

// Words that begin statements or declarations, never expressions.
const NOT_EXPRESSION = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'do', 'else',
  'export', 'extends', 'finally', 'for', 'function', 'if', 'import', 'let', 'return', 'switch',
  'throw', 'try', 'var', 'while', 'with', 'interface', 'enum', 'implements',
]);

const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1, '||': 2, '&&': 3, '|': 4, '^': 5, '&': 6,
  '==': 7, '!=': 7, '===': 7, '!==': 7,
  '<': 8, '>': 8, '<=': 8, '>=': 8, instanceof: 8, in: 8,
  '<<': 9, '>>': 9, '>>>': 9, '+': 10, '-': 10, '*': 11, '/': 11, '%': 11, '**': 12,
};
const TYPE_OPERATOR_PRECEDENCE = 8; // `as` and `satisfies` bind like relational operators.

const ASSIGNMENT = new Set([
  '=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=',
]);
const PREFIX = new Set(['!', '~', '+', '-', '++', '--', '...', 'typeof', 'void', 'delete']);
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export interface ParsedLine {
  tokens: Token[];
  /** Every operation found on the line, innermost and outermost alike. */
  nodes: ExprNode[];
}

export function parseLine(line: string): ParsedLine {
  const tokens = tokenize(line);
  const nodes = new LineParser(tokens).parseAll();
  // The code in a template's `${...}` holes is parsed as the line with all else blanked out, so
  // that its offsets stay the line's; nested templates recurse.
  for (const token of tokens) {
    for (const [start, end] of token.holes ?? []) {
      nodes.push(...parseLine(' '.repeat(start) + line.slice(start, end) + ' '.repeat(line.length - end)).nodes);
    }
  }
  return { tokens, nodes };
}

class LineParser {
  private pos = 0;
  private readonly nodes: ExprNode[] = [];

  constructor(readonly tokens: Token[]) {}

  parseAll(): ExprNode[] {
    this.scanUntil(undefined);
    return this.nodes;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.kind !== 'string' && token.text === text;
  }

  private record(node: ExprNode): ExprNode {
    if (node.anchors.length > 0) this.nodes.push(node);
    return node;
  }

  /** Reads expressions until `closer` (consumed) or the end; returns the offset after it. */
  private scanUntil(closer: string | undefined): number {
    let end = this.peek(-1)?.end ?? 0;
    while (this.pos < this.tokens.length) {
      const token = this.peek()!;
      if (closer !== undefined && token.kind === 'punct' && token.text === closer) {
        this.pos++;
        return token.end;
      }
      const before = this.pos;
      const expression = this.parseAssignment();
      if (expression) { end = expression.end; continue; }
      // Not an expression (a keyword, `;`, a stray closer): step over it.
      this.pos = before + 1;
      end = token.end;
    }
    return end;
  }

  private parseAssignment(): ExprNode | undefined {
    const left = this.parseBinary(0);
    if (!left) return undefined;
    const token = this.peek();
    if (!token || token.kind !== 'punct') return left;
    if (token.text === '=>') {
      this.pos++;
      const body = this.is('{') ? this.scanBlock() : this.parseAssignment()?.end;
      return { kind: 'arrow', start: left.start, end: body ?? token.end, anchors: [], primary: [] };
    }
    if (token.text === '?') {
      this.pos++;
      let end = this.parseAssignment()?.end ?? token.end;
      if (this.is(':')) {
        end = this.peek()!.end;
        this.pos++;
        end = this.parseAssignment()?.end ?? end;
      }
      return { kind: 'conditional', start: left.start, end, anchors: [], primary: [] };
    }
    if (ASSIGNMENT.has(token.text)) {
      this.pos++;
      const right = this.parseAssignment();
      return this.record({
        kind: 'assign', start: left.start, end: right?.end ?? token.end,
        anchors: [token.start], primary: [[token.start, token.end]], inner: left,
      });
    }
    return left;
  }

  private scanBlock(): number {
    this.pos++;
    return this.scanUntil('}');
  }

  private parseBinary(minPrecedence: number): ExprNode | undefined {
    let left = this.parseUnary();
    while (left) {
      const token = this.peek();
      if (!token || token.kind === 'string' || token.kind === 'template') break;
      if ((token.text === 'as' || token.text === 'satisfies') && token.kind === 'name') {
        if (TYPE_OPERATOR_PRECEDENCE < minPrecedence) break;
        this.pos++;
        left = { ...left, end: this.skipType() ?? token.end };
        continue;
      }
      const precedence = BINARY_PRECEDENCE[token.text];
      if (precedence === undefined || precedence < minPrecedence) break;
      this.pos++;
      const right = this.parseBinary(token.text === '**' ? precedence : precedence + 1);
      left = this.record({
        kind: 'binary', start: left.start, end: right?.end ?? token.end,
        anchors: [token.start], primary: [[token.start, token.end]],
      });
    }
    return left;
  }

  private parseUnary(): ExprNode | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if (token.kind === 'punct' || token.kind === 'name') {
      if (PREFIX.has(token.text)) {
        this.pos++;
        const argument = this.parseUnary();
        return { kind: 'unary', start: token.start, end: argument?.end ?? token.end, anchors: [], primary: [] };
      }
      if (token.text === 'await' && this.startsOperand(1)) {
        this.pos++;
        const argument = this.parseUnary();
        return this.record({
          kind: 'await', start: token.start, end: argument?.end ?? token.end,
          anchors: [token.start], primary: [[token.start, token.end]],
        });
      }
      if (token.text === 'new' && !this.is('.', 1)) return this.parsePostfix(this.parseNew(), true);
    }
    const primary = this.parsePrimary();
    return primary && this.parsePostfix(primary, true);
  }

  /** Whether the token at `offset` can begin an operand (so `await` is the operator, not a name). */
  private startsOperand(offset: number): boolean {
    const token = this.peek(offset);
    if (!token) return false;
    if (token.kind !== 'punct') return !(token.kind === 'name' && (BINARY_PRECEDENCE[token.text] || token.text === 'as'));
    return ['(', '[', '{', '!', '~', '+', '-', '++', '--', '`'].includes(token.text);
  }

  private parseNew(): ExprNode {
    const keyword = this.peek()!;
    this.pos++;
    const calleeStart = this.is('new') ? this.parseNew() : this.parsePrimary();
    const callee = calleeStart && this.parsePostfix(calleeStart, false);
    if (this.is('(')) {
      const open = this.peek()!;
      this.pos++;
      const end = this.scanUntil(')');
      return this.record({
        kind: 'new', start: keyword.start, end, anchors: [keyword.start], primary: [[open.start, end]], inner: callee,
      });
    }
    return this.record({
      kind: 'new', start: keyword.start, end: callee?.end ?? keyword.end,
      anchors: [keyword.start], primary: [[keyword.start, keyword.end]], inner: callee,
    });
  }

  private parsePrimary(): ExprNode | undefined {
    const token = this.peek();
    if (!token) return undefined;
    const leaf = (end: number, isName = false): ExprNode => ({
      kind: 'leaf', start: token.start, end, anchors: [], primary: [], isName,
    });
    if (token.kind === 'name') {
      if (NOT_EXPRESSION.has(token.text)) return undefined;
      this.pos++;
      return leaf(token.end, true);
    }
    if (token.kind !== 'punct') {
      this.pos++;
      return leaf(token.end);
    }
    const closer = CLOSER[token.text];
    if (!closer) return undefined;
    this.pos++;
    return { kind: 'group', start: token.start, end: this.scanUntil(closer), anchors: [], primary: [] };
  }

  /** Member access, calls, element access, tagged templates, TS `!` and type arguments. */
  private parsePostfix(start: ExprNode, allowCalls: boolean): ExprNode {
    let node = start;
    for (;;) {
      const token = this.peek();
      if (!token) return node;
      if (token.kind === 'template') {
        if (!allowCalls) return node;
        this.pos++;
        node = this.record({
          kind: 'tagged', start: node.start, end: token.end, anchors: [token.start],
          primary: [[token.start, token.end]], inner: node,
        });
        continue;
      }
      if (token.kind !== 'punct') return node;
      const text = token.text;
      if (text === '.' || (text === '?.' && this.peek(1)?.kind === 'name')) {
        this.pos++;
        const name = this.peek()?.kind === 'name' ? this.peek()! : undefined;
        if (name) this.pos++;
        node = this.record({
          kind: 'member', start: node.start, end: name?.end ?? token.end,
          anchors: name ? [token.start, name.start] : [token.start], primary: [[token.start, name?.end ?? token.end]],
        });
      } else if (text === '[' || (text === '?.' && this.is('[', 1))) {
        const open = text === '[' ? token : this.peek(1)!;
        this.pos += text === '[' ? 1 : 2;
        const end = this.scanUntil(']');
        node = this.record({
          kind: 'element', start: node.start, end, anchors: [token.start, open.start], primary: [[token.start, end]],
        });
      } else if (allowCalls && (text === '(' || (text === '?.' && this.is('(', 1)))) {
        const open = text === '(' ? token : this.peek(1)!;
        this.pos += text === '(' ? 1 : 2;
        const end = this.scanUntil(')');
        node = this.record({
          kind: 'call', start: node.start, end, anchors: [...calleeAnchors(node), token.start, open.start],
          primary: [[token.start, end]], inner: node,
        });
      } else if (text === '!' && !this.startsOperand(1)) {
        this.pos++;
        node = { ...node, end: token.end };
      } else if ((text === '++' || text === '--') && allowCalls) {
        this.pos++;
        return { kind: 'unary', start: node.start, end: token.end, anchors: [], primary: [] };
      } else if (text === '<' && this.skipTypeArguments()) {
        continue;
      } else {
        return node;
      }
    }
  }

  /** Skips `<...>` when it is a list of type arguments followed by a call, as in `f<T>(x)`. */
  private skipTypeArguments(): boolean {
    let depth = 0;
    let index = this.pos;
    for (; index < this.tokens.length; index++) {
      const token = this.tokens[index]!;
      if (token.text === '<') depth++;
      else if (/^>+$/.test(token.text)) depth -= token.text.length;
      else if (token.kind === 'punct' && !['.', ',', '[', ']', '|', '&', '{', '}', ':', ';', '?'].includes(token.text)) return false;
      if (depth <= 0) break;
    }
    if (depth !== 0 || this.tokens[index + 1]?.text !== '(') return false;
    this.pos = index + 1;
    return true;
  }

  /** Skips a type after `as` or `satisfies`: a dotted name with type arguments and `[]`. */
  private skipType(): number | undefined {
    let end: number | undefined;
    while (this.peek()?.kind === 'name' || this.peek()?.kind === 'string') {
      end = this.peek()!.end;
      this.pos++;
      while (this.is('.') && this.peek(1)?.kind === 'name') { end = this.peek(1)!.end; this.pos += 2; }
      if (this.is('<')) {
        const before = this.pos;
        let depth = 0;
        while (this.pos < this.tokens.length) {
          const text = this.peek()!.text;
          if (text === '<') depth++;
          else if (/^>+$/.test(text)) depth -= text.length;
          end = this.peek()!.end;
          this.pos++;
          if (depth <= 0) break;
        }
        if (depth !== 0) { this.pos = before; break; }
      }
      while (this.is('[') && this.is(']', 1)) { end = this.peek(1)!.end; this.pos += 2; }
      if (!this.is('|') && !this.is('&')) break;
      this.pos++;
    }
    return end;
  }
}

/** V8 places a call at its callee's name when the callee is `f` or `a.b.f`. */
function calleeAnchors(callee: ExprNode): number[] {
  if (callee.kind === 'leaf' && callee.isName) return [callee.start];
  if (callee.kind === 'member') return [callee.anchors[callee.anchors.length - 1]!];
  return [];
}
