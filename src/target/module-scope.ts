// The names an evaluation needs that V8 would not find as the code spells them in its frame. V8
// drops module-level variables that no closure captures from inner frames' scopes, where a pdb
// user expects a module's globals; `extract`ed values are the session's, seen from every frame;
// and a compiler may have renamed a variable (tsx's esbuild: `items` -> `items2`, see
// engine/renamed-names.ts), which the user knows by its source name. Before evaluating, both
// targets ask here which of the names the code looks up (acorn finds them) are one of those, and
// bind them for that one evaluation only, outside the frame's own scopes: the code runs once,
// and sees its frame's variables first, innermost scope first, as the source's scoping says.
import { freeNames } from '../engine/free-names.js';
import { isBindable } from '../util/bindable-name.js';
import type { Binding } from './bindings.js';
import { EvaluationError, type Frame, type Target } from './target.js';

export interface OuterNames {
  /** Extracted names the program does not define there. */
  extracted: string[];
  /**
   * The program's variables the code names and V8 would not find so: the module's (in its
   * `<module>` frame) and those the compiler renamed (under V8's name `generated`).
   */
  bound: { name: string; frame: number; generated: string }[];
}

/** The `<module>` frame of the same file, older than `frame`; -1 when there is none. */
export function moduleFrameOf(frames: Frame[], frame: number): number {
  const file = frames[frame]?.file;
  return frames.findIndex((f, i) => i > frame && f.file === file && f.name === '<module>');
}

/** What a target knows of its frames' variables; it keeps them for its stop. */
export interface FrameVariables {
  /** All of a frame's variables, innermost scope first. */
  bindings(frame: number): Promise<Binding[]>;
  /** Those the compiler renamed: none, cheaply, where nothing was. */
  renamed(frame: number): Promise<Binding[]>;
}

/**
 * What `code` run in `frame` needs from outside its scopes, or under another name. The frame's
 * variables win over the others; the module's win over extracted copies, and over the
 * program's globals as they do in the module's own code. `$name`s are pmdb's convenience
 * variables.
 */
export async function outerNamesFor(target: Pick<Target, 'frames' | 'extracted'>, variables: FrameVariables, frame: number, code: string): Promise<OuterNames> {
  const top = moduleFrameOf(target.frames, frame);
  const none: OuterNames = { extracted: [], bound: [] };
  const renamed = [...(await variables.renamed(frame)), ...(top < 0 ? [] : await variables.renamed(top))];
  if (top < 0 && target.extracted.names.length === 0 && renamed.length === 0) return none;
  const inModule = top < 0 ? [] : await variables.bindings(top);
  const fromModule = inModule.filter((b) => isBindable(b.name) && !b.name.startsWith('$'));
  const spelled = renamed.flatMap((b) => [b.name, b.generated, ...(b.unsure ?? [])]);
  // No parse (acorn's first load costs as much as reading a dump) when no name that could be
  // bound is even written in the code.
  if (!mayName(code, [...target.extracted.names, ...fromModule.map((b) => b.name), ...spelled])) return none;
  const own = await variables.bindings(frame);
  const out: OuterNames = { extracted: [], bound: [] };
  for (const name of freeNames(code)) {
    const here = lookUp(own, name);
    if (here) {
      if (here.generated !== name) out.bound.push({ name, frame, generated: here.generated });
      continue;
    }
    const there = lookUp(fromModule, name);
    if (there) out.bound.push({ name, frame: top, generated: there.generated });
    else if (target.extracted.names.includes(name) && !inModule.some((b) => b.name === name)) out.extracted.push(name);
  }
  return out;
}

/**
 * The variable the source calls `name` among `bindings` (innermost first). A name the compiler
 * gave a renamed variable is no name of the source's; a variable the source map does not say
 * the name of may be the one: both are said, rather than another variable's value shown.
 */
function lookUp(bindings: Binding[], name: string): Binding | undefined {
  for (const b of bindings) {
    if (b.name === name) return b;
    if (b.unsure?.includes(name)) {
      throw new EvaluationError(`pmdb cannot tell which variable ${name} is here: the compiler renamed ${b.generated}, and its source map names it ${b.unsure.join(' and ')}`);
    }
  }
  if (bindings.some((b) => b.generated === name)) throw new EvaluationError(`ReferenceError: ${name} is not defined`);
  return undefined;
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
