// The gate of "never harm the program": under `pmdb run` and pmdb/register (`--require`,
// `--import`) a program's stdout and stderr are byte for byte what plain node gives, and so are
// its exit status and the signal that ended it. test/fixtures/fidelity.js covers binary output on
// both streams through both write paths, partial lines, stdin read whole, `process.exitCode`,
// `process.exit`, SIGTERM and SIGKILL sent to itself, a crash of its own and of a child.
// Without a terminal pmdb adds exactly one thing, as README says: on a crash, one line
// `pmdb: crash dump written to PATH` on the crashing process's stderr, before Node's report, PATH
// being a dump that exists. Each case runs FIDELITY_RUNS times (2 in `npm test`, 30 under
// `npm run soak`), every run of every case in one concurrent pool.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REGISTER, fixture } from '../helpers/paths.js';
import { runProcess, type PipeResult } from '../helpers/run-pipe.js';

/** Runs per case: 2 in `npm test` (CI time), 30 under `npm run soak` (FIDELITY_RUNS=30). */
const RUNS = Number(process.env.FIDELITY_RUNS) || 2;
const PROGRAM = fixture('fidelity.js');
/** What plain node runs for a comparison with `--import`: any --import moves a CommonJS entry into Node's ES module loader. */
const NO_OP_IMPORT = ['--import', 'data:text/javascript,'];

/** 300 KB of every byte value for `stream` to read. */
const INPUT = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 8)) & 255));

interface Mode {
  name: string;
  input?: Buffer;
  /** Dumps a run writes: by the program itself, and by its child (armed only under `pmdb run`, whose NODE_OPTIONS the child inherits). */
  dumps: { own: number; child: number };
}
const MODES: Mode[] = [
  { name: 'stream', input: INPUT, dumps: { own: 0, child: 1 } },
  { name: 'exit', dumps: { own: 0, child: 0 } },
  { name: 'sigterm', dumps: { own: 0, child: 0 } },
  { name: 'sigkill', dumps: { own: 0, child: 0 } },
  { name: 'crash', dumps: { own: 1, child: 0 } },
];

interface Runner {
  name: string;
  /** The armed command (run by process.execPath) for a mode, dumps into `dir`. */
  armed: (mode: string, dir: string) => string[];
  /** What plain node runs to compare with. */
  plain: (mode: string) => string[];
  childArmed: boolean;
}
const RUNNERS: Runner[] = [
  { name: 'pmdb run', armed: (m, dir) => [CLI, 'run', '--dump-dir', dir, '--', process.execPath, PROGRAM, m], plain: (m) => [PROGRAM, m], childArmed: true },
  { name: 'node --require pmdb/register', armed: (m) => ['--require', REGISTER, PROGRAM, m], plain: (m) => [PROGRAM, m], childArmed: false },
  { name: 'node --import pmdb/register', armed: (m) => ['--import', pathToFileURL(REGISTER).href, PROGRAM, m], plain: (m) => [...NO_OP_IMPORT, PROGRAM, m], childArmed: false },
];

const DUMP_LINE = /^pmdb: crash dump written to (.*)\n/gm;

/** `jobs` run at most `width` at a time; results in order. */
async function batched<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

const WIDTH = Math.max(4, availableParallelism() * 3);

/** One armed run, with its own dump directory (pmdb makes it; register makes it too). */
async function armedRun(runner: Runner, mode: Mode): Promise<{ r: PipeResult; dir: string }> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pmdb-fidelity-')), 'dumps');
  const r = await runProcess(process.execPath, runner.armed(mode.name, dir), { input: mode.input, env: { PMDB_DUMP_DIR: dir }, timeoutMs: 60_000 });
  return { r, dir };
}

const plainRun = (runner: Runner, mode: Mode) => runProcess(process.execPath, runner.plain(mode.name), { input: mode.input, timeoutMs: 60_000 });

/** The first difference of two buffers, for a message that says where. */
function firstDifference(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return `lengths ${a.length} and ${b.length}, first difference at byte ${i}: ${JSON.stringify(a.subarray(Math.max(0, i - 20), i + 20).toString('latin1'))} vs ${JSON.stringify(b.subarray(Math.max(0, i - 20), i + 20).toString('latin1'))}`;
}

interface Case {
  runner: Runner;
  mode: Mode;
  /** Plain node's result, run twice: a program whose plain runs differ could prove nothing. */
  plain: [PipeResult, PipeResult];
  runs: { r: PipeResult; dir: string }[];
}
const cases: Case[] = [];

// Every run of every case at once, in one pool: the cases' runs overlap instead of waiting for
// each other, so the file takes its CPU time divided by the cores.
beforeAll(async () => {
  const plainRuns = new Map<string, Promise<PipeResult>[]>();
  const jobs: (() => Promise<unknown>)[] = [];
  for (const runner of RUNNERS) {
    for (const mode of MODES) {
      const key = JSON.stringify([...runner.plain(mode.name), mode.name]);
      if (!plainRuns.has(key)) plainRuns.set(key, [0, 1].map(() => new Promise<PipeResult>((resolve) => jobs.push(() => plainRun(runner, mode).then(resolve)))));
      const c: Case & { key: string } = { runner, mode, key, plain: [] as unknown as Case['plain'], runs: [] };
      for (let i = 0; i < RUNS; i++) jobs.push(() => armedRun(runner, mode).then((run) => c.runs.push(run)));
      cases.push(c);
    }
  }
  await batched(jobs, WIDTH);
  for (const c of cases as (Case & { key: string })[]) c.plain = (await Promise.all(plainRuns.get(c.key)!)) as Case['plain'];
}, 600_000);

// 450 runs under `npm run soak`: their directories (and the dumps in them) go once checked.
afterAll(() => {
  for (const c of cases) for (const { dir } of c.runs) rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe.each(RUNNERS)('fidelity under $name', (runner) => {
  it.each(MODES)(`$name: ${RUNS} runs, output bytes, status and signal as plain node's`, (mode) => {
    const { plain: [plain, again], runs } = cases.find((c) => c.runner === runner && c.mode === mode)!;
    expect(again.stdout.equals(plain.stdout) && again.stderr.equals(plain.stderr), 'plain node differs between two runs').toBe(true);
    expect([plain.code, plain.signal]).toEqual([again.code, again.signal]);
    const dumps = mode.dumps.own + (runner.childArmed ? mode.dumps.child : 0);
    expect(runs).toHaveLength(RUNS);
    for (const [i, { r, dir }] of runs.entries()) {
      const where = `run ${i + 1} of ${RUNS}`;
      expect([r.code, r.signal], where).toEqual([plain.code, plain.signal]);
      expect(r.stdout.equals(plain.stdout), `${where}: stdout ${firstDifference(r.stdout, plain.stdout)}`).toBe(true);
      const stderr = r.stderr.toString('latin1');
      const lines = [...stderr.matchAll(DUMP_LINE)];
      expect(lines, where).toHaveLength(dumps);
      // Each line comes just before Node's report of that crash, which names the program's file.
      for (const line of lines) expect(stderr.startsWith(`${PROGRAM}:`, line.index! + line[0].length), `${where}: ${JSON.stringify(stderr.slice(line.index!, line.index! + 200))}`).toBe(true);
      const written = lines.map((m) => m[1]!).sort();
      expect(written, where).toEqual(dumps ? readdirSync(dir).map((f) => path.join(dir, f)).sort() : []);
      const rest = Buffer.from(stderr.replace(DUMP_LINE, ''), 'latin1');
      expect(rest.equals(plain.stderr), `${where}: stderr ${firstDifference(rest, plain.stderr)}`).toBe(true);
    }
  });
});
