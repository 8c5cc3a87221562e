// What `plot` needs of one value, computed where the value is: inside a live program (sent as the
// text of a Runtime.callFunctionOn, so a million numbers never cross the wire: only one entry per
// dot column comes back) and, for a dump or an extracted copy in pmdb, called on the rebuilt
// value. So `summarizeSeries` names nothing outside itself and works on values of any realm.
//
// The columns are M4 aggregation (first, last, min and max of the values falling in each column):
// drawing each column's span and a segment from one column's last value to the next one's first
// draws exactly the pixels a line through every point would.

export interface SeriesRequest {
  /** Dot columns of the drawing (0: none, for a histogram alone). */
  columns: number;
  /** Histogram bins at most (0: no histogram). */
  bins: number;
  /** The x range the columns span; by default the series' own (its indexes, or its points' x). */
  xRange?: [number, number];
}

/** One column's finite values: null where no value falls in it. */
export interface Columns {
  first: (number | null)[];
  last: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
}

export interface NumericSeries {
  numeric: true;
  /** Numbers plotted against their indexes, or {x, y} points against x. */
  kind: 'values' | 'points';
  length: number;
  /** A copy bounded as dumps are (docs/dump-format.md): what was left out, in its words. */
  notKept?: string;
  finite: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Over the finite values (y of points); null when there is none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Points whose x is not a finite number: not drawn. */
  xNotFinite: number;
  xRange: [number, number] | null;
  columns: Columns;
  /** Counts of the finite values in equal bins over [min, max]. */
  bins?: number[];
}

export interface NotNumeric {
  numeric: false;
  /** What the value is, completing "EXPR": ` is an object, not numbers`, `[3] is a string, not a number`. */
  what: string;
}

export type SeriesSummary = NumericSeries | NotNumeric;

/** `this` is the value. Never throws; runs no getter and no Proxy trap of the program's. */
export function summarizeSeries(this: unknown, request: SeriesRequest): SeriesSummary {
  'use strict';
  const tagOf = (v: unknown): string => Object.prototype.toString.call(v).slice(8, -1);
  const article = (word: string) => (/^[aeiouAEIOU]/.test(word) ? 'an ' : 'a ') + word;
  const describe = (v: unknown): string => {
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (typeof v === 'function') return 'a function';
    if (typeof v !== 'object') return article(typeof v);
    const tag = tagOf(v);
    return tag === 'Object' ? 'an object' : article(tag);
  };
  const own = (o: object, key: string): unknown => {
    const d = Object.getOwnPropertyDescriptor(o, key);
    return d && 'value' in d ? d.value : undefined;
  };
  const value = this;
  if (typeof value === 'number' || typeof value === 'bigint') return { numeric: false, what: ' is one number, not a series of numbers' };
  if (value === null || typeof value !== 'object') return { numeric: false, what: ` is ${describe(value)}, not numbers` };
  const tag = tagOf(value);
  let items: ArrayLike<unknown>;
  if (ArrayBuffer.isView(value) && tag !== 'DataView') items = value as unknown as ArrayLike<unknown>;
  else if (Array.isArray(value)) items = value;
  else if (tag === 'Map') items = Array.from(Map.prototype.values.call(value));
  else if (tag === 'Set') items = Array.from(Set.prototype.values.call(value));
  else return { numeric: false, what: ` is ${describe(value)}, not numbers` };
  const length = items.length;
  if (length === 0) return { numeric: false, what: ` is ${describe(value)} with nothing in it` };
  const notKeptMark = own(value, '<truncated>');
  const notKept = typeof notKeptMark === 'string' ? notKeptMark : undefined;
  const where = (i: number) => (tag === 'Map' || tag === 'Set' ? `'s value ${i}` : `[${i}]`);

  // Every pass over the values goes in calls of CHUNK values. Measured at a pause: one loop over
  // 10^6 values ran ~100 ms, the same loop in calls of 2048 ~3 ms (V8 seems not to switch a
  // running loop to optimized code there, only the next call).
  const CHUNK = 2048;
  const inChunks = (from: number, to: number, pass: (from: number, to: number) => boolean | void): boolean => {
    for (let i = from; i < to; i += CHUNK) if (pass(i, Math.min(to, i + CHUNK)) === false) return false;
    return true;
  };

  /**
   * Where v stands in [start, end], as `(v * k - base) / span` in [0, 1]: halved where end - start
   * overflows, divided rather than multiplied by a scale (a denormal span's scale is Infinity).
   */
  const placing = (start: number, end: number) =>
    end - start < Infinity ? { k: 1, base: start, span: end - start } : { k: 0.5, base: start / 2, span: end / 2 - start / 2 };

  // Numbers, or {x, y} points with number x and y (own data properties: no getter runs).
  const firstItem = items[0];
  const points = typeof firstItem === 'object' && firstItem !== null;
  const xs = points ? new Float64Array(length) : null;
  const typed = typeof (items as Float64Array).BYTES_PER_ELEMENT === 'number' && tag !== 'BigInt64Array' && tag !== 'BigUint64Array';
  const ys = typed ? (items as Float64Array) : new Float64Array(length);
  let bad = -1;
  const convert = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      const item = items[i];
      if (points) {
        if (typeof item !== 'object' || item === null) return ((bad = i), false);
        const x = own(item, 'x');
        const y = own(item, 'y');
        if (typeof x !== 'number' || typeof y !== 'number') return ((bad = i), false);
        xs![i] = x;
        ys[i] = y;
      } else if (typeof item === 'number') ys[i] = item;
      else if (typeof item === 'bigint') ys[i] = Number(item);
      else return ((bad = i), false);
    }
    return true;
  };
  if (!typed && !inChunks(0, length, convert)) {
    const item = items[bad];
    const point = points && typeof item === 'object' && item !== null;
    return { numeric: false, what: `${where(bad)} is ${describe(item)}${point ? ' without number x and y' : ''}, not ${points ? 'a point' : 'a number'}` };
  }

  const columns = Math.max(0, Math.floor(request.columns));
  const first: (number | null)[] = new Array(columns).fill(null);
  const last: (number | null)[] = new Array(columns).fill(null);
  const lo: (number | null)[] = new Array(columns).fill(null);
  const hi: (number | null)[] = new Array(columns).fill(null);
  let finite = 0, nan = 0, posInf = 0, negInf = 0, xNotFinite = 0;
  let min = Infinity, max = -Infinity, sum = 0;

  /**
   * Values [from, to) counted, and put in column `c` (-1: none); locals only in the loop. The sum
   * goes on from the running one, so that it adds in index order whatever the columns (the mean
   * of a sine's values, ~1e-17, would otherwise change with the terminal's width).
   */
  const scan = (from: number, to: number, c: number) => {
    // As few operations per value as can be: the first plot in a program runs this code unoptimized.
    // First as if every value were finite; a sum that ends not finite says otherwise (or that it
    // overflowed), and the careful loop below counts again.
    let total = sum, low = ys[from]!, high = low, i = from;
    for (; i + 3 < to; i += 4) {
      const a = ys[i]!, b = ys[i + 1]!, d = ys[i + 2]!, e = ys[i + 3]!;
      total += a;
      total += b;
      total += d;
      total += e;
      if (a < low) low = a;
      else if (a > high) high = a;
      if (b < low) low = b;
      else if (b > high) high = b;
      if (d < low) low = d;
      else if (d > high) high = d;
      if (e < low) low = e;
      else if (e > high) high = e;
    }
    for (; i < to; i++) {
      const y = ys[i]!;
      total += y;
      if (y < low) low = y;
      else if (y > high) high = y;
    }
    let firstAt = from, notANumber = 0, above = 0, below = 0;
    if (total - total !== 0) {
      while (firstAt < to && ys[firstAt]! - ys[firstAt]! !== 0) firstAt++;
      total = sum;
      low = firstAt < to ? ys[firstAt]! : 0;
      high = low;
      for (let i = from; i < to; i++) {
        const y = ys[i]!;
        if (y - y === 0) {
          total += y;
          if (y < low) low = y;
          else if (y > high) high = y;
        } else if (y !== y) notANumber++;
        else if (y > 0) above++;
        else below++;
      }
    }
    const count = to - from - notANumber - above - below;
    finite += count;
    sum = total;
    nan += notANumber;
    posInf += above;
    negInf += below;
    if (count === 0) return;
    if (low < min) min = low;
    if (high > max) max = high;
    if (c < 0) return;
    let lastAt = to - 1;
    while (ys[lastAt]! - ys[lastAt]! !== 0) lastAt--;
    if (first[c] === null) {
      first[c] = ys[firstAt]!;
      lo[c] = low;
      hi[c] = high;
    } else {
      if (low < lo[c]!) lo[c] = low;
      if (high > hi[c]!) hi[c] = high;
    }
    last[c] = ys[lastAt]!;
  };
  const scanInto = (c: number) => (from: number, to: number) => scan(from, to, c);

  let xRange: [number, number] | null;
  if (!xs) {
    // Values: x is the index, so one pass does it all, column after column.
    xRange = request.xRange ?? [0, length - 1];
    const [start, end] = xRange;
    const scale = end > start ? columns / (end - start) : 0;
    const columnOf = (i: number) => Math.min(columns - 1, Math.floor((i - start) * scale));
    const inFrom = Math.max(0, Math.min(length, Math.ceil(start)));
    const inTo = Math.max(inFrom, Math.min(length, Math.floor(end) + 1));
    inChunks(0, inFrom, scanInto(-1));
    if (columns === 0) inChunks(inFrom, inTo, scanInto(-1));
    else {
      for (let i = inFrom; i < inTo; ) {
        const c = columnOf(i);
        // The first index of the next column: estimated, then made exact.
        let next = Math.max(i + 1, Math.ceil(start + (c + 1) / (scale || Infinity)));
        while (next < inTo && columnOf(next) <= c) next++;
        while (next - 1 > i && columnOf(next - 1) > c) next--;
        inChunks(i, Math.min(next, inTo), scanInto(c));
        i = next;
      }
    }
    inChunks(inTo, length, scanInto(-1));
  } else {
    // Points: their x range first, then each finite point into its column.
    let xMin = Infinity, xMax = -Infinity;
    inChunks(0, length, (from, to) => {
      let low = Infinity, high = -Infinity, notFinite = 0;
      for (let i = from; i < to; i++) {
        const x = xs[i]!;
        if (x - x !== 0) notFinite++;
        else {
          if (x < low) low = x;
          if (x > high) high = x;
        }
      }
      xNotFinite += notFinite;
      if (low < xMin) xMin = low;
      if (high > xMax) xMax = high;
    });
    inChunks(0, length, scanInto(-1));
    xRange = request.xRange ?? (xMin <= xMax ? [xMin, xMax] : null);
    if (xRange && columns > 0) {
      const [start, end] = xRange;
      const { k, base, span } = placing(start, end);
      inChunks(0, length, (from, to) => {
        for (let i = from; i < to; i++) {
          const x = xs[i]!;
          const y = ys[i]!;
          if (y - y !== 0 || x - x !== 0 || x < start || x > end) continue;
          const at = span > 0 ? (((x * k - base) / span) * columns) | 0 : 0;
          const c = at < columns ? at : columns - 1;
          if (first[c] === null) {
            first[c] = y;
            lo[c] = y;
            hi[c] = y;
          } else {
            if (y < lo[c]!) lo[c] = y;
            if (y > hi[c]!) hi[c] = y;
          }
          last[c] = y;
        }
      });
    }
  }

  let bins: number[] | undefined;
  if (request.bins > 0 && finite > 0) {
    const count = max > min ? Math.max(1, Math.min(Math.floor(request.bins), Math.ceil(Math.sqrt(finite)))) : 1;
    const counts = new Float64Array(count);
    const { k, base, span } = placing(min, max);
    inChunks(0, length, (from, to) => {
      for (let i = from; i < to; i++) {
        const y = ys[i]!;
        if (y - y !== 0) continue;
        // `| 0`, not Math.floor: at a pause, a builtin called per value costs ~0.5 µs (measured).
        const b = span > 0 ? (((y * k - base) / span) * count) | 0 : 0;
        counts[b < count ? b : count - 1]!++;
      }
    });
    bins = Array.from(counts);
  }

  return {
    numeric: true,
    kind: xs ? 'points' : 'values',
    length,
    notKept,
    finite,
    nan,
    posInf,
    negInf,
    min: finite ? min : null,
    max: finite ? max : null,
    mean: finite ? sum / finite : null,
    xNotFinite,
    xRange,
    columns: { first, last, min: lo, max: hi },
    bins,
  };
}
