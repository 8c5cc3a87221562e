// What the page shows first, in one answer: the exception chain as the traceback prints it, and
// each frame with the source around its line, the failing part marked as the traceback marks it.
// Values are not in it: the page asks for a frame's scopes when it shows them (value-tree.ts).
import type { Dump } from '../dump/format.js';
import type { Target } from '../target/target.js';
import { isPackageFile } from '../engine/scripts.js';
import { TracebackException } from '../traceback/index.js';
import { planCarets, type CaretPlan } from '../traceback/carets/plan-carets.js';
import { renderSource } from '../traceback/carets/render-source.js';
import { NO_COLORS } from '../traceback/colors.js';
import type { FrameSummary } from '../traceback/frame-summary.js';

/** Lines of source shown before and after a frame's line. */
const CONTEXT_LINES = 6;

export interface ChainSection {
  /** Python's line between an exception and the one it caused. */
  header?: string;
  /** `Traceback (most recent call last):`, its frames with carets, and `Type: message`. */
  traceback: string;
  exception: string;
}

export interface SourceView {
  /** Line number of lines[0]. */
  first: number;
  lines: string[];
  /** The frame's line: what the traceback underlines (UTF-16 offsets) and its caret row. */
  failing?: { start: number; end: number; primary: [number, number][]; carets?: string };
}

export interface FrameView {
  index: number;
  name: string;
  file: string;
  line: number;
  column: number;
  async: boolean;
  /** An installed package's or Node's own: folded on the page. */
  library: boolean;
  source?: SourceView;
}

export interface PageData {
  title: string;
  about: string;
  exception: string;
  chain: ChainSection[];
  frames: FrameView[];
}

const CAUSE_HEADER = 'The above exception was the direct cause of the following exception:';

export async function pageData(target: Target, dump: Dump): Promise<PageData> {
  const record = await target.exceptionRecord();
  const traceback = record ? TracebackException.fromData(record) : undefined;
  const chain: TracebackException[] = [];
  for (let e = traceback; e; e = e.cause) chain.unshift(e);
  const summaries = traceback ? [...traceback.stack].reverse() : [];
  const frames: FrameView[] = [];
  for (const [index, f] of target.frames.entries()) {
    const lines = await target.sourceLines(f.file);
    const summary = summaries.find((s) => s.filename === f.file && s.lineno === f.line && s.colno === f.column - 1);
    frames.push({
      index, name: f.name, file: f.file, line: f.line, column: f.column, async: f.async,
      library: f.file.startsWith('node:') || isPackageFile(f.file),
      source: lines && sourceView(lines, f.line, f.column - 1, summary),
    });
  }
  const thread = dump.thread ? `, worker thread ${dump.thread.id}` : '';
  // `view` at a breakpoint or a step: a stop with no exception.
  const top = target.frames[0];
  const exception = target.exception?.text || (top ? `stopped in ${top.name} at ${top.file}:${top.line}` : 'stopped');
  return {
    title: exception,
    about: `${dump.process.argv.slice(1).join(' ')} (pid ${dump.process.pid}, node ${dump.process.node}${thread}), captured ${dump.createdAt}`,
    exception,
    chain: chain.map((e, i) => ({
      header: i > 0 ? CAUSE_HEADER : undefined,
      traceback: e.format({ colorize: false, chain: false }).join(''),
      exception: e.formatExceptionOnly().join('').trimEnd(),
    })),
    frames,
  };
}

function sourceView(lines: string[], lineno: number, column: number, summary: FrameSummary | undefined): SourceView {
  const first = Math.max(1, lineno - CONTEXT_LINES);
  const view: SourceView = { first, lines: lines.slice(first - 1, lineno + CONTEXT_LINES) };
  const text = lines[lineno - 1];
  if (text === undefined) return view;
  // The traceback's own plan when the exception's record has this frame (it knows a failed
  // property read from a failed call); otherwise the plan for the column alone.
  const plan: CaretPlan | undefined = summary?.caretPlan ?? planCarets(text, column);
  if (!plan) return view;
  view.failing = { start: plan.start, end: plan.end, primary: plan.primary.map(([s, e]) => [s, e]) };
  // The traceback's caret row is under the line without its indentation: put that back.
  const drawn = renderSource(text, plan, NO_COLORS, column).split('\n');
  const indent = text.length - text.trimStart().length;
  if (drawn.length === 3 && `    ${text.trim()}` === drawn[0]) view.failing.carets = text.slice(0, indent) + drawn[1]!.slice(4);
  return view;
}
