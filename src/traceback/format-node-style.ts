/**
 * The `style: 'node'` layout: V8's `    at fn (file:line:col)` lines, newest first, but with
 * source-mapped positions and hidden internals; causes and group members nest under
 * `[cause]:` and `[errors]:` as util.inspect shows them.
 */
import type { FrameSummary } from './frame-summary.js';
import type { TracebackException, TracebackFormatOptions } from './traceback-exception.js';
import type { SyntaxLocation } from './values/syntax-location.js';

export function formatNodeStyle(exception: TracebackException, options: TracebackFormatOptions): string[] {
  const output: string[] = [];
  render(exception, '', options, output);
  return output;
}

function render(exc: TracebackException, indent: string, options: TracebackFormatOptions, output: string[]): void {
  // The message and property lines come last, after any Python-style SyntaxError location.
  const [head = '\n', ...properties] = exc.formatExceptionOnly(options).slice(-(1 + exc.properties.length));
  if (exc.syntaxLocation) output.push(nodeArrow(exc.syntaxLocation, indent));
  output.push(head);
  for (const frame of [...exc.stack].reverse()) output.push(`${indent}    at ${location(frame)}\n`);
  for (const property of properties) output.push(indent + property);
  exc.exceptions?.forEach((member, index) => {
    output.push(`${indent}  [errors][${index}]: `);
    render(member, `${indent}  `, options, output);
  });
  if (exc.cause && options.chain !== false) {
    output.push(`${indent}  [cause]: `);
    render(exc.cause, `${indent}  `, options, output);
  }
}

/**
 * Node's own report of where code failed to compile, `file:line`, the line, carets and a blank
 * line, ending where the `SyntaxError: message` line starts.
 */
function nodeArrow({ filename, lineno, text, offset, endOffset }: SyntaxLocation, indent: string): string {
  if (text === undefined || offset === undefined) return `${filename}:${lineno}\n${indent}`;
  const carets = '^'.repeat(Math.max((endOffset ?? offset + 1) - offset, 1));
  return `${filename}:${lineno}\n${indent}${text}\n${indent}${' '.repeat(offset - 1)}${carets}\n\n${indent}`;
}

function location(frame: FrameSummary): string {
  const position = `${frame.filename}:${frame.lineno}:${(frame.colno ?? 0) + 1}`;
  return frame.name === '<module>' || frame.name === '<anonymous>' ? position : `${frame.name} (${position})`;
}
