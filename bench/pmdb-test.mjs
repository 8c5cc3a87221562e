// Benchmark: what `pmdb test` costs a test suite that passes, against the runner alone.
//
//   npm run build && node bench/pmdb-test.mjs
//
// A 200-test vitest suite (10 files of 20 tests: arithmetic, string and object work, an
// `expect(fn).toThrow()` and an awaited timer in every file) runs with vitest 4 (the fixture's own
// install, test/fixtures/runners/vitest4: `npm test` installs it) as `vitest run` and as
// `pmdb test -- vitest run`, both in a pseudo-terminal: with a terminal every vitest process is
// armed to stop at a failing test, so each caught exception (vite's and vitest's own while they
// start, the suite's expected throws) pauses and is judged. `pmdb run -- vitest run` runs too: what
// arming the processes costs by itself, before any test is judged. Wall time from spawn to exit,
// runs alternating, medians; and the CPU time of the whole process tree (bash's `times`: every
// process was waited for), which a machine shared with other work disturbs less. Goal (issue 11):
// <= 1.1x (wall).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ensureBuilt, fmt, machine, NODE, PMDB, ROOT, RUNS, table } from './lib.mjs';

const pty = createRequire(import.meta.url)('node-pty');
const FIXTURE = join(ROOT, 'test/fixtures/runners/vitest4');
const VITEST = join(FIXTURE, 'node_modules/vitest/vitest.mjs');
const FILES = 10;
const TESTS = 20;

function makeSuite() {
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-suite-'));
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { dir: ${JSON.stringify(dir)}, globals: true } };\n`);
  for (let f = 0; f < FILES; f++) {
    const tests = [];
    for (let t = 0; t < TESTS; t++) {
      if (t === 0) tests.push(`  it('throws as expected ${t}', () => { expect(() => JSON.parse('{')).toThrow(SyntaxError); });`);
      else if (t === 1) tests.push(`  it('awaits ${t}', async () => { const v = await new Promise((r) => setTimeout(() => r(${t}), 1)); expect(v).toBe(${t}); });`);
      else {
        tests.push(`  it('computes ${t}', () => {
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += i % ${t + 1};
    const words = Array.from({ length: 50 }, (_, i) => 'w' + i).join(' ').split(' ');
    expect(words).toHaveLength(50);
    expect({ sum, first: words[0] }).toEqual({ sum, first: 'w0' });
  });`);
      }
    }
    writeFileSync(join(dir, `suite${f}.test.js`), `describe('suite ${f}', () => {\n${tests.join('\n')}\n});\n`);
  }
  return dir;
}

/** Runs argv in a pseudo-terminal; resolves with the wall time and the tree's CPU time in ms, and the exit code. */
function timed(argv) {
  return new Promise((resolve) => {
    const start = performance.now();
    const shell = ['-c', '"$@"; s=$?; echo; times; exit $s', 'bash', ...argv];
    const p = pty.spawn('/bin/bash', shell, { cwd: FIXTURE, cols: 120, rows: 40, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    let output = '';
    p.onData((d) => (output += d));
    p.onExit(({ exitCode }) => {
      const ms = performance.now() - start;
      // `times`' last line: the children's user and system time (`0m2.512s 0m0.201s`).
      const [, um, us, sm, ss] = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(output) ?? [];
      const cpu = um === undefined ? NaN : (Number(um) * 60 + Number(us) + Number(sm) * 60 + Number(ss)) * 1000;
      resolve({ ms, cpu, code: exitCode, output });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

ensureBuilt();
const suite = makeSuite();
try {
  const vitest = [NODE, VITEST, 'run', '--config', join(suite, 'vitest.config.mjs')];
  const contenders = { plain: vitest, 'pmdb run': [NODE, PMDB, 'run', '--', ...vitest], 'pmdb test': [NODE, PMDB, 'test', '--', ...vitest] };
  const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  const cpus = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  console.log(`pmdb test vs vitest run, ${FILES * TESTS} passing tests: ${machine()}`);
  for (let run = 0; run < RUNS; run++) {
    for (const [name, argv] of Object.entries(contenders)) {
      const r = await timed(argv);
      if (r.code !== 0 || !r.output.includes(`${FILES * TESTS} passed`)) throw new Error(`${name} did not pass the suite (exit ${r.code}):\n${r.output.slice(-2000)}`);
      times[name].push(r.ms);
      cpus[name].push(r.cpu);
    }
    console.log(`  run ${run + 1}: ${Object.keys(times).map((name) => `${name} ${fmt(times[name].at(-1))} (CPU ${fmt(cpus[name].at(-1))})`).join(' | ')}`);
  }
  const row = (label, figures) => {
    const [plain, run, armed] = [median(figures.plain), median(figures['pmdb run']), median(figures['pmdb test'])];
    const ratio = armed / plain;
    return [label, fmt(plain), fmt(run), fmt(armed), `${(run / plain).toFixed(2)}x`, `${ratio.toFixed(2)}x`, `${(armed / run).toFixed(2)}x`];
  };
  const wall = median(times['pmdb test']) / median(times.plain);
  table(['200 passing tests (vitest 4, forks)', 'vitest run', 'pmdb run', 'pmdb test', 'run/plain', 'test/plain', 'test/run'], [
    row('wall ms', times),
    row('CPU ms (process tree)', cpus),
  ]);
  console.log(`goal (wall): <= 1.1x: ${wall <= 1.1 ? 'ok' : 'MISSED'} (${wall.toFixed(2)}x)`);
} finally {
  rmSync(suite, { recursive: true, force: true });
}
