// Positions in source text.

/** The string offset of a 0-based line and column, as CDP gives positions. */
export function offsetOf(text: string, line0: number, column0: number): number {
  let offset = 0;
  for (let i = 0; i < line0; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column0;
}
