// summarizeSeries against the plain definition of what it computes: every value in turn, its
// column from its x, first/last/min/max of each column's finite values, the counts, the sum in
// index order. Random series of every kind of number, random column counts and x ranges; the
// fast path (columns walked in chunks, first and last found apart) must agree exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeSeries, type NumericSeries, type SeriesRequest } from '../../src/plot/series-summary.js';

function reference(ys: number[], xs: number[] | null, request: SeriesRequest) {
  const finite = ys.filter((y) => Number.isFinite(y));
  const columns = request.columns;
  const own: [number, number] | null = xs
    ? xs.some(Number.isFinite) ? [Math.min(...xs.filter(Number.isFinite)), Math.max(...xs.filter(Number.isFinite))] : null
    : [0, ys.length - 1];
  const range = request.xRange ?? own;
  const cols = { first: Array(columns).fill(null), last: Array(columns).fill(null), min: Array(columns).fill(null), max: Array(columns).fill(null) };
  if (range && columns > 0) {
    const [start, end] = range;
    ys.forEach((y, i) => {
      const x = xs ? xs[i]! : i;
      if (!Number.isFinite(y) || !Number.isFinite(x) || x < start || x > end) return;
      // In summarizeSeries' order of operations: an index by a scale, a point's x by a division.
      const at = xs ? ((x - start) / (end - start)) * columns : (x - start) * (columns / (end - start));
      const c = end > start ? Math.min(columns - 1, Math.floor(at)) : 0;
      if (cols.first[c] === null) cols.first[c] = y;
      cols.last[c] = y;
      cols.min[c] = cols.min[c] === null ? y : Math.min(cols.min[c], y);
      cols.max[c] = cols.max[c] === null ? y : Math.max(cols.max[c], y);
    });
  }
  let sum = 0;
  for (const y of finite) sum += y;
  return {
    finite: finite.length,
    nan: ys.filter((y) => Number.isNaN(y)).length,
    posInf: ys.filter((y) => y === Infinity).length,
    negInf: ys.filter((y) => y === -Infinity).length,
    min: finite.length ? Math.min(...finite) : null,
    max: finite.length ? Math.max(...finite) : null,
    mean: finite.length ? sum / finite.length : null,
    xRange: range,
    columns: cols,
  };
}

/** Finite numbers in hundredths, and the numbers that are not finite. */
const number = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) },
);
/** Any doubles at all: denormals, huge ones, spans that overflow. */
const extreme = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(5e-324, -5e-324, 1.7e308, -1.7e308, NaN));

describe('summarizeSeries', () => {
  it('numbers by index: counts, statistics and every column as the plain definition says', () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 9000 }), fc.integer({ min: 0, max: 300 }), fc.boolean(), (ys, columns, wider) => {
        const request: SeriesRequest = { columns, bins: 0, xRange: wider ? [0, ys.length * 2] : undefined };
        const got = summarizeSeries.call(Float64Array.from(ys), request) as NumericSeries;
        const want = reference(ys, null, request);
        expect({ ...got, columns: got.columns }).toMatchObject(want);
        expect(summarizeSeries.call(ys, request)).toEqual(got);
      }),
      { numRuns: 60 },
    );
  });

  it('{x, y} points: columns by x, points whose x is not finite counted apart', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: number, y: number }), { minLength: 1, maxLength: 2000 }), fc.integer({ min: 1, max: 200 }), (points, columns) => {
        const got = summarizeSeries.call(points, { columns, bins: 0 }) as NumericSeries;
        const want = reference(points.map((p) => p.y), points.map((p) => p.x), { columns, bins: 0 });
        expect(got).toMatchObject(want);
        expect(got.xNotFinite).toBe(points.filter((p) => !Number.isFinite(p.x)).length);
      }),
      { numRuns: 60 },
    );
  });

  it('histogram: every finite value in one bin, the max in the last', () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 5000 }), fc.integer({ min: 1, max: 100 }), (ys, bins) => {
        const got = summarizeSeries.call(new Float64Array(ys), { columns: 0, bins }) as NumericSeries;
        const finite = ys.filter((y) => Number.isFinite(y));
        if (finite.length === 0) {
          expect(got.bins).toBeUndefined();
          return;
        }
        expect(got.bins!.reduce((a, b) => a + b, 0)).toBe(finite.length);
        expect(got.bins!.length).toBeLessThanOrEqual(Math.max(1, Math.min(bins, Math.ceil(Math.sqrt(finite.length)))));
        if (got.max! > got.min!) expect(got.bins![got.bins!.length - 1]).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('extreme numbers: every finite value lands in a bin and every finite point in a column', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: extreme, y: extreme }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (points, n) => {
        const ys = points.map((p) => p.y);
        const finite = ys.filter((y) => Number.isFinite(y)).length;
        const hist = summarizeSeries.call(new Float64Array(ys), { columns: 0, bins: n }) as NumericSeries;
        expect(hist.bins?.reduce((a, b) => a + b, 0) ?? 0).toBe(finite);
        const drawn = summarizeSeries.call(points, { columns: n, bins: 0 }) as NumericSeries;
        const placed = drawn.columns.first.filter((f) => f !== null).length;
        const drawable = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).length;
        expect(placed > 0).toBe(drawable > 0);
      }),
      { numRuns: 200 },
    );
  });

  it('what is not numbers, in words that complete the expression', () => {
    const what = (v: unknown) => (summarizeSeries.call(v, { columns: 10, bins: 0 }) as { what?: string }).what;
    expect(what({ a: 1 })).toBe(' is an object, not numbers');
    expect(what('abc')).toBe(' is a string, not numbers');
    expect(what(null)).toBe(' is null, not numbers');
    expect(what(3)).toBe(' is one number, not a series of numbers');
    expect(what([1, 'x'])).toBe('[1] is a string, not a number');
    expect(what(new Map([['a', 1], ['b', {}]]))).toBe("'s value 1 is an object, not a number");
    expect(what([{ x: 1, y: 1 }, 5])).toBe('[1] is a number, not a point');
    expect(what(new Set())).toBe(' is a Set with nothing in it');
    // A getter is never run: x and y must be data.
    expect(what([{ get x() { throw new Error('ran'); }, y: 1 }])).toBe('[0] is an object without number x and y, not a point');
  });
});
