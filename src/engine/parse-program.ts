// Parsing JavaScript as Node runs it (hashbang, top-level return and await), with locations for
// mapping nodes back to lines.
import { parse, type Program } from 'acorn';

/** undefined when the code does not parse as that kind of source. */
export function parseProgram(code: string, sourceType: 'script' | 'module'): Program | undefined {
  try {
    return parse(code, {
      ecmaVersion: 'latest',
      sourceType,
      allowHashBang: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      locations: true,
    });
  } catch {
    return undefined;
  }
}
