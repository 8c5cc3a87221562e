// 10^6 handled throws: each `throw new Error()` happens 3 frames below a try/catch that handles
// it. With the debugger enabled V8 predicts, for every throw, whether something will catch it
// (it walks the stack looking for handlers) even though pmdb only pauses on uncaught ones.
'use strict';
const { startTimer } = require('./inner-timer.cjs');
const N = Number(process.argv[2]) || 1e6;
// argv[3] === 'object': throw a plain object (no stack capture), the cheapest possible throw.
const CHEAP = process.argv[3] === 'object';

function parse(i) {
  if (CHEAP) throw { record: i };
  throw new Error(`bad record ${i}`);
}
function validate(i) {
  return parse(i) + 1;
}
function load(i) {
  return validate(i) * 2;
}

const stop = startTimer();
let caught = 0;
for (let i = 0; i < N; i++) {
  try {
    load(i);
  } catch (err) {
    if (err) caught++;
  }
}
console.log(`BENCH ${JSON.stringify({ ...stop(), caught })}`);
