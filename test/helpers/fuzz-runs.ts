// How many cases a property test tries: a quick count inside `npm test`, the full count under
// `npm run fuzz` (scripts/fuzz.mjs sets PMDB_FUZZ=full), the gate run before a release.
export const FUZZ_FULL = process.env.PMDB_FUZZ === 'full';

/** `quick` cases in `npm test`, `full` under `npm run fuzz`. */
export const fuzzRuns = (quick: number, full: number): number => (FUZZ_FULL ? full : quick);

/** A test's time limit for `runs` cases taking about `msEach` each, with room for a loaded machine. */
export const fuzzTimeout = (runs: number, msEach: number): number => Math.max(30_000, runs * msEach * 3);
