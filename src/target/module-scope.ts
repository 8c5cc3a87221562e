// V8 drops module-level variables that no closure captures from inner frames' scopes, where a
// pdb user expects a module's globals. Both targets then look a name up in the same file's
// top-level frame, if it is on the stack; only for a name or member path, which runs nothing
// twice.
import type { Frame } from './target.js';

export function isNamePath(expression: string): boolean {
  return /^\s*[A-Za-z_$][\w$]*(\s*\.\s*[A-Za-z_$][\w$]*|\[\d+\])*\s*$/.test(expression);
}

/** The `<module>` frame of the same file, older than `frame`; -1 when there is none. */
export function moduleFrameOf(frames: Frame[], frame: number): number {
  const file = frames[frame]?.file;
  return frames.findIndex((f, i) => i > frame && f.file === file && f.name === '<module>');
}
