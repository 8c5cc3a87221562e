// Variants of the 10^6-awaits loop that tell which step costs what when the debugger is on:
//   await-value  `s += await i`        one await, no async call
//   call-only    `leaf(i)` unawaited   one async call (enter + resolve), no await
//   then-chain   `p = p.then(f)`       one promise reaction, no async function at all
'use strict';
const SHAPE = process.argv[2];
const N = Number(process.argv[3]) || 1e6;

async function leaf(i) {
  return i + 1;
}

async function main() {
  const t0 = performance.now();
  let s = 0;
  if (SHAPE === 'await-value') for (let i = 0; i < N; i++) s += await i;
  else if (SHAPE === 'call-only') for (let i = 0; i < N; i++) leaf(i);
  else if (SHAPE === 'then-chain') {
    let p = Promise.resolve(0);
    for (let i = 0; i < N; i++) p = p.then((x) => x + 1);
    s = await p;
  } else throw new Error(`unknown shape ${SHAPE}`);
  const ms = performance.now() - t0;
  console.log(`BENCH ${JSON.stringify({ ms, s })}`);
}
main();
