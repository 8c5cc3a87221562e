// The test runners `pmdb test` is tried on, as the fixtures under test/fixtures/runners run them.
// Generous timeouts: a prompt under test on a loaded machine must not fail a test by the clock.
import * as path from 'node:path';
import { FIXTURES, ROOT } from './paths.js';

export const RUNNERS = path.join(FIXTURES, 'runners');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
/** vitest 5 needs Node 22.12+. */
export const VITEST5_RUNS = major > 22 || (major === 22 && minor >= 12);
/** vitest 4 or 5, from its fixture's own install (`vitest4`, `vitest5`). */
export const vitest = (dir: string) => [process.execPath, path.join(RUNNERS, dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--testTimeout=600000'];
export const JEST = [path.join(BIN, 'jest'), '--testTimeout=600000'];
export const MOCHA = [path.join(BIN, 'mocha'), '--timeout', '600000'];
/** node:test on TypeScript files (name them after it). */
export const NODE_TEST = [process.execPath, '--import', 'tsx', '--test'];
