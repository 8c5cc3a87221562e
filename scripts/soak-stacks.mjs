// `npm run soak:stacks [-- RUNS]`: `pmdb stacks --locals` RUNS times (default 50) on the worker
// threads fixture (test/fixtures/attach/workers.js), where a dropped wake-up in Node's inspector
// once left about one call in twelve hanging on Node 26 (docs/node-versions.md). Each call has
// 25 s; one that runs out, fails or reports a thread it could not pause or read fails the soak.
// `npm test` runs the fixture once (test/cli/stacks.test.ts). Uses the dist/ build.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = Number(process.argv[2]) || 50;
const fixture = path.join(root, 'test/fixtures/attach/workers.js');
const cli = path.join(root, 'dist/cli/main.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const failures = [];
const times = [];
for (let i = 0; i < runs; i++) {
  const target = spawn(process.execPath, ['--inspect-port=0', fixture], { stdio: ['ignore', 'pipe', 'ignore'] });
  let said = '';
  target.stdout.on('data', (d) => (said += d));
  while (!said.includes('workers: ready')) await sleep(20);
  await sleep(300);
  const started = Date.now();
  const pmdb = spawn(process.execPath, [cli, 'stacks', '--locals', String(target.pid)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  pmdb.stdout.on('data', (d) => (out += d));
  pmdb.stderr.on('data', (d) => (out += d));
  const code = await Promise.race([new Promise((resolve) => pmdb.once('exit', resolve)), sleep(25_000).then(() => 'hung')]);
  times.push(Date.now() - started);
  if (code !== 0 || /did not pause|was not read/.test(out)) failures.push(`run ${i + 1}: ${code === 'hung' ? 'still running after 25 s' : `exit ${code}`}\n${out}`);
  pmdb.kill('SIGKILL');
  target.kill('SIGKILL');
}
times.sort((a, b) => a - b);
console.log(`pmdb stacks on worker threads, Node ${process.version}: ${runs} runs, ${failures.length} failed; median ${times[runs >> 1]} ms, max ${times[runs - 1]} ms`);
for (const failure of failures) console.log(failure);
process.exit(failures.length ? 1 : 0);
