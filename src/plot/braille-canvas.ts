// A grid of terminal cells drawn with braille characters: each cell holds 2x4 dots, the finest
// line a terminal can show. Each cell remembers the series drawn last in it, for its color.

/** The bit of dot (dx, dy) of a cell in Unicode's braille block (U+2800 + bits). */
const DOT_BITS = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
] as const;

export class BrailleCanvas {
  private readonly bits: Uint8Array;
  /** Per cell, 1 + the index of the series drawn last in it (0: empty). */
  private readonly owner: Uint16Array;

  constructor(
    /** Cells across and down. */
    readonly cells: number,
    readonly rows: number,
  ) {
    this.bits = new Uint8Array(cells * rows);
    this.owner = new Uint16Array(cells * rows);
  }

  get width(): number {
    return this.cells * 2;
  }

  get height(): number {
    return this.rows * 4;
  }

  /** Dot (x, y), y down from the top; outside the canvas nothing is drawn. */
  set(x: number, y: number, series: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const cell = (y >> 2) * this.cells + (x >> 1);
    this.bits[cell]! |= DOT_BITS[x & 1]![y & 3]!;
    this.owner[cell] = series + 1;
  }

  /** The dots of a straight line between two dots, both ends included (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number, series: number): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x0, y0, series);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** The rows as text; `paint` wraps a run of cells of one series in its color. */
  lines(paint: (text: string, series: number) => string): string[] {
    const out: string[] = [];
    for (let row = 0; row < this.rows; row++) {
      let line = '';
      let run = '';
      let runOwner = 0;
      for (let col = 0; col < this.cells; col++) {
        const cell = row * this.cells + col;
        const owner = this.owner[cell]!;
        if (owner !== runOwner && run) {
          line += runOwner ? paint(run, runOwner - 1) : run;
          run = '';
        }
        runOwner = owner;
        run += String.fromCharCode(0x2800 + this.bits[cell]!);
      }
      out.push(line + (runOwner ? paint(run, runOwner - 1) : run));
    }
    return out;
  }
}
