/**
 * Frames from a formatted V8 `stack` string, for errors whose stack was read before we saw them
 * (so their call sites are gone) and for stacks that come as text. V8's line shapes:
 * `at fn (loc)`, `at loc`, `at async fn (loc)`, `at new Fn (loc)`, `at A.b [as c] (loc)`,
 * `at eval (eval at f (loc), <anonymous>:1:2)`, `at Promise.all (index 0)`, where loc is
 * `file:line:col`, `native` or `<anonymous>`.
 */
import { displayPath, isInternal, type StackEntry } from './stack-entry.js';

const FRAME_LINE = /^\s*at (.*)$/;
const POSITION = /^(.*):(\d+):(\d+)$/;

/** Entries newest first; lines that are not frames (the message) are skipped. */
export function entriesFromStackString(stack: string, isMapped: boolean): StackEntry[] {
  const entries: StackEntry[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME_LINE.exec(line);
    if (match) entries.push(parseFrame(match[1]!.trimEnd(), isMapped));
  }
  return nameModuleFrames(entries);
}

function parseFrame(text: string, isMapped: boolean): StackEntry {
  let name = '';
  let location = text;
  if (text.endsWith(')')) {
    const open = matchingOpenParen(text);
    if (open > 0) {
      name = text.slice(0, open).trim();
      location = text.slice(open + 1, -1);
    }
  }
  // A nameless async frame has no parentheses: `at async file:///app.mjs:9:1`.
  if (!name && location.startsWith('async ')) [name, location] = ['async ', location.slice('async '.length)];
  const isAsync = name.startsWith('async ');
  if (isAsync) name = name.slice('async '.length);
  name = name.replace(/ \[as [^\]]*\]$/, '').replace(/^Object\.(?!<anonymous>)/, '');
  // Eval code: the position after the last comma is in the evaluated source.
  if (location.startsWith('eval at ')) location = location.slice(location.lastIndexOf(', ') + 2);
  const position = POSITION.exec(location);
  const filename = displayPath(position ? position[1]! : location);
  const lineno = position ? Number(position[2]) : 0;
  return {
    filename,
    lineno,
    colno: position ? Number(position[3]) - 1 : -1,
    name,
    isAsync,
    isInternal: isInternal(filename, lineno),
    isMapped,
  };
}

/** Index of the `(` that the final `)` closes; locations may themselves hold parentheses. */
function matchingOpenParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

// Node's module runners: a nameless frame they called is a module body.
const MODULE_RUNNERS = new Set(['node:internal/modules/cjs/loader', 'node:internal/modules/esm/module_job']);

/**
 * Names module bodies `<module>` and nameless functions `<anonymous>`, as DESIGN §2 asks. Text
 * tells a module body only by its caller (Node's module runner) or by CommonJS's wrapper, which
 * V8 names `Object.<anonymous>`. Entries are newest first and fresh, so they are renamed in place.
 */
function nameModuleFrames(entries: StackEntry[]): StackEntry[] {
  entries.forEach((entry, index) => {
    const caller = entries[index + 1];
    // Node's source-mapped stacks already say `<anonymous>` where V8 has no name.
    const nameless = entry.name === '' || entry.name === '<anonymous>';
    if (entry.name === 'Object.<anonymous>' || (nameless && caller !== undefined && MODULE_RUNNERS.has(caller.filename))) entry.name = '<module>';
    else if (nameless) entry.name = '<anonymous>';
  });
  return entries;
}
