/**
 * Python's layout of an exception with its causes and group members: causes first with
 * "The above exception was the direct cause..." between, groups drawn in `+-+---- 1 ----` boxes
 * with a `| ` margin, limited in width and depth.
 */
import type { TracebackException, TracebackFormatOptions } from './traceback-exception.js';

const CAUSE_MESSAGE = '\nThe above exception was the direct cause of the following exception:\n\n';

/** Indentation and box state shared while formatting nested groups (Python's _ExceptionPrintContext). */
class GroupContext {
  depth = 0;
  needClose = false;

  indent(): string {
    return ' '.repeat(2 * this.depth);
  }

  /** Prefixes every line of `text` with the indent and, inside a group, the margin. */
  emit(text: string | string[], margin = '|'): string[] {
    const prefix = this.indent() + (this.depth > 0 ? `${margin} ` : '');
    const chunks = typeof text === 'string' ? [text] : text;
    if (prefix === '') return chunks;
    return chunks.map((chunk) => chunk.split(/(?<=\n)/).map((line) => prefix + line).join(''));
  }
}

export function formatChain(exception: TracebackException, options: TracebackFormatOptions): string[] {
  const output: string[] = [];
  formatInto(exception, options, new GroupContext(), output);
  return output;
}

function formatInto(top: TracebackException, options: TracebackFormatOptions, context: GroupContext, output: string[]): void {
  const chain: TracebackException[] = [];
  for (let exc: TracebackException | undefined = top; exc; exc = options.chain === false ? undefined : exc.cause) chain.push(exc);

  chain.reverse().forEach((exc, index) => {
    if (index > 0) output.push(...context.emit(CAUSE_MESSAGE));
    if (!exc.exceptions) {
      if (exc.stack.length > 0) {
        output.push(...context.emit('Traceback (most recent call last):\n'));
        output.push(...context.emit(exc.stack.format(options)));
      }
      output.push(...context.emit(exc.formatExceptionOnly(options)));
    } else if (context.depth > top.maxGroupDepth) {
      output.push(...context.emit(`... (max_group_depth is ${top.maxGroupDepth})\n`));
    } else {
      formatGroup(exc, top, options, context, output);
    }
  });
}

function formatGroup(exc: TracebackException, top: TracebackException, options: TracebackFormatOptions, context: GroupContext, output: string[]): void {
  const isTopLevel = context.depth === 0;
  if (isTopLevel) context.depth++;
  if (exc.stack.length > 0) {
    output.push(...context.emit('Exception Group Traceback (most recent call last):\n', isTopLevel ? '+' : '|'));
    output.push(...context.emit(exc.stack.format(options)));
  }
  output.push(...context.emit(exc.formatExceptionOnly(options)));

  const members = exc.exceptions ?? [];
  const width = top.maxGroupWidth;
  const truncated = exc.groupSize > width;
  const boxes = truncated ? width + 1 : members.length;
  context.needClose = false;
  for (let i = 0; i < boxes; i++) {
    const isLast = i === boxes - 1;
    if (isLast) context.needClose = true;
    const member = i < width ? members[i] : undefined;
    const title = member ? `${i + 1}` : '...';
    output.push(`${context.indent()}${i === 0 ? '+-' : '  '}+---------------- ${title} ----------------\n`);
    context.depth++;
    if (member) {
      formatInto(member, options, context, output);
    } else {
      const remaining = exc.groupSize - width;
      output.push(...context.emit(`and ${remaining} more exception${remaining > 1 ? 's' : ''}\n`));
    }
    if (isLast && context.needClose) {
      output.push(`${context.indent()}+------------------------------------\n`);
      context.needClose = false;
    }
    context.depth--;
  }
  if (isTopLevel) context.depth = 0;
}
