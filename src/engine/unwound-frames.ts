// Frames for an error whose stack had already unwound when pmdb could stop (V8 does not pause on
// a stack overflow; some rejections surface only in Node internals): rebuilt from the error's
// own stack text, source-mapped like live frames, without scopes.
import { entriesFromStackString } from '../traceback/frames/parse-stack.js';
import type { ScriptTable } from './scripts.js';
import type { LiveFrame } from './frames.js';

export async function framesFromStack(scripts: ScriptTable, stack: string): Promise<LiveFrame[]> {
  const frames: LiveFrame[] = [];
  const mapped = await scripts.stacksAreMapped();
  for (const entry of entriesFromStackString(stack, mapped)) {
    if (entry.isInternal) continue;
    const scriptId = await scripts.findByFile(entry.filename);
    if (scriptId && scripts.isInternal(scriptId)) continue;
    const generated = { scriptId: scriptId ?? '', lineNumber: entry.lineno - 1, columnNumber: Math.max(0, entry.colno) };
    if (scriptId && !mapped && scripts.isLoaderGlue(generated)) continue;
    const pos =
      scriptId && !mapped
        ? scripts.position(scriptId, entry.lineno - 1, Math.max(0, entry.colno))
        : { file: entry.filename, line: entry.lineno, column: entry.colno + 1 };
    frames.push({ name: entry.name || '<anonymous>', file: pos.file, line: pos.line, column: pos.column, async: entry.isAsync, scriptId });
  }
  return frames;
}

/**
 * V8 writes at most `Error.stackTraceLimit` frames into a stack text, and nobody keeps the older
 * ones: true when this text holds that many and its oldest is the program's (Node's own loader
 * frames under a module's code are not worth a word).
 */
export function olderFramesCut(stack: string, limit: number | undefined): boolean {
  if (limit === undefined) return false;
  const entries = entriesFromStackString(stack, false);
  const oldest = entries[entries.length - 1];
  return entries.length >= limit && oldest !== undefined && !oldest.isInternal;
}
