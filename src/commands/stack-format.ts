// pdb's output shapes for frames and source lines.
import type { Frame, Target } from '../target/target.js';
import { highlightedLines } from './highlight.js';

/** `/abs/path/job.ts(6)load()`, plus ` [async]` for an awaiting caller. */
export function stackEntry(frame: Frame): string {
  return `${frame.file}(${frame.line})${frame.name}()${frame.async ? ' [async]' : ''}`;
}

export async function sourceLine(target: Target, frame: Frame, colors = false): Promise<string | undefined> {
  const lines = await target.sourceLines(frame.file);
  if (!lines) return undefined;
  return (colors ? await highlightedLines(frame.file, lines) : lines)[frame.line - 1];
}

/**
 * The two lines pdb prints for a frame: `> entry` and `-> source`. A frame at its return
 * position shows the value it returns after the entry, as pdb's `->value`. `colors`: the source
 * syntax-colored.
 */
export async function printEntry(target: Target, frame: Frame, current: boolean, write: (s: string) => void, colors = false) {
  const value = target.returnValue?.(target.frames.indexOf(frame));
  const returning = value ? `->${await target.format(value, { pretty: false, colors: false })}` : '';
  write(`${current ? '> ' : '  '}${stackEntry(frame)}${returning}\n`);
  const line = await sourceLine(target, frame, colors);
  if (line !== undefined) write(`-> ${line.trim()}\n`);
}

/**
 * One `list` line: number right-aligned in 3, a space, `B` or space for a breakpoint, `->` for
 * the current line, a tab, the source. (pdb's `>>` marks where an exception passed through a
 * frame when the frame has moved on since; a JS frame never moves on after its exception.)
 */
export function listLine(lineno: number, text: string, marks: { breakpoint?: boolean; current?: boolean }) {
  let s = String(lineno).padStart(3);
  if (s.length < 4) s += ' ';
  s += marks.breakpoint ? 'B' : ' ';
  if (marks.current) s += '->';
  return `${s}\t${text.trimEnd()}`;
}
