// How the armed REPL (armed-repl.cts) runs a line. Node's REPL runs each line as a script
// (vm.Script#runInThisContext), inside a C++ TryCatch and a try/catch of its own: V8 predicts
// every throw in it as caught, so an error escaping a line would never stop anywhere. The armed
// REPL runs the line with an indirect eval from a fresh stack, where nothing catches.
//
// Indirect eval keeps what a script means (`this` is the global object, `var` and functions
// become globals, the completion value is the line's value) but for one thing: its let, const
// and class declarations would die with it. So every top-level declaration of the line is first
// made at the script level, by a script that can only fail as a redeclaration fails in Node's
// REPL, and the line assigns to it (`const` becomes assignable, as in Node's REPL for lines with
// `await`). The rewritten declaration keeps its columns: `let x = f()` runs as `; (x = f(), void 0)`.
// A line with top-level `await` runs in the async arrow of entry-body.cts, valued at its last
// expression, as in Node's REPL. A rewritten line carries a source map back to what was typed,
// so that pmdb shows and points into that.
import { Parser, tokTypes, type Node, type Program } from 'acorn';
import { encode } from '@jridgewell/sourcemap-codec';
import { BODY_CLOSE, BODY_OPEN } from './entry-body.cjs';
import { FUNCTION_TYPES, childNodes, patternNames } from '../util/js-syntax.cjs';

export interface PreparedLine {
  /** Script-level declarations to make first (`let a, C; var f;`), or ''. */
  declarations: string;
  /** What the indirect eval runs. */
  code: string;
  /** Top-level await: `code` evaluates to a promise of the line's value. */
  awaits: boolean;
}

interface Edit {
  at: number;
  /** How many characters from `at` the text replaces. */
  length: number;
  text: string;
}

/** Throws acorn's SyntaxError when the line does not parse. */
export function prepareLine(input: string, file: string): PreparedLine {
  // As Node's REPL: `{ a: 1 }` alone is an object, not a block.
  const code = /^\s*\{/.test(input) && /\}\s*$/.test(input) && parses(`(${input})`) ? `(${input})` : input;
  const program = parse(code);
  const awaits = program.body.some(hasTopLevelAwait);
  const lets: string[] = [];
  const vars: string[] = [];
  const edits: Edit[] = [];
  // The value of `let x = 1` is undefined, as in Node's REPL, whatever the assignment's value.
  const assignments = (start: number, replaced: number, end: number) => {
    // `let` and `const` become `; (` and `;   (`: the rest of the line keeps its columns.
    edits.push({ at: start, length: replaced, text: ';'.padEnd(replaced - 1, ' ') + '(' });
    edits.push({ at: end, length: 0, text: ', void 0)' });
  };
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      const names = statement.declarations.flatMap((d) => patternNames(d.id));
      (statement.kind === 'var' ? vars : lets).push(...names);
      if (statement.kind === 'var' && !awaits) continue;
      assignments(statement.start, statement.kind.length, statement.declarations[statement.declarations.length - 1]!.end);
    } else if (statement.type === 'ClassDeclaration' && statement.id) {
      lets.push(statement.id.name);
      edits.push({ at: statement.start, length: 0, text: `; (${statement.id.name} = ` });
      edits.push({ at: statement.end, length: 0, text: ', void 0)' });
    } else if (statement.type === 'FunctionDeclaration' && statement.id) {
      vars.push(statement.id.name);
      // Inside the arrow a declaration is local: hand it to the global of the same name.
      if (awaits) edits.push({ at: statement.start, length: 0, text: `globalThis.${statement.id.name} = ${statement.id.name}; ` });
    }
  }
  const last = program.body[program.body.length - 1];
  if (awaits && last?.type === 'ExpressionStatement') {
    edits.push({ at: last.start, length: 0, text: 'return (' }, { at: last.expression.end, length: 0, text: ')' });
  }
  if (awaits) {
    edits.unshift({ at: 0, length: 0, text: BODY_OPEN });
    edits.push({ at: code.length, length: 0, text: BODY_CLOSE });
  }
  const declarations = [lets.length ? `let ${lets.join(', ')};` : '', vars.length ? `var ${vars.join(', ')};` : ''];
  return {
    declarations: declarations.filter(Boolean).join(' '),
    code: withSourceUrl(edits.length ? rewrite(code, edits, file) : code, file),
    awaits,
  };
}

/** Names stack traces and pmdb's frames give the line's code, as Node's REPL names its scripts. */
export function withSourceUrl(code: string, file: string): string {
  return `${code}\n//# sourceURL=${file}`;
}

/**
 * Whether more lines could complete the input, by Node's REPL rule (isRecoverableError): the
 * parse ran into the end of the input, or into an unterminated template, comment or string
 * continued with a backslash.
 */
export function isIncomplete(code: string): boolean {
  if (/^\s*\{/.test(code) && isIncomplete(`(${code}`)) return true;
  let incomplete = false;
  const Incomplete = Parser.extend(
    (Base) =>
      class extends (Base as unknown as new (...args: unknown[]) => ParserInternals) {
        nextToken(): void {
          super.nextToken();
          if (this.type === tokTypes.eof) incomplete = true;
        }
        raise(pos: number, message: string): never {
          if (message === 'Unterminated template' || message === 'Unterminated comment') incomplete = true;
          if (message === 'Unterminated string constant' && /\\(?:\r\n?|\n|\u2028|\u2029)$/.test(this.input.slice(this.lastTokStart, this.pos))) {
            incomplete = true;
          }
          return super.raise(pos, message);
        }
      } as unknown as typeof Parser,
  );
  try {
    Incomplete.parse(code, OPTIONS);
    return false;
  } catch {
    return incomplete;
  }
}

/** The parts of acorn's parser the rule above overrides, which its types do not declare. */
interface ParserInternals {
  input: string;
  type: unknown;
  pos: number;
  lastTokStart: number;
  nextToken(): void;
  raise(pos: number, message: string): never;
}

const OPTIONS = { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true } as const;

function parse(code: string): Program {
  return Parser.parse(code, OPTIONS);
}

function parses(code: string): boolean {
  try {
    parse(code);
    return true;
  } catch {
    return false;
  }
}

/** An `await` (or `for await`) outside any function. */
function hasTopLevelAwait(node: Node): boolean {
  const n = node as Node & { await?: boolean };
  if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) return true;
  if (FUNCTION_TYPES.has(n.type)) return false;
  for (const [, child] of childNodes(n)) if (hasTopLevelAwait(child)) return true;
  return false;
}

/**
 * The code with the edits made, and an inline source map of every character back to `code`
 * (an inserted text maps to where it was inserted): one segment per character.
 */
function rewrite(code: string, edits: Edit[], file: string): string {
  // Line and column of every offset of `code`, and one past its end.
  const origins: [number, number][] = [];
  for (let i = 0, line = 0, column = 0; i <= code.length; i++) {
    origins.push([line, column]);
    if (code[i] === '\n') [line, column] = [line + 1, 0];
    else column++;
  }
  let out = '';
  const lines: [number, number, number, number][][] = [[]];
  let column = 0;
  const emit = (text: string, from: number) => {
    const [line, col] = origins[from]!;
    for (const ch of text) {
      lines[lines.length - 1]!.push([column, 0, line, col]);
      out += ch;
      if (ch === '\n') {
        lines.push([]);
        column = 0;
      } else column++;
    }
  };
  let at = 0;
  for (const edit of edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i)) {
    for (; at < edit.at; at++) emit(code[at]!, at);
    emit(edit.text, edit.at);
    at = Math.max(at, edit.at + edit.length);
  }
  for (; at < code.length; at++) emit(code[at]!, at);
  const map = { version: 3, sources: [file], sourcesContent: [code], names: [], mappings: encode(lines) };
  return `${out}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}
