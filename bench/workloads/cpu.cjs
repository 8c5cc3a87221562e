// CPU-bound workload: a tight arithmetic loop plus many small (inlinable and non-inlinable)
// calls. Nothing throws and nothing awaits, so any slowdown under pmdb is the pure cost of
// running armed (debugger enabled, pause on uncaught exceptions).
'use strict';
const { startTimer } = require('./inner-timer.cjs');

const OPS = Number(process.argv[2]) || 1e8;
const CALLS = Number(process.argv[3]) || 2e7;

function mix(a, b) {
  return (a * 31 + b) | 0;
}
function collatzSteps(n) {
  let steps = 0;
  while (n !== 1 && steps < 1000) {
    n = n % 2 ? 3 * n + 1 : n / 2;
    steps++;
  }
  return steps;
}

const stop = startTimer();
let h = 0;
for (let i = 0; i < OPS; i++) h = (h + i * i) ^ (i >>> 3);
for (let i = 0; i < CALLS; i++) h = mix(h, i);
let steps = 0;
for (let i = 1; i < 300000; i++) steps += collatzSteps(i);
console.log(`BENCH ${JSON.stringify({ ...stop(), check: h ^ steps })}`);
