// Numbers as a plot labels them: short on the axes, more digits in the statistics, never a
// misleading rounding to zero (tiny and huge numbers go exponential).

export function formatNumber(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return trimExponential(n.toExponential(digits - 1));
  return String(Number(n.toPrecision(digits)));
}

/** `1.500e+21` → `1.5e+21`. */
function trimExponential(text: string): string {
  return text.replace(/\.?0+e/, 'e');
}

/** On an axis: 4 significant digits. */
export const axisNumber = (n: number): string => formatNumber(n, 4);

/** In the statistics line: 6 significant digits. */
export const statNumber = (n: number): string => formatNumber(n, 6);
