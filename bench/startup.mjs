// Benchmark: start-up of `pmdb -c continue hello.ts` against running the same TypeScript file
// with tsx and no debugger.
//
//   npm run build && node bench/startup.mjs
//
// Two instants per run, both measured from spawn on this side:
//   - output: the program's `hello` line arrives on the pipe (what the user waits for);
//   - exit:   the process has exited. pmdb prints `The program finished and will be restarted`,
//             starts the program again stopped at line 1 and reads a command; stdin is at EOF
//             (/dev/null), so it quits there. Its exit time therefore includes a second launch.
// Contenders without pmdb: `node --import tsx` (the reference), `node --require tsx/cjs`
// (the loader pmdb itself uses for .ts) and the `tsx` CLI (what `npx tsx` runs, minus npx's own
// ~0.3 s, which would flatter pmdb).
//
// Goal (from the issue): pmdb's wall time to exit <= the reference + 150 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, fmt, isMain, machine, median, NODE, PMDB, ROOT, RUNS, table, verdict } from './lib.mjs';

const GOAL_MS = 150;

/** Spawns argv with stdin at EOF; resolves with ms until `marker` appears on stdout and until exit. */
function timeRun(argv, marker) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let output = NaN;
    child.stdout.on('data', (d) => {
      out += d;
      if (Number.isNaN(output) && out.includes(marker)) output = performance.now() - start;
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (Number.isNaN(output)) reject(new Error(`${argv.join(' ')}: no output (exit ${code})\n${out}\n${err}`));
      else resolve({ output, exit: performance.now() - start });
    });
  });
}

export async function main() {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-start-'));
  const hello = join(dir, 'hello.ts');
  writeFileSync(hello, "const greeting: string = 'hello';\nconsole.log(greeting);\n");
  // tsx's CLI script itself, on NODE (its bin link would start whatever `node` is on PATH).
  const tsxCli = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const contenders = {
    'node --import tsx hello.ts': [NODE, '--import', 'tsx', hello],
    'node --require tsx/cjs hello.ts': [NODE, '--require', 'tsx/cjs', hello],
    'tsx hello.ts (CLI)': [NODE, tsxCli, hello],
    'pmdb -c continue hello.ts': [NODE, PMDB, '-c', 'continue', hello],
  };
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, { output: [], exit: [] }]));
  try {
    // One unmeasured round: the first run pays for cold disk caches and tsx's transform cache.
    for (const argv of Object.values(contenders)) await timeRun(argv, 'hello');
    for (let i = 0; i < RUNS; i++) {
      for (const [name, argv] of Object.entries(contenders)) {
        const r = await timeRun(argv, 'hello');
        samples[name].output.push(r.output);
        samples[name].exit.push(r.exit);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const med = Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, { output: median(s.output), exit: median(s.exit) }]));
  const ref = med['node --import tsx hello.ts'];
  const pm = med['pmdb -c continue hello.ts'];
  console.log(`start-up to exit, TypeScript hello world: ${machine()}`);
  console.log();
  table(
    ['command', 'to output ms', 'to exit ms', 'exit vs node --import tsx'],
    Object.entries(med).map(([k, m]) => [k, fmt(m.output), fmt(m.exit), `${m.exit - ref.exit >= 0 ? '+' : ''}${fmt(m.exit - ref.exit)} ms`]),
  );
  const delta = pm.exit - ref.exit;
  console.log();
  table(
    ['metric', 'plain', 'pmdb', 'delta', 'goal', 'verdict'],
    [
      ['start-up: wall to exit', fmt(ref.exit), fmt(pm.exit), `+${fmt(delta)} ms`, `<= +${GOAL_MS} ms`, verdict(delta <= GOAL_MS)],
      ['start-up: wall to output', fmt(ref.output), fmt(pm.output), `+${fmt(pm.output - ref.output)} ms`, '-', '-'],
    ],
    'startup',
  );
  return { med, delta };
}

if (isMain(import.meta.url)) await main();
