// bench/hold-timers.mjs's debuggee: a heap of about PMDB_BENCH_HEAP_MB MB, PMDB_BENCH_TIMERS
// pending timers over 50 durations, then a `debugger;` statement. A worker thread of its own
// plays pmdb's agent (an inspector session to this thread) and measures, at that pause, what
// holding the timers costs per resume, against finding the timers with Runtime.queryObjects.
// Prints `BENCH {...}` and ends.
const { Worker } = require('node:worker_threads');
const path = require('node:path');

const heapMbWanted = Number(process.env.PMDB_BENCH_HEAP_MB ?? 200);
const timers = Number(process.env.PMDB_BENCH_TIMERS ?? 1000);
// ~80 bytes an object (an object, its string, the array slot).
const heap = Array.from({ length: heapMbWanted * 13_000 }, (_, i) => ({ i, s: `item ${i}` }));
for (let i = 0; i < timers; i++) setTimeout(() => {}, 60_000 + (i % 50)).unref();
globalThis.aTimer = setTimeout(() => {}, 60_000).unref();

let heapMb;
const agent = new Worker(path.join(__dirname, 'held-heap-agent.mjs'));
agent.on('message', (m) => {
  // The agent's debugger is on: pause here for it.
  if (m === 'ready') {
    heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    debugger;
    heap.length = 0;
  } else console.log(`BENCH ${JSON.stringify({ ...m, heapMb })}`);
});
