// Frames rebuilt from a stack's text, as V8 writes it.
import { describe, expect, it } from 'vitest';
import { entriesFromStackString } from '../../src/traceback/frames/parse-stack.js';

describe('frames from stack text', () => {
  it('reads a nameless awaiting caller, `at async URL:line:col`, as an async frame of that file', () => {
    const [thrower, awaiting] = entriesFromStackString(
      'Error: total 13 over the limit\n    at main (file:///app/batch.mjs:5:25)\n    at async file:///app/batch.mjs:9:1',
      false,
    );
    expect(thrower).toMatchObject({ name: 'main', filename: '/app/batch.mjs', lineno: 5, isAsync: false });
    expect(awaiting).toMatchObject({ name: '<anonymous>', filename: '/app/batch.mjs', lineno: 9, colno: 0, isAsync: true });
  });
});
