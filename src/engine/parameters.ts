// Parameter names of a frame's function, read from its source, for `args`. V8's local scope mixes
// parameters with local variables and does not say which is which.
import type { LiveFrame } from './frames.js';
import type { ScriptTable } from './scripts.js';
import { offsetOf } from '../util/text-offset.cjs';

export async function parameterNames(scripts: ScriptTable, frame: LiveFrame): Promise<string[]> {
  const loc = frame.functionLocation;
  if (!loc || !frame.scriptId) return [];
  const source = await scripts.generatedSource(loc.scriptId);
  if (!source) return [];
  const start = offsetOf(source, loc.lineNumber, loc.columnNumber ?? 0);
  return parseParameters(source, start);
}

/** Names bound by the parameter list that starts at or after `start`. */
export function parseParameters(source: string, start: number): string[] {
  const head = source.slice(start, start + 2000);
  const bareArrow = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(head);
  if (bareArrow) return [bareArrow[1]!];
  const open = head.indexOf('(');
  if (open < 0) return [];
  const params: string[] = [];
  let depth = 0;
  let current = '';
  let quote = '';
  for (let i = open + 1; i < head.length; i++) {
    const ch = head[i]!;
    if (quote) {
      if (ch === quote && head[i - 1] !== '\\') quote = '';
      current += ch;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) {
        params.push(current);
        break;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      params.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  return params.flatMap(bindingNames);
}

/** The names a single parameter binds: `a`, `a = 1`, `...rest`, `{ a, b: c }`, `[x, y]`. */
function bindingNames(param: string): string[] {
  let p = param.trim().replace(/^\.\.\./, '');
  const eq = topLevelEquals(p);
  if (eq >= 0) p = p.slice(0, eq).trim();
  if (!p) return [];
  if (/^[A-Za-z_$][\w$]*$/.test(p)) return [p];
  // Destructuring: a key followed by `:` is renamed; defaults after `=` are not bindings.
  const inner = p.replace(/=\s*[^,}\]]+/g, '').replace(/[A-Za-z_$][\w$]*\s*:/g, '');
  return inner.match(/[A-Za-z_$][\w$]*/g) ?? [];
}

function topLevelEquals(p: string): number {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '=' && depth === 0 && p[i + 1] !== '>' && p[i + 1] !== '=') return i;
  }
  return -1;
}
