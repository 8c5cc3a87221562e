// Parsing JavaScript as Node runs it (hashbang, top-level return and await), with locations for
// mapping nodes back to lines.
import type { Program } from 'acorn';
import { acorn } from '../util/lazy-packages.js';
import { PARSE_OPTIONS } from '../util/js-syntax.cjs';

/** undefined when the code does not parse as that kind of source. */
export function parseProgram(code: string, sourceType: 'script' | 'module'): Program | undefined {
  try {
    return acorn().parse(code, { ...PARSE_OPTIONS, sourceType });
  } catch {
    return undefined;
  }
}

