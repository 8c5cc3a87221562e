// A process that is always busy, in 1 ms chunks of work chained by setImmediate: a gap between two
// chunks longer than a chunk is a time the process was stopped (bench/attach.mjs). On SIGTERM it
// prints every gap over 5 ms as `GAPS [[epoch ms it began, length ms], ...]` and exits.
// argv[2]: that many async functions (each two deep) left waiting, for `pmdb stacks` to show.
const gaps = [];
let last = performance.now();
function chunk() {
  const start = performance.now();
  if (start - last > 5) gaps.push([performance.timeOrigin + last, Math.round((start - last) * 10) / 10]);
  while (performance.now() - start < 1);
  last = performance.now();
  setImmediate(chunk);
}
process.on('SIGTERM', () => {
  process.stdout.write(`GAPS ${JSON.stringify(gaps)}\n`);
  process.exit(0);
});
const never = new Promise(() => {});
async function waitForever(i) {
  await never;
  return i;
}
async function job(i) {
  return waitForever(i) + (await waitForever(i));
}
globalThis.pendingJobs = Array.from({ length: Number(process.argv[2] ?? 0) }, (_, i) => job(i));
process.stdout.write('READY\n');
chunk();
