// Preload for bench/async-cost.mjs: arms this process's inspector the way PMDB_BENCH_ARM says,
// without pmdb, to isolate which part of "being debugged" costs what.
//   PMDB_BENCH_ARM="<worker|same>;Method[=json params];Method..."
//   e.g. "worker;Debugger.enable;Debugger.setAsyncCallStackDepth={\"maxDepth\":0}"
// `worker`: a worker thread connected with Session.connectToMainThread() (pmdb's agent design);
// `same`: a Session.connect() on the main thread itself. The main thread waits until every call
// has been answered, so the program's first line already runs armed.
'use strict';
const { Worker, isMainThread } = require('node:worker_threads');
const inspector = require('node:inspector');
const path = require('node:path');

const spec = process.env.PMDB_BENCH_ARM;
if (isMainThread && spec) {
  delete process.env.PMDB_BENCH_ARM;
  const [where, ...calls] = spec.split(';');
  const steps = calls.map((c) => {
    const i = c.indexOf('=');
    return i < 0 ? [c, {}] : [c.slice(0, i), JSON.parse(c.slice(i + 1))];
  });
  if (where === 'same') {
    const session = new inspector.Session();
    session.connect();
    // Same-thread sessions answer synchronously, inside post().
    for (const [method, params] of steps) session.post(method, params);
    globalThis.__pmdbBenchSession = session;
  } else {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(path.join(__dirname, 'arm-debugger-worker.cjs'), {
      execArgv: [],
      workerData: { steps, flag: flag.buffer },
    });
    worker.unref();
    // Spin rather than Atomics.wait: the worker's inspector calls are executed on this thread
    // through V8 interrupts, which are only serviced while JavaScript runs.
    const deadline = Date.now() + 10_000;
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {}
    if (Atomics.load(flag, 0) !== 1) throw new Error('arm-debugger: the worker did not arm the inspector');
  }
}
