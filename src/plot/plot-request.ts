// What a `plot` asks for, read from the command's arguments (`plot [--hist] [--svg FILE] EXPR[,
// EXPR...]`, the options before or after the expressions) or from a `plot(EXPR, ..., {hist, svg})`
// line typed in `interact`.
import type { Expression, Node, SpreadElement } from 'acorn';
import { acorn } from '../util/lazy-packages.js';

export interface PlotRequest {
  /** Each series' expression, as typed: also its name in the legend. */
  expressions: string[];
  hist: boolean;
  svg?: string;
}

/** Bad arguments: the message completes `*** plot: `. */
export class PlotUsageError extends Error {}

export const PLOT_USAGE = 'plot [--hist] [--svg FILE] EXPR[, EXPR...]';

export function parsePlotArguments(arg: string): PlotRequest {
  let rest = arg.trim();
  let hist = false;
  let svg: string | undefined;
  const svgFile = (file: string | undefined) => {
    if (!file) throw new PlotUsageError(`--svg takes a file name: ${PLOT_USAGE}`);
    svg = file;
  };
  for (;;) {
    const first = /^--([\w-]+)\s*/.exec(rest);
    const last = first ? null : /\s+--(hist|svg)(?:\s+(\S+))?$/.exec(rest);
    if (first) {
      rest = rest.slice(first[0].length);
      if (first[1] === 'hist') hist = true;
      else if (first[1] === 'svg') {
        const file = /^(\S+)\s*/.exec(rest);
        svgFile(file?.[1]);
        rest = rest.slice(file![0].length);
      } else throw new PlotUsageError(`unknown option --${first[1]}: ${PLOT_USAGE}`);
    } else if (last && (last[1] === 'svg' || last[2] === undefined)) {
      rest = rest.slice(0, last.index);
      if (last[1] === 'hist') hist = true;
      else svgFile(last[2]);
    } else break;
  }
  if (!rest) throw new PlotUsageError(`nothing to plot: ${PLOT_USAGE}`);
  return { expressions: splitExpressions(rest), hist, svg };
}

/** `EXPR, EXPR` as the expressions it lists; text that does not parse is one expression (its evaluation says what is wrong). */
function splitExpressions(text: string): string[] {
  let list: Expression;
  try {
    list = acorn().parseExpressionAt(`[${text}\n]`, 0, { ecmaVersion: 'latest', checkPrivateFields: false });
  } catch {
    return [text];
  }
  if (list.type !== 'ArrayExpression' || list.end !== text.length + 3) return [text];
  return arguments_(list.elements, (node) => text.slice(node.start - 1, node.end - 1));
}

function arguments_(nodes: (Expression | SpreadElement | null)[], textOf: (node: Node) => string): string[] {
  return nodes.map((node) => {
    if (!node) throw new PlotUsageError(`an empty expression between commas: ${PLOT_USAGE}`);
    if (node.type === 'SpreadElement') throw new PlotUsageError(`plot takes expressions, not ...spread: ${PLOT_USAGE}`);
    return textOf(node);
  });
}

/** A whole `plot(...)` line typed in interact, or undefined when the line is anything else. */
export function parsePlotCall(line: string): PlotRequest | undefined {
  const code = line.trim().replace(/;$/, '');
  if (!/^plot\s*\(/.test(code)) return undefined;
  let call: Expression;
  try {
    call = acorn().parseExpressionAt(code, 0, { ecmaVersion: 'latest', checkPrivateFields: false });
  } catch {
    return undefined;
  }
  if (call.type !== 'CallExpression' || call.end !== code.length || call.optional) return undefined;
  const args = [...call.arguments];
  const options = optionsOf(args[args.length - 1]);
  if (options) args.pop();
  if (args.length === 0) throw new PlotUsageError('nothing to plot: plot(EXPR, ...[, { hist: true, svg: FILE }])');
  return { expressions: arguments_(args, (node) => code.slice(node.start, node.end)), hist: options?.hist ?? false, svg: options?.svg };
}

/** `{ hist: true, svg: 'walk.svg' }` (literal values of these two keys only) as options. */
function optionsOf(node: Expression | SpreadElement | undefined): { hist?: boolean; svg?: string } | undefined {
  if (node?.type !== 'ObjectExpression' || node.properties.length === 0) return undefined;
  const options: { hist?: boolean; svg?: string } = {};
  for (const p of node.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier' || p.value.type !== 'Literal') return undefined;
    if (p.key.name === 'hist' && typeof p.value.value === 'boolean') options.hist = p.value.value;
    else if (p.key.name === 'svg' && typeof p.value.value === 'string') options.svg = p.value.value;
    else return undefined;
  }
  return options;
}
