// A real server under loopback load: Express 5 and Fastify 5 serving a JSON API whose handlers
// await a few async steps (bench/workloads/server.cjs), driven by autocannon (20 connections)
// from this process. Requests per second under plain node, `pmdb run` (no terminal: dumps on a
// crash) and `node --require pmdb/register`; goal <= 1.1x (plain's rate / armed rate). A fourth
// contender, measured without pmdb, is what an "arm on crash" mode would cost while the program
// runs: an inspector session on the main thread with only `Runtime.enable`, no
// `Debugger.enable` (workloads/arm-debugger.cjs), the domain whose every `await` costs ~10x
// (docs/benchmarks.md, "Why awaits cost ~10x"). Each server runs BENCH_SECONDS (default 4) of
// load after 1 s of warm-up; contenders alternate; medians of RUNS. Beside the rate, the CPU time
// the server's processes (pmdb's front end included) spent per request, from /proc: on a machine
// shared with other work the rate follows the load, the CPU per request much less, so the goal
// is judged on the CPU ratio, as bench/overhead.mjs does.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { docTable, ensureBuilt, fmt, isMain, machine, median, NODE, PMDB, ROOT, RUNS, table, verdict, WORKLOADS } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS) || 4;
const SERVER = join(WORKLOADS, 'server.cjs');
const REGISTER = join(ROOT, 'dist/register.cjs');
const ARM = join(WORKLOADS, 'arm-debugger.cjs');
const GOAL = 1.1;

const contenders = (framework) => ({
  'plain node': { argv: [NODE, SERVER, framework] },
  'pmdb run': { argv: [NODE, PMDB, 'run', '--', NODE, SERVER, framework] },
  'node --require pmdb/register': { argv: [NODE, '--require', REGISTER, SERVER, framework] },
  'arm on crash (Runtime.enable only, no pmdb)': { argv: [NODE, '--require', ARM, SERVER, framework], env: { PMDB_BENCH_ARM: 'same;Runtime.enable' } },
});

/** CPU ms used so far by the processes of process group `pgid` (utime + stime, 10 ms ticks). */
function groupCpuMs(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** Starts a server (its own process group, so that pmdb run's child goes with it), loads it, stops it; requests per second and CPU µs per request. */
async function measure({ argv, env }) {
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  try {
    let out = '';
    const port = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code} before listening\n${out}`)));
    });
    const url = `http://127.0.0.1:${port}/orders/7?q=3`;
    await autocannon({ url, connections: 20, duration: 1 });
    const cpu0 = groupCpuMs(child.pid);
    const r = await autocannon({ url, connections: 20, duration: SECONDS });
    const cpuMs = groupCpuMs(child.pid) - cpu0;
    if (r.errors || r.non2xx || r.timeouts) throw new Error(`${argv.join(' ')}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`);
    return { rate: r.requests.total / SECONDS, cpuUs: (cpuMs * 1000) / r.requests.total };
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
}

async function benchServers() {
  const rows = [];
  for (const framework of ['express', 'fastify']) {
    const all = contenders(framework);
    const runs = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
    for (let i = 0; i < RUNS; i++) for (const [name, c] of Object.entries(all)) runs[name].push(await measure(c));
    const med = (name) => ({ rate: median(runs[name].map((r) => r.rate)), cpuUs: median(runs[name].map((r) => r.cpuUs)) });
    const plain = med('plain node');
    for (const name of Object.keys(all)) {
      const { rate, cpuUs } = med(name);
      const armed = name !== 'plain node';
      const cpuRatio = cpuUs / plain.cpuUs;
      rows.push([
        framework === 'express' ? 'Express 5' : 'Fastify 5',
        name,
        fmt(rate),
        armed ? `${fmt(plain.rate / rate, 2)}x` : '',
        fmt(cpuUs),
        armed ? `${fmt(cpuRatio, 2)}x` : '',
        armed ? `<= ${GOAL}x` : '',
        armed ? verdict(cpuRatio <= GOAL) : '',
      ]);
    }
  }
  return rows;
}

if (isMain(import.meta.url)) {
  ensureBuilt();
  const rows = await benchServers();
  console.log(`${machine()}, ${SECONDS} s of load each`);
  const header = ['server', 'contender', 'requests/s', 'rate: plain / this', 'CPU µs per request', 'CPU ratio', 'goal (CPU ratio)', 'verdict'];
  table(header, rows);
  docTable('server', header, rows);
}
