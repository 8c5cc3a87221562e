// `npm run fuzz`: the gate of property tests at full count (10^5 cases each where the test says
// so, PMDB_FUZZ=full; `npm test` runs the same tests with a quick count). The tests are those
// that take their counts from test/helpers/fuzz-runs.ts. Builds first: some drive the built CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const tests = readdirSync(path.join(root, 'test'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts') && readFileSync(path.join(root, 'test', f), 'utf8').includes('/fuzz-runs.js'))
  .map((f) => path.join('test', f));
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
console.log(`pmdb fuzz: ${tests.length} test files at full count:\n  ${tests.join('\n  ')}`);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', ...tests, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, PMDB_FUZZ: 'full' } });
process.exit(run.status ?? 1);
