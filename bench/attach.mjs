// Benchmark: `pmdb stacks PID` and `pmdb attach PID` on running processes.
//   - stacks: wall time of the call (spawn to exit; the inspector pmdb opens with SIGUSR1 is open
//     for less than this), and how long the target stood still: the target works in 1 ms chunks
//     and reports every gap between chunks over 5 ms (workloads/attach-chunks.cjs); a call's
//     figure is the longest gap within it (on a loaded machine the scheduler makes gaps too: the
//     same figure for windows as long without pmdb is printed alongside).
//   - the same for a process armed with pmdb/register and PMDB_AWAITS=1 with 1000 async
//     functions waiting (what `pmdb stacks` adds to read and print their tree).
//   - attach: from spawning `pmdb attach PID` in a terminal (node-pty) to its `(Pmdb) ` prompt,
//     for that process and for a TypeScript program stuck in `while` (test/fixtures/attach/busy.ts),
//     then from `q` to pmdb's exit.
//
//   npm run build && node bench/attach.mjs
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, fmt, isMain, machine, median, NODE, PMDB, ROOT, RUNS, table, WORKLOADS } from './lib.mjs';

const PROMPT = '(Pmdb) ';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startTarget(argv, env = {}) {
  const child = spawn(NODE, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  while (!/READY|busy: started/.test(out)) await sleep(10);
  await sleep(200);
  return { child, out: () => out };
}

const epoch = () => performance.timeOrigin + performance.now();

/** Node's default inspector port, 9229, listening on 127.0.0.1: /proc/net/tcp's `0100007F:240D`. */
const inspectorListening = () =>
  readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((row) => {
      const cols = row.trim().split(/\s+/);
      return cols[3] === '0A' && cols[1] === '0100007F:240D';
    });

/** Resolves with the call's window, in epoch ms, and how long the inspector port was seen open (polled every 2 ms). */
async function stacksOnce(pid) {
  const started = epoch();
  const pmdb = spawn(NODE, [PMDB, 'stacks', String(pid)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const ended = new Promise((resolve, reject) => {
    pmdb.on('error', reject);
    pmdb.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pmdb stacks exited ${code}`))));
  });
  let first;
  let last;
  let done = false;
  void ended.finally(() => (done = true)).catch(() => {});
  while (!done) {
    if (inspectorListening()) {
      first ??= epoch();
      last = epoch();
    }
    await sleep(2);
  }
  await ended;
  return { window: [started, epoch()], open: first === undefined ? 0 : last - first };
}

/** The longest gap that began within the window (0: none over 5 ms). */
const longestGap = (gaps, [from, to]) => Math.max(0, ...gaps.filter(([at]) => at >= from && at <= to).map(([, ms]) => ms));

function attachOnce(pid) {
  const pty = createRequire(import.meta.url)('node-pty');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const term = pty.spawn(NODE, [PMDB, 'attach', String(pid)], { cwd: ROOT, cols: 200, rows: 50, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let prompted;
    let quit;
    const timer = setTimeout(() => {
      term.kill();
      reject(new Error(`no prompt:\n${out}`));
    }, 30_000);
    term.onData((d) => {
      out += d;
      if (prompted === undefined && out.includes(PROMPT)) {
        prompted = performance.now() - started;
        quit = performance.now();
        term.write('q\r');
      }
    });
    term.onExit(() => {
      clearTimeout(timer);
      resolve({ prompt: prompted, quit: performance.now() - quit });
    });
  });
}

/** `pmdb stacks` RUNS times on the 1 ms chunks workload: each call's wall time, how long the port was open, the longest standstill, and that of as long a window without pmdb. */
async function stacksOnChunks(argv, env) {
  const chunks = await startTarget(argv, env);
  const windows = [];
  const quiet = [];
  const opens = [];
  for (let i = 0; i < RUNS; i++) {
    const { window, open } = await stacksOnce(chunks.child.pid);
    windows.push(window);
    opens.push(open);
    // A window as long with no pmdb: what the machine's load alone does to the target.
    const length = window[1] - window[0];
    await sleep(length + 300);
    quiet.push([window[1] + 150, window[1] + 150 + length]);
  }
  return { chunks, windows, quiet, opens };
}

export async function main() {
  ensureBuilt();
  const { chunks, windows, quiet, opens } = await stacksOnChunks([join(WORKLOADS, 'attach-chunks.cjs')]);
  const walls = windows.map(([from, to]) => to - from);
  const attachChunks = [];
  for (let i = 0; i < RUNS; i++) attachChunks.push(await attachOnce(chunks.child.pid));
  chunks.child.kill('SIGTERM');
  await new Promise((resolve) => chunks.child.once('exit', resolve));
  const gaps = JSON.parse(/GAPS (.*)/.exec(chunks.out())[1]);
  const stalls = windows.map((w) => longestGap(gaps, w));
  const noise = quiet.map((w) => longestGap(gaps, w));

  const armed = await stacksOnChunks(['--require', join(ROOT, 'dist/register.cjs'), join(WORKLOADS, 'attach-chunks.cjs'), '1000'], { PMDB_AWAITS: '1' });
  armed.chunks.child.kill('SIGTERM');
  await new Promise((resolve) => armed.chunks.child.once('exit', resolve));
  const armedGaps = JSON.parse(/GAPS (.*)/.exec(armed.chunks.out())[1]);
  const armedStalls = armed.windows.map((w) => longestGap(armedGaps, w));
  const armedWalls = armed.windows.map(([from, to]) => to - from);

  const busy = await startTarget(['--import', 'tsx', join(ROOT, 'test/fixtures/attach/busy.ts')]);
  const attachBusy = [];
  for (let i = 0; i < RUNS; i++) attachBusy.push(await attachOnce(busy.child.pid));
  busy.child.kill('SIGKILL');

  console.log(`pmdb stacks / attach on a running process, ${RUNS} runs each, medians (${machine()})\n`);
  table(
    ['what', 'median ms', 'min', 'max'],
    [
      ['pmdb stacks: call, spawn to exit', fmt(median(walls)), fmt(Math.min(...walls)), fmt(Math.max(...walls))],
      ['pmdb stacks: inspector port open (127.0.0.1:9229)', fmt(median(opens)), fmt(Math.min(...opens)), fmt(Math.max(...opens))],
      ['pmdb stacks: the target stood still (longest gap)', fmt(median(stalls), 1), fmt(Math.min(...stalls), 1), fmt(Math.max(...stalls), 1)],
      ['  as long a window without pmdb (load)', fmt(median(noise), 1), fmt(Math.min(...noise), 1), fmt(Math.max(...noise), 1)],
      ['pmdb stacks, register + PMDB_AWAITS=1, 1000 waiting: call', fmt(median(armedWalls)), fmt(Math.min(...armedWalls)), fmt(Math.max(...armedWalls))],
      ['  the target stood still (longest gap)', fmt(median(armedStalls), 1), fmt(Math.min(...armedStalls), 1), fmt(Math.max(...armedStalls), 1)],
      ['pmdb attach (1 ms chunks): spawn to prompt', fmt(median(attachChunks.map((a) => a.prompt))), fmt(Math.min(...attachChunks.map((a) => a.prompt))), fmt(Math.max(...attachChunks.map((a) => a.prompt)))],
      ['pmdb attach (while loop, .ts): spawn to prompt', fmt(median(attachBusy.map((a) => a.prompt))), fmt(Math.min(...attachBusy.map((a) => a.prompt))), fmt(Math.max(...attachBusy.map((a) => a.prompt)))],
      ['pmdb attach: q to exit (process running again)', fmt(median([...attachChunks, ...attachBusy].map((a) => a.quit))), '', ''],
    ],
  );
}

if (isMain(import.meta.url)) await main();
