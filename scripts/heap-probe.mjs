// Loaded into pmdb's own process by scripts/crash-cycles.mjs (`node --expose-gc --import`), never
// by pmdb itself: at each SIGUSR2 it collects all garbage and appends to the file named by
// PMDB_HEAP_PROBE one line, what V8's heap still holds in KB. Compiled code is left out (code
// spaces, and from Node 22 the trusted spaces that hold bytecode and deoptimization data): it grows
// while V8 compiles and optimizes pmdb's functions and then stops, which is not memory kept per cycle.
import { appendFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.PMDB_HEAP_PROBE;
if (file && globalThis.gc) {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    const spaces = v8.getHeapSpaceStatistics();
    const used = spaces.reduce((sum, s) => sum + (/^code|trusted/.test(s.space_name) ? 0 : s.space_used_size), 0);
    appendFileSync(file, `${Math.round(used / 1024)}\n`);
  });
}
