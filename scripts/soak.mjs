// `npm run soak`: the repetition gates too slow for `npm test`.
//  1. 1,000 crash/restart cycles in one pmdb session (scripts/crash-cycles.mjs): pmdb's open
//     descriptors, resident memory and child processes, sampled every 10 cycles, must stay
//     bounded: no descriptor more after the first 50 cycles than at cycle 50, no more than one
//     child (the program), resident memory within +20 MB of cycle 100's (V8 grows and shrinks its
//     young generation by ~16 MB on its own), what V8's heap holds after a full collection within
//     +0.5 MB of cycle 100's. The table goes to docs/benchmarks.md ("Soak"); SOAK_CYCLES=N for
//     another count.
//  2. The fidelity gate (test/cli/fidelity.test.ts) at 30 runs per case instead of `npm test`'s 2.
// Builds first. Exits 1 when a bound is exceeded or the fidelity test fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crashCycles } from './crash-cycles.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const CYCLES = Number(process.env.SOAK_CYCLES) || 1000;
const FD_FROM = Math.min(50, CYCLES);
const RSS_FROM = Math.min(100, CYCLES);
const mb = (kb) => kb / 1024;
const RSS_BOUND_MB = 20;
const HEAP_BOUND_MB = 0.5;

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const { docTable, hardware, table, verdict } = await import('../bench/lib.mjs');

console.log(`pmdb soak: ${CYCLES} crash/restart cycles in one session (test/fixtures/soak-crash.js)`);
const { samples, code, stderr } = await crashCycles({
  cycles: CYCLES,
  sampleEvery: 10,
  onSample: (s) => s.cycle % 100 === 0 && console.log(`  cycle ${s.cycle}: ${s.fds} descriptors, ${s.rssMb.toFixed(1)} MB, heap ${mb(s.heapKb).toFixed(2)} MB, ${s.children} child, ${(s.ms / 1000).toFixed(0)} s`),
});
const at = (cycle) => samples.find((s) => s.cycle === cycle);
const last = samples.at(-1);
const after = samples.filter((s) => s.cycle >= FD_FROM);
const fdGrowth = Math.max(...after.map((s) => s.fds)) - at(FD_FROM).fds;
const rssGrowth = Math.max(...samples.filter((s) => s.cycle >= RSS_FROM).map((s) => s.rssMb)) - at(RSS_FROM).rssMb;
const heapGrowth = mb(Math.max(...samples.filter((s) => s.cycle >= RSS_FROM).map((s) => s.heapKb)) - at(RSS_FROM).heapKb);
const maxChildren = Math.max(...samples.map((s) => s.children));
const shown = samples.filter((s) => [0, 10, 50].includes(s.cycle) || s.cycle % 100 === 0 || s === last);
const header = ['cycle', "pmdb's open descriptors", "pmdb's RSS (MB)", "pmdb's heap after a full GC (MB)", 'child processes', 'elapsed (s)', 'goal', 'verdict'];
const rows = [
  ...shown.map((s) => [String(s.cycle), String(s.fds), s.rssMb.toFixed(1), mb(s.heapKb).toFixed(2), String(s.children), (s.ms / 1000).toFixed(0), '', '']),
  [`descriptors, most after cycle ${FD_FROM} vs cycle ${FD_FROM}`, `+${fdGrowth}`, '', '', '', '', '+0', verdict(fdGrowth <= 0)],
  [`RSS, most after cycle ${RSS_FROM} vs cycle ${RSS_FROM}`, '', `+${rssGrowth.toFixed(1)}`, '', '', '', `<= +${RSS_BOUND_MB} MB`, verdict(rssGrowth <= RSS_BOUND_MB)],
  [`heap after a full GC, most after cycle ${RSS_FROM} vs cycle ${RSS_FROM}`, '', '', `+${heapGrowth.toFixed(2)}`, '', '', `<= +${HEAP_BOUND_MB} MB`, verdict(heapGrowth <= HEAP_BOUND_MB)],
  ['child processes, most at any sample', '', '', '', String(maxChildren), '', '1 (the program)', verdict(maxChildren <= 1)],
];
table(header, rows);
console.log(hardware());
docTable('soak', header, rows, { about: `${hardware()}, ${CYCLES} cycles`, by: 'npm run soak' });
let failed = fdGrowth > 0 || rssGrowth > RSS_BOUND_MB || heapGrowth > HEAP_BOUND_MB || maxChildren > 1 || code !== 1 || stderr !== '';
if (code !== 1 || stderr) console.log(`pmdb ended with ${code} (expected 1, q at a post-mortem stop); stderr: ${JSON.stringify(stderr)}`);

console.log('\npmdb soak: fidelity at 30 runs per case');
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const fidelity = spawnSync(process.execPath, [vitest, 'run', 'test/cli/fidelity.test.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, FIDELITY_RUNS: '30' } });
failed ||= fidelity.status !== 0;
console.log(failed ? '\npmdb soak: FAILED' : '\npmdb soak: passed');
process.exit(failed ? 1 : 0);
