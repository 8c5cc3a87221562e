// 10^6 awaited async calls: `s += await leaf(i)` where leaf is an async function. Each
// iteration is one async call, one await and one microtask, the shape of most async code.
// bench/async-cost.mjs explains why this is the worst case for a debugger-armed process.
'use strict';
const { startTimer } = require('./inner-timer.cjs');

const N = Number(process.argv[2]) || 1e6;

async function leaf(i) {
  return i + 1;
}

async function main() {
  const stop = startTimer();
  let s = 0;
  for (let i = 0; i < N; i++) s += await leaf(i);
  console.log(`BENCH ${JSON.stringify({ ...stop(), s })}`);
}
main();
