// A process that is always busy, in 1 ms chunks of work chained by setImmediate: a gap between two
// chunks longer than a chunk is a time the process was stopped (bench/attach.mjs). On SIGTERM it
// prints every gap over 5 ms as `GAPS [[epoch ms it began, length ms], ...]` and exits.
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
process.stdout.write('READY\n');
chunk();
