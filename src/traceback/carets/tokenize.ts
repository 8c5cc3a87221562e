/**
 * Splits one source line of JavaScript or TypeScript into tokens for the caret parser.
 *
 * It works on a single line because V8 reports one position per frame; it never throws, and
 * anything it cannot read (an unterminated string, a stray character) becomes a token that the
 * parser will simply skip.
 */

export type TokenKind = 'name' | 'number' | 'string' | 'template' | 'regex' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** UTF-16 offset in the line, as V8 columns are. */
  start: number;
  end: number;
  /** For a template literal: the [start, end) of the code inside each of its `${...}` holes. */
  holes?: Array<readonly [number, number]>;
}

// Longest first, so that `>>>=` wins over `>>`.
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '**', '<<', '>>',
  '{', '}', '(', ')', '[', ']', ';', ',', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '!',
  '~', '?', ':', '=', '.', '@', '#',
];

// After these keywords a `/` starts a regular expression rather than a division.
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do',
  'else', 'yield', 'await',
]);

const isNameStart = (ch: string): boolean => /[\p{ID_Start}$_#]/u.test(ch);
const isNamePart = (ch: string): boolean => /[\p{ID_Continue}$\u200c\u200d]/u.test(ch);

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (line.startsWith('//', i)) break;
    if (line.startsWith('/*', i)) {
      const close = line.indexOf('*/', i + 2);
      i = close < 0 ? line.length : close + 2;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    let holes: Array<readonly [number, number]> | undefined;
    if (isNameStart(ch)) {
      i++;
      while (i < line.length && isNamePart(line[i]!)) i++;
      kind = 'name';
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(line[i + 1] ?? ''))) {
      i++;
      while (i < line.length && /[0-9a-zA-Z_.]/.test(line[i]!)) i++;
      kind = 'number';
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(line, i + 1, ch);
      kind = 'string';
    } else if (ch === '`') {
      holes = [];
      i = skipTemplate(line, i + 1, holes);
      kind = 'template';
    } else if (ch === '/' && slashStartsRegex(tokens[tokens.length - 1])) {
      i = skipRegex(line, i + 1);
      kind = 'regex';
    } else {
      const punct = PUNCTUATORS.find((p) => line.startsWith(p, i)) ?? ch;
      // `a?.5:b` is a conditional with a number, not optional chaining.
      i += punct === '?.' && /[0-9]/.test(line[i + 2] ?? '') ? 1 : punct.length;
      kind = 'punct';
    }
    tokens.push({ kind, text: line.slice(start, i), start, end: i, ...(holes && { holes }) });
  }
  return tokens;
}

function slashStartsRegex(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'name') return KEYWORDS_BEFORE_EXPRESSION.has(previous.text);
  if (previous.kind === 'punct') return ![')', ']', '}', '++', '--'].includes(previous.text);
  return false;
}

function skipQuoted(line: string, i: number, quote: string): number {
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return line.length;
}

/**
 * Skips a template literal, including `${...}` holes that may hold nested templates; the
 * holes' code spans go to `holes` when given.
 */
function skipTemplate(line: string, i: number, holes?: Array<readonly [number, number]>): number {
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      return i + 1;
    } else if (line.startsWith('${', i)) {
      const end = skipHole(line, i + 2);
      holes?.push([i + 2, line[end - 1] === '}' ? end - 1 : end]);
      i = end;
    } else {
      i++;
    }
  }
  return line.length;
}

function skipHole(line: string, i: number): number {
  let depth = 1;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"' || ch === "'") { i = skipQuoted(line, i + 1, ch); continue; }
    if (ch === '`') { i = skipTemplate(line, i + 1); continue; }
    if (ch === '{') depth++;
    if (ch === '}' && --depth === 0) return i + 1;
    i++;
  }
  return line.length;
}

function skipRegex(line: string, i: number): number {
  let inClass = false;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') { i += 2; continue; }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      i++;
      while (i < line.length && /[a-z]/.test(line[i]!)) i++;
      return i;
    }
    i++;
  }
  return line.length;
}
