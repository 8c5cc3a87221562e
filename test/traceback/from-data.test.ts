// Tracebacks from plain records, as the debugger builds them from CDP frames and dumps.
import { describe, expect, it } from 'vitest';
import { FrameSummary, StackSummary, TracebackException, formatList } from '../../src/traceback/index.js';

describe('TracebackException.fromData', () => {
  it('formats frames, carets, locals, causes and groups without any live error', async () => {
    const exc = TracebackException.fromData({
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'seconds')",
      frames: [
        { filename: '/app/job.ts', lineno: 12, name: 'main', colno: 36, line: '  for (const c of configs) total += load(c);' },
        {
          filename: '/app/job.ts', lineno: 6, name: 'load', colno: 25, line: '  return config.timeout!.seconds * 1000;',
          locals: { config: '{}', retries: '3' },
        },
      ],
      properties: { code: "'E_CONFIG'" },
      cause: { type: 'Error', message: 'config missing', frames: [{ filename: '/app/read.ts', lineno: 3, name: 'read', line: 'throw new Error("config missing");' }] },
    }, { captureLocals: true });
    await expect(exc.format().join('')).toMatchFileSnapshot('golden/from-data.txt');
    expect(exc.stack[1]!.endColno).toBe(32);
  });

  it('draws groups from plain members and honours maxGroupWidth', () => {
    const exc = TracebackException.fromData({
      type: 'AggregateError', message: 'all failed',
      exceptions: [{ type: 'Error', message: 'a' }, { type: 'Error', message: 'b' }, { type: 'Error', message: 'c' }],
    }, { maxGroupWidth: 2 });
    // Python's layout for a group without a traceback.
    expect(exc.format().join('')).toBe([
      '  | AggregateError: all failed (3 sub-exceptions)',
      '  +-+---------------- 1 ----------------',
      '    | Error: a',
      '    +---------------- 2 ----------------',
      '    | Error: b',
      '    +---------------- ... ----------------',
      '    | and 1 more exception',
      '    +------------------------------------',
      '',
    ].join('\n'));
  });

  it('lays out a SyntaxError location as Python does, and as Node does in node style', () => {
    const exc = TracebackException.fromData({
      type: 'SyntaxError', message: "Unexpected identifier 'items'",
      syntaxLocation: { filename: '/app/bad.js', lineno: 3, text: '  let total = count items;', offset: 21, endOffset: 26 },
    });
    expect(exc.formatExceptionOnly()).toEqual([
      '  File "/app/bad.js", line 3\n',
      '    let total = count items;\n',
      '                      ^^^^^\n',
      "SyntaxError: Unexpected identifier 'items'\n",
    ]);
    expect(exc.format({ style: 'node' }).join('')).toBe("/app/bad.js:3\n  let total = count items;\n                    ^^^^^\n\nSyntaxError: Unexpected identifier 'items'\n");
    // Python's rules for offsets past the line and a missing end.
    const past = TracebackException.fromData({ type: 'SyntaxError', message: 'm', syntaxLocation: { filename: 'f', lineno: 1, text: 'x(', offset: 9 } });
    expect(past.formatExceptionOnly()[2]).toBe('      ^\n');
  });

  it('leaves locals out unless captureLocals is set', () => {
    const frames = [{ filename: '/a.ts', lineno: 1, name: 'f', line: 'f()', locals: { x: '1' } }];
    expect(TracebackException.fromData({ type: 'Error', frames }).format().join('')).not.toContain('x = 1');
  });
});

describe('StackSummary and FrameSummary from lists', () => {
  it('accepts Python-style tuples, records and FrameSummary objects alike', () => {
    const summary = StackSummary.fromList([
      ['spam.ts', 3, '<module>', 'spam.eggs()'],
      { filename: 'eggs.ts', lineno: 42, name: 'eggs', line: "return 'bacon';" },
      new FrameSummary('ham.ts', 7, 'ham', { line: 'ham()' }),
    ]);
    expect(summary.format()).toEqual([
      '  File "spam.ts", line 3, in <module>\n    spam.eggs()\n',
      '  File "eggs.ts", line 42, in eggs\n    return \'bacon\';\n',
      '  File "ham.ts", line 7, in ham\n    ham()\n',
    ]);
    expect([...summary[0]!]).toEqual(['spam.ts', 3, '<module>', 'spam.eggs()']);
    expect(String(summary[1])).toBe('<FrameSummary file eggs.ts, line 42 in eggs>');
    expect(formatList(summary)).toEqual(summary.format());
  });

  it('lets a subclass change how frames look', () => {
    class Short extends StackSummary {
      override formatFrameSummary(frame: FrameSummary): string {
        return `${frame.name}@${frame.lineno}\n`;
      }
    }
    const summary = Short.fromList([['a.ts', 1, 'f', 'x']]);
    expect(summary).toBeInstanceOf(Short);
    expect(summary.format()).toEqual(['f@1\n']);
  });

  it('collapses three or more identical frames', () => {
    const frames = Array.from({ length: 6 }, () => ['r.ts', 2, 'rec', 'return rec(n - 1);'] as const);
    expect(StackSummary.fromList(frames).format()).toHaveLength(4);
    expect(StackSummary.fromList(frames).format()[3]).toBe('  [Previous line repeated 3 more times]\n');
  });
});
