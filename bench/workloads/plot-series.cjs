// bench/plot.mjs's debuggee: large numeric series in a frame that then crashes.
function crash() {
  const million = new Float64Array(1e6).map((_, i) => Math.sin(i / 5e4) * 100 + (i % 1000) / 100);
  const array = Array.from(million);
  const points = Array.from({ length: 1e5 }, (_, i) => ({ x: i, y: million[i * 10] }));
  throw new Error(`plot me: ${million.length + array.length + points.length}`);
}
crash();
