// Reading structured call sites must not change what `error.stack` says, nor the hooks in place.
import { describe, expect, it } from 'vitest';
import { canColorize, extractTb, formatException } from '../../src/traceback/index.js';

describe('structured call sites', () => {
  it('leaves error.stack exactly as it would have been', () => {
    const [probed, untouched] = [0, 1].map(() => new Error('same place'));
    const hookBefore = Error.prepareStackTrace;
    formatException(probed);
    expect(Error.prepareStackTrace).toBe(hookBefore);
    expect(probed!.stack).toBe(untouched!.stack);
  });

  it('gives the same frames before and after the stack was formatted', () => {
    const error = new Error('twice');
    const fromCallSites = extractTb(error).map(String);
    void error.stack;
    const fromText = extractTb(error).map(String);
    expect(fromText).toEqual(fromCallSites);
  });
});

describe('canColorize', () => {
  const tty = { isTTY: true };
  it('follows the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    expect(canColorize(tty, {})).toBe(true);
    expect(canColorize({ isTTY: false }, {})).toBe(false);
    expect(canColorize(tty, { NO_COLOR: '1' })).toBe(false);
    expect(canColorize({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(canColorize({}, { FORCE_COLOR: '0' })).toBe(false);
    expect(canColorize(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(canColorize(tty, { TERM: 'dumb' })).toBe(false);
  });
});
