// An ES module entry that catches N exceptions while Node evaluates it (argv[2], default 0): each
// one pauses an armed process while its window is open (src/agent/entry-escape.cts), 3 frames
// below a try/catch. Prints the time its top level took.
const N = Number(process.argv[2]) || 0;
function parse(i) {
  throw new Error(`bad record ${i}`);
}
function validate(i) {
  return parse(i) + 1;
}
const t0 = performance.now();
let bad = 0;
for (let i = 0; i < N; i++) {
  try {
    validate(i);
  } catch {
    bad++;
  }
}
console.log('BENCH ' + JSON.stringify({ ms: performance.now() - t0, bad }));
