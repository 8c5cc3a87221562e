// The names an evaluation needs that its frame does not have. V8 drops module-level variables
// that no closure captures from inner frames' scopes, where a pdb user expects a module's
// globals; `extract`ed values are the session's, seen from every frame. Before evaluating, both
// targets ask here which of the names the code looks up (acorn finds them) come from the same
// file's `<module>` frame or from extract, and bind those for that one evaluation only, outside
// the frame's own scopes: the code runs once, and sees its frame's variables first.
import { freeNames } from '../engine/free-names.js';
import { isBindable } from '../util/bindable-name.js';
import type { Frame, Target } from './target.js';

export interface OuterNames {
  /** Extracted names the program does not define there. */
  extracted: string[];
  /** The `<module>` frame of the frame's file, and the names of its variables that the code uses. */
  module: { frame: number; names: string[] };
}

/** The `<module>` frame of the same file, older than `frame`; -1 when there is none. */
export function moduleFrameOf(frames: Frame[], frame: number): number {
  const file = frames[frame]?.file;
  return frames.findIndex((f, i) => i > frame && f.file === file && f.name === '<module>');
}

/** The names of a frame's variables (all its scopes); a target keeps them for its stop. */
export type NamesOf = (frame: number) => Promise<ReadonlySet<string>>;

/**
 * What `code` run in `frame` needs from outside its scopes. The frame's variables win over both
 * kinds; the module's win over extracted copies, and over the program's globals as they do in the
 * module's own code. `$name`s are pmdb's convenience variables.
 */
export async function outerNamesFor(target: Pick<Target, 'frames' | 'extracted'>, namesOf: NamesOf, frame: number, code: string): Promise<OuterNames> {
  const top = moduleFrameOf(target.frames, frame);
  const none: OuterNames = { extracted: [], module: { frame: top, names: [] } };
  if (top < 0 && target.extracted.names.length === 0) return none;
  const inModule = top < 0 ? new Set<string>() : await namesOf(top);
  const bindable = [...inModule].filter((name) => isBindable(name) && !name.startsWith('$'));
  // No parse (acorn's first load costs as much as reading a dump) when no name that could be
  // bound is even written in the code.
  if (!mayName(code, [...target.extracted.names, ...bindable])) return none;
  const names = freeNames(code);
  const extracted = target.extracted.names.filter((name) => names.has(name));
  const fromModule = bindable.filter((name) => names.has(name));
  if (extracted.length === 0 && fromModule.length === 0) return none;
  const own = await namesOf(frame);
  return {
    extracted: extracted.filter((name) => !own.has(name) && !inModule.has(name)),
    module: { frame: top, names: fromModule.filter((name) => !own.has(name)) },
  };
}

/**
 * Whether one of `names` (plain identifiers) is a word of `code`: each identifier the code
 * looks up is one of its words. A `\` may start an escape inside an identifier: then say yes.
 */
export function mayName(code: string, names: string[]): boolean {
  if (names.length === 0) return false;
  if (code.includes('\\')) return true;
  const words = new Set(code.match(/[\p{ID_Continue}$\u200c\u200d]+/gu));
  return names.some((name) => words.has(name));
}
