// Formatting any thrown value must give a result and never throw (property test with fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TracebackException, formatException, formatExceptionOnly } from '../../src/traceback/index.js';
import { fuzzRuns, fuzzTimeout } from '../helpers/fuzz-runs.js';

/** Values designed to break naive formatters. */
function hostileValues(): unknown[] {
  const throwingGetters = new Error('getters');
  for (const key of ['stack', 'message', 'name', 'cause', 'errors', 'code']) {
    Object.defineProperty(throwingGetters, key, { get() { throw new Error(`no ${key}`); }, enumerable: true });
  }
  const { proxy: revoked, revoke } = Proxy.revocable(new Error('revoked'), {});
  revoke();
  const trapAll = new Proxy(new TypeError('trap'), {
    get() { throw new Error('get'); }, getPrototypeOf() { throw new Error('proto'); }, ownKeys() { throw new Error('keys'); },
  });
  const cyclicGroup = new AggregateError([], 'self');
  cyclicGroup.errors.push(cyclicGroup, cyclicGroup);
  const cyclicCause: Error & { cause?: unknown } = new Error('loop');
  cyclicCause.cause = cyclicCause;
  const weirdName = Object.assign(new Error('x'), { name: { toString() { throw new Error('name'); } } });
  const symbolMessage = Object.assign(new Error(), { message: Symbol('m') });
  const huge = new Error('x'.repeat(2_000_000));
  const nullProto = Object.create(null);
  const stackless = Object.assign(Object.create(Error.prototype), { stack: 42 });
  return [throwingGetters, revoked, trapAll, cyclicGroup, cyclicCause, weirdName, symbolMessage, huge, nullProto, stackless, Symbol('s'), () => 1];
}

describe('formatting never throws', () => {
  it.each(hostileValues().map((value, index) => [index, value]))('hostile value #%i', (_index, value) => {
    const lines = formatException(value);
    expect(lines.length).toBeGreaterThan(0);
    expect(formatExceptionOnly(value).length).toBeGreaterThan(0);
    expect(formatException(value, { style: 'node' }).length).toBeGreaterThan(0);
  });

  it('cuts huge messages', () => {
    const text = formatException(new Error('y'.repeat(5_000_000))).join('');
    expect(text.length).toBeLessThan(200_000);
    expect(text).toContain('more characters]');
  });

  it('handles any value, thrown or built into errors, causes and groups', () => {
    const thrown = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true }),
        fc.tuple(fc.string(), tie('value')).map(([message, cause]) => new Error(message, { cause })),
        fc.array(tie('value'), { maxLength: 4 }).map((errors) => new AggregateError(errors, 'group')),
        fc.tuple(fc.string(), fc.dictionary(fc.string(), fc.anything())).map(([message, props]) => Object.assign(new TypeError(message), props)),
      ),
    })).value;
    fc.assert(fc.property(thrown, fc.integer({ min: -3, max: 3 }), fc.boolean(), (value, limit, colorize) => {
      const text = new TracebackException(value, { limit, maxGroupWidth: 2, maxGroupDepth: 2 }).format({ colorize }).join('');
      return typeof text === 'string' && text.endsWith('\n');
    }), { numRuns: fuzzRuns(1000, 100_000) });
  }, fuzzTimeout(fuzzRuns(1000, 100_000), 2));
});
