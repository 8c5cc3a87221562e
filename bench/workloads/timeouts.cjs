// 2*10^5 timeouts of 0 ms, a thousand at a time: a timer-heavy program.
'use strict';
const { startTimer } = require('./inner-timer.cjs');

const N = Number(process.argv[2]) || 2e5;
const WAVE = 1000;

async function main() {
  const stop = startTimer();
  for (let done = 0; done < N; done += WAVE) {
    await Promise.all(Array.from({ length: WAVE }, () => new Promise((resolve) => setTimeout(resolve, 0))));
  }
  console.log(`BENCH ${JSON.stringify(stop())}`);
}
main();
