// Benchmark: the cost of stepping and of conditional breakpoints, at the prompt, through pipes.
//
//   npm run build && node bench/stepping.mjs [next] [conditions]    ((a), (b); default both)
//
// (a) `next` round trip: 100 `n` commands on a long straight-line script, each timed from writing
//     `n\n` to the next prompt on stdout; pmdb (`(Pmdb) `) against `node inspect` (`debug> `,
//     the WebSocket inspector). Goal for pmdb: <= 2 ms per step (median).
// (b) A conditional breakpoint whose condition is always false, hit N times in
//     `for (let i = 0; i < N; i++) { x += i; }`: `b LINE, i < 0` then `c`, against the same loop
//     without a debugger, and against `python3 -m pdb` on the same loop in Python. The loop times
//     itself (BENCH line), so start-up is not counted; the figure is µs per false hit:
//     (loop time under the debugger - plain loop time) / N. Goal for pmdb: <= 1 µs. pmdb compiles
//     the condition into the line; the same loop as an ES module top level, which V8 will not let
//     pmdb edit, shows V8's own condition (the fallback), on at most 10^4 hits (it costs ~0.1 ms each).
// BENCH_HITS=N changes N (default 10^5).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, fmt, isMain, machine, median, NODE, PMDB, RUNS, table, verdict } from './lib.mjs';

const STEPS = 100;
const HITS = Number(process.env.BENCH_HITS) || 1e5;
const now = () => performance.now();
const PMDB_PROMPT = /\(Pmdb\) /;
// `node inspect` redraws `debug> ` as soon as a command is typed, before the step has happened:
// a step is done when the `break in FILE:LINE` report (`step in` since Node 22) and the prompt
// after it have arrived.
const INSPECT_STOP = /(?:break|step) (?:on start )?in [\s\S]*?debug> /i;

/**
 * A debugger driven through pipes: `next(line, until)` writes a line and resolves with the ms until
 * `until` (default: the prompt, a RegExp) matches stdout after it, and the output before the match.
 */
export function drive(argv, prompt) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let waiting;
  const check = () => {
    const m = waiting && waiting.until.exec(out);
    if (!m) return;
    const w = waiting;
    waiting = undefined;
    const text = out.slice(0, m.index);
    out = out.slice(m.index + m[0].length);
    w.resolve({ ms: now() - w.start, text });
  };
  child.stdout.on('data', (d) => {
    out += d;
    check();
  });
  child.stderr.on('data', (d) => (out += d));
  const closed = new Promise((resolve) => child.on('close', resolve));
  const next = (line, until = prompt) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${argv.join(' ')}: no ${until} after ${JSON.stringify(line)}\n${out}`)), 300_000);
      waiting = {
        until,
        start: now(),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      if (line !== undefined) child.stdin.write(`${line}\n`);
      check();
    });
  const quit = async (line) => {
    child.stdin.end(`${line}\n`);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
    child.kill('SIGKILL');
  };
  return { next, quit };
}

/** Per-step ms of `n` repeated STEPS times after the first prompt. */
async function stepTimes(argv, prompt, quitLine) {
  const d = drive(argv, prompt);
  await d.next();
  const times = [];
  for (let i = 0; i < STEPS; i++) times.push((await d.next('n')).ms);
  await d.quit(quitLine);
  return times;
}

/**
 * Loop time (ms, from the BENCH line) under a debugger: set `breakLine` then continue until the
 * program has finished (not until the prompt after the restart: that is not part of the figure).
 */
async function loopUnder(argv, prompt, breakLine, quitLine) {
  const d = drive(argv, prompt);
  await d.next();
  const set = await d.next(breakLine);
  const { text } = await d.next('c', /The program finished/);
  await d.quit(quitLine);
  const m = /BENCH ([\d.]+)/.exec(text);
  if (!m) throw new Error(`${argv.join(' ')}: no BENCH line after c\n${set.text}\n${text}`);
  return Number(m[1]);
}

function plainLoop(argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => {
      const m = /BENCH ([\d.]+)/.exec(out);
      m ? resolve(Number(m[1])) : reject(new Error(`${argv.join(' ')}: no BENCH line\n${out}`));
    });
  });
}

export const PARTS = { next: nextRoundTrip, conditions: conditionalBreakpoints };

export async function main(parts = Object.keys(PARTS)) {
  ensureBuilt();
  const unknown = parts.filter((p) => !PARTS[p]);
  if (unknown.length) throw new Error(`unknown part ${unknown.join(', ')}; one of ${Object.keys(PARTS).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'pmdb-bench-step-'));
  console.log(`stepping and breakpoints: ${machine()}`);
  for (const part of parts) await PARTS[part](dir);
}

/** (a) A straight-line script of 1 + 3 * STEPS lines: every `n` moves one statement. */
async function nextRoundTrip(dir) {
  const straight = join(dir, 'straight.js');
  const body = Array.from({ length: STEPS * 3 }, (_, i) => `x = x + ${i};`);
  writeFileSync(straight, ['let x = 0;', ...body, 'console.log(x);', ''].join('\n'));
  const pmdbSteps = [];
  const inspectSteps = [];
  for (let r = 0; r < RUNS; r++) {
    pmdbSteps.push(...(await stepTimes([NODE, PMDB, straight], PMDB_PROMPT, 'q')));
    inspectSteps.push(...(await stepTimes([NODE, 'inspect', straight], INSPECT_STOP, '.exit')));
  }
  console.log(`\n(a) \`n\` round trip, ${STEPS} steps x ${RUNS} runs, median (p90)`);
  const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
  table(
    ['debugger', 'median ms', 'p90 ms', 'goal', 'verdict'],
    [
      ['pmdb', fmt(median(pmdbSteps), 2), fmt(p90(pmdbSteps), 2), '<= 2 ms', verdict(median(pmdbSteps) <= 2)],
      ['`node inspect` (WebSocket inspector)', fmt(median(inspectSteps), 2), fmt(p90(inspectSteps), 2), '', ''],
    ],
    'stepping-next',
  );
}

/** (b) A false condition on a loop's body, against plain node and pdb. */
async function conditionalBreakpoints(dir) {
  // The loop body `x += i;` is on LOOP_LINE in both languages.
  const LOOP_LINE = 3;
  const loopJs = join(dir, 'loop.js');
  writeFileSync(
    loopJs,
    `let x = 0; const t0 = performance.now();\nfor (let i = 0; i < ${HITS}; i++) {\n  x += i;\n}\nconsole.log('BENCH ' + (performance.now() - t0), x);\n`,
  );
  const HITS_V8 = Math.min(HITS, 1e4);
  const loopMjs = join(dir, 'loop.mjs');
  writeFileSync(
    loopMjs,
    `let x = 0; const t0 = performance.now();\nfor (let i = 0; i < ${HITS_V8}; i++) {\n  x += i;\n}\nconsole.log('BENCH ' + (performance.now() - t0), x);\n`,
  );
  const loopPy = join(dir, 'loop.py');
  writeFileSync(
    loopPy,
    `import time; x = 0; t0 = time.perf_counter()\nfor i in range(${HITS}):\n  x += i\n\nprint('BENCH', (time.perf_counter() - t0) * 1000, x)\n`,
  );

  const plain = [];
  const underPmdb = [];
  const plainMjs = [];
  const underV8 = [];
  const plainPy = [];
  const underPdb = [];
  for (let r = 0; r < RUNS; r++) {
    plain.push(await plainLoop([NODE, loopJs]));
    underPmdb.push(await loopUnder([NODE, PMDB, loopJs], PMDB_PROMPT, `b ${LOOP_LINE}, i < 0`, 'q'));
    plainMjs.push(await plainLoop([NODE, loopMjs]));
    underV8.push(await loopUnder([NODE, PMDB, loopMjs], PMDB_PROMPT, `b ${LOOP_LINE}, i < 0`, 'q'));
    plainPy.push(await plainLoop(['python3', loopPy]));
    underPdb.push(await loopUnder(['python3', '-m', 'pdb', loopPy], /\(Pdb\) /, `b ${LOOP_LINE}, i < 0`, 'q'));
  }
  const perHit = (under, base, hits = HITS) => ((median(under) - median(base)) * 1000) / hits;
  console.log(`\n(b) conditional breakpoint, false condition, ${HITS} hits, loop time median of ${RUNS}`);
  table(
    ['contender', 'plain loop ms', 'with breakpoint ms', 'µs per false hit', 'goal', 'verdict'],
    [
      ['pmdb, condition compiled into the line', fmt(median(plain), 1), fmt(median(underPmdb), 1), fmt(perHit(underPmdb, plain), 2), '<= 1 µs', verdict(perHit(underPmdb, plain) <= 1)],
      [
        `pmdb, V8's condition (${HITS_V8} hits)`,
        fmt(median(plainMjs), 1),
        fmt(median(underV8), 1),
        fmt(perHit(underV8, plainMjs, HITS_V8), 2),
        '',
        '',
      ],
      ['`python3 -m pdb`', fmt(median(plainPy), 1), fmt(median(underPdb), 1), fmt(perHit(underPdb, plainPy), 2), '', ''],
    ],
    'stepping-conditions',
  );
}

if (isMain(import.meta.url)) await main(process.argv.length > 2 ? process.argv.slice(2) : undefined);
