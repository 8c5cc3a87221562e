// Crash/restart cycles in one pmdb session, with what pmdb itself holds sampled as it goes: the
// soak gate (`npm run soak`: 1,000 cycles; test/cli/soak.test.ts: 50). pmdb runs
// test/fixtures/soak-crash.js through pipes (`pmdb -c continue`); at each post-mortem prompt it is
// asked `p`, `where`, then `c` (the program restarts, stops at its first line) and `c` again (it
// crashes again). At every sampleEvery-th crash prompt, the front end's open descriptors
// (/proc/PID/fd), its resident memory (VmRSS) and its live child processes are read, and what its
// V8 heap still holds after a full collection (scripts/heap-probe.mjs): resident memory also moves
// with V8's and malloc's sizing, the heap after a collection only with what pmdb keeps.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = `${ROOT}dist/cli/main.js`;
const PROGRAM = `${ROOT}test/fixtures/soak-crash.js`;
const PROMPT = '(Pmdb) ';
const CRASHED = 'Entering post mortem debugging';
const PER_CYCLE = ['p list.length, sum', 'where', 'c', 'c'];
const HEAP_PROBE = `${ROOT}scripts/heap-probe.mjs`;

/** What a process holds now: descriptors, resident MB, children still alive (zombies too). */
export function holdings(pid) {
  const fds = readdirSync(`/proc/${pid}/fd`).length;
  const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const children = readdirSync(`/proc/${pid}/task`)
    .flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)).length;
  return { fds, rssMb: rssKb / 1024, children };
}

/** Asks the heap probe in pmdb's process for a reading; resolves with it, in KB. */
async function heapAfterGc(pid, file, readings) {
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 5) {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    if (lines.length > readings) return Number(lines[readings]);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the heap probe did not answer within 10 s');
}

/**
 * Runs `cycles` crash/restart cycles; resolves with the samples ({ cycle, fds, rssMb, children,
 * heapKb, ms }), pmdb's exit code after `q`, and its stderr. Rejects when a cycle does not come
 * back to a crash prompt within `cycleTimeoutMs`. `v8Flags` go to pmdb's own process only.
 */
export function crashCycles({ cycles, sampleEvery = 10, node = process.execPath, v8Flags = [], cycleTimeoutMs = 20_000, onSample = () => {} }) {
  const probeDir = mkdtempSync(join(tmpdir(), 'pmdb-heap-probe-'));
  const probeFile = join(probeDir, 'heap');
  writeFileSync(probeFile, '');
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...v8Flags, '--expose-gc', '--import', HEAP_PROBE, CLI, '-c', 'continue', PROGRAM], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TERM: 'dumb', PMDB_HEAP_PROBE: probeFile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const samples = [];
    const started = performance.now();
    let text = '';
    let stderr = '';
    let cycle = 0;
    let step = 0;
    let timer;
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why} (cycle ${cycle}, after ${JSON.stringify(PER_CYCLE[step - 1] ?? 'start')})\n${text.slice(-1500)}\n${stderr.slice(-1500)}`));
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`no prompt within ${cycleTimeoutMs} ms`), cycleTimeoutMs);
    };
    const send = (line) => child.stdin.write(`${line}\n`);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      text += d;
      if (!text.endsWith(PROMPT)) return;
      if (step === 0 || step === PER_CYCLE.length) {
        // A crash prompt: the start of a cycle.
        if (!text.includes(CRASHED)) return fail('the program came back to the prompt without crashing');
        text = '';
        if (cycle % sampleEvery === 0 || cycle === cycles) {
          const sample = { cycle, ...holdings(child.pid), ms: performance.now() - started };
          heapAfterGc(child.pid, probeFile, samples.length).then((heapKb) => {
            samples.push({ ...sample, heapKb });
            onSample(samples.at(-1));
            nextCycle();
          }, (err) => fail(err.message));
        } else nextCycle();
        return;
      }
      text = '';
      arm();
      send(PER_CYCLE[step++]);
    });
    const nextCycle = () => {
      if (cycle === cycles) {
        clearTimeout(timer);
        send('q');
        return;
      }
      cycle++;
      step = 0;
      arm();
      send(PER_CYCLE[step++]);
    };
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(probeDir, { recursive: true, force: true });
      if (cycle < cycles) return fail(`pmdb exited (${code}) before the last cycle`);
      resolve({ samples, code, stderr });
    });
    arm();
  });
}
