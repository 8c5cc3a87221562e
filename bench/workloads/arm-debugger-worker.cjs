// Worker half of arm-debugger.cjs: posts the inspector calls to the main thread, then stays alive.
'use strict';
const { workerData } = require('node:worker_threads');
const inspector = require('node:inspector');

// A worker whose only handle is an inspector session exits at once: keep one referenced.
setInterval(() => {}, 1 << 30);
const flag = new Int32Array(workerData.flag);
const session = new inspector.Session();
session.connectToMainThread();
(async () => {
  for (const [method, params] of workerData.steps) {
    await new Promise((resolve, reject) => session.post(method, params, (err) => (err ? reject(err) : resolve())));
  }
  Atomics.store(flag, 0, 1);
})().catch((err) => {
  process._rawDebug(`arm-debugger-worker: ${err.message}`);
  Atomics.store(flag, 0, 2);
});
