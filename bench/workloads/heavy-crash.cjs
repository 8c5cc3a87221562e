// 50 frames holding about 100 MB of locals (a 1 MB string and a 125,000-number array, ~1 MB,
// each), then a crash at the bottom. Prints the time of the throw on stderr for the bench.
function level(n) {
  const text = 'y'.repeat(1024 * 1024);
  const samples = Array.from({ length: 125_000 }, (_, i) => i * 0.5);
  const record = { n, label: `level ${n}`, nested: { deep: { deeper: { values: [1, 2, 3] } } } };
  if (n === 0) {
    process.stderr.write(`THROW_AT ${performance.timeOrigin + performance.now()}\n`);
    throw new Error(`bottom of ${record.label}`);
  }
  return level(n - 1) + text.length + samples.length;
}
level(49);
