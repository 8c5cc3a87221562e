// Where a source file has code a breakpoint can stop at, in its own (TypeScript) lines, before
// the program has loaded it. The file is compiled as tsx compiles it (esbuild, with a source
// map), the JavaScript parsed, and every statement start mapped back: V8 stops at statements, so
// a blank line, a comment, a type declaration or a function header has no code of its own.
import type { Loader } from 'esbuild';
import type { Node } from 'acorn';
import { parseProgram } from './parse-program.js';
import { childNodes } from '../util/js-syntax.cjs';
import { esbuild, traceMapping } from '../util/lazy-packages.js';
import type { SourcePosition } from './breakpoints.js';

interface FunctionCode {
  /** Dotted name as `b NAME` accepts it: `load`, `Inventory.ratio`; undefined when anonymous. */
  name?: string;
  /** The line the function starts on. */
  header: number;
  /** Its first statement (the expression of a concise arrow body). */
  body: SourcePosition;
}

const analyzed = new Map<string, { text: string; code: SourceCode | undefined }>();

export class SourceCode {
  private constructor(
    private readonly statementLines: Set<number>,
    private readonly functions: FunctionCode[],
  ) {}

  /** undefined when the file does not compile. The last text of each file is remembered: Tab after `b` asks again per key. */
  static analyze(file: string, text: string): SourceCode | undefined {
    const known = analyzed.get(file);
    if (known?.text === text) return known.code;
    const code = SourceCode.compile(file, text);
    analyzed.set(file, { text, code });
    return code;
  }

  private static compile(file: string, text: string): SourceCode | undefined {
    let js;
    try {
      js = esbuild().transformSync(text, { loader: loaderFor(file), sourcemap: 'external', sourcefile: file });
    } catch {
      return undefined;
    }
    // A CommonJS file may not parse as a module (`with`, octal literals): then as a script.
    const program = parseProgram(js.code, 'module') ?? parseProgram(js.code, 'script');
    if (!program) return undefined;
    const { TraceMap, originalPositionFor } = traceMapping();
    const map = new TraceMap(js.map);
    const original = (node: Node): SourcePosition | undefined => {
      const p = originalPositionFor(map, { line: node.loc!.start.line, column: node.loc!.start.column });
      return p.line == null ? undefined : { line: p.line, column: (p.column ?? 0) + 1 };
    };
    const lines = new Set<number>();
    const functions: FunctionCode[] = [];
    walk(program, [], (node, names) => {
      if (isStatement(node)) {
        const at = original(node);
        if (at) lines.add(at.line);
      }
      const fn = node as unknown as { body?: Node & { body?: Node[] } };
      if (!isFunction(node) || !fn.body) return;
      const first = fn.body.type === 'BlockStatement' ? fn.body.body?.[0] : fn.body;
      const header = original(node);
      const body = first && original(first);
      if (header && body) functions.push({ name: names.join('.') || undefined, header: header.line, body });
    });
    return new SourceCode(lines, functions);
  }

  /** The first line at or after `line` with code, if any. */
  codeLineFrom(line: number): number | undefined {
    const after = [...this.statementLines].filter((l) => l >= line);
    return after.length ? Math.min(...after) : undefined;
  }

  /** The first function starting on `header` (where V8 says a function value is defined). */
  functionAt(header: number): FunctionCode | undefined {
    return this.functions.find((f) => f.header === header);
  }

  functionNamed(name: string): FunctionCode | undefined {
    return this.functions.find((f) => f.name === name);
  }

  /** Every named function, as `b NAME` spells it (`Class.method` for methods). */
  get functionNames(): string[] {
    return this.functions.flatMap((f) => (f.name ? [f.name] : []));
  }
}

function loaderFor(file: string): Loader {
  if (/\.[cm]?tsx$/.test(file)) return 'tsx';
  if (/\.[cm]?ts$/.test(file)) return 'ts';
  return 'js';
}

// V8 has no break location at these (measured: a breakpoint on a class declaration slides into its constructor).
const NOT_BREAKABLE = new Set(['BlockStatement', 'EmptyStatement', 'FunctionDeclaration', 'ClassDeclaration', 'ImportDeclaration']);

function isStatement(node: Node): boolean {
  return /(Statement|Declaration)$/.test(node.type) && !NOT_BREAKABLE.has(node.type) && !node.type.startsWith('Export');
}

function isFunction(node: Node): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(node.type);
}

/** Visits every node with the name of the function or class it is in, as `b NAME` spells it. */
function walk(node: Node, names: string[], visit: (node: Node, names: string[]) => void): void {
  const path = pathOf(node, names);
  visit(node, path);
  for (const [, child] of childNodes(node)) walk(child, path, visit);
}

/** A method is named after its class (`Inventory.ratio`); any other name stands alone. */
function pathOf(node: Node, names: string[]): string[] {
  const own = nameOf(node);
  if (own === undefined) return names;
  if (node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') return [...names.slice(0, 1), own];
  return [own];
}

function nameOf(node: Node): string | undefined {
  const n = node as unknown as { id?: { name?: string }; key?: { name?: string; value?: unknown } };
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'ClassExpression':
    case 'VariableDeclarator':
      return n.id?.name;
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'Property':
      return n.key?.name ?? (typeof n.key?.value === 'string' ? n.key.value : undefined);
    default:
      return undefined;
  }
}
