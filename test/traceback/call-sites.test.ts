// Reading structured call sites must not change what `error.stack` says, nor the hooks in place.
import { describe, expect, it } from 'vitest';
import { canColorize, extractTb, formatException } from '../../src/traceback/index.js';
import { FIXTURES, runTsFixture } from './helpers/run-node.js';

describe('structured call sites', () => {
  it('leaves error.stack exactly as it would have been', () => {
    const [probed, untouched] = [0, 1].map(() => new Error('same place'));
    const hookBefore = Error.prepareStackTrace;
    formatException(probed);
    expect(Error.prepareStackTrace).toBe(hookBefore);
    expect(probed!.stack).toBe(untouched!.stack);
  });

  describe('under Node\'s own hook, which formats the text only when it is read', () => {
    const result = JSON.parse(runTsFixture('stack-unchanged.ts')) as Record<string, unknown>;

    it('leaves a source-mapped error.stack as Node would have mapped it', () => {
      expect(result.probed).toContain(`${FIXTURES}stack-unchanged.ts:8:`);
      expect(result.probed).toBe(result.untouched);
    });

    it('formats the text on first read, with the hook in place then, as V8 would', () => {
      expect(result.deferredUntilRead).toBe(true);
      expect(result.readUnderLaterHook).toBe('custom, true sites');
      expect(result.descriptorAfterRead).toEqual({ value: 'custom, true sites', writable: true, enumerable: false, configurable: true });
    });

    it('keeps a stack assigned before it was read, and the text of frozen errors', () => {
      expect(result.assigned).toBe('mine');
      expect(result.frozen).toBe(result.twin);
    });
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
