// The measuring side of held-heap.cjs, in a worker thread as pmdb's agent is: at the main
// thread's pause, pmdb's holdTimers (first call: finds the timers module; then cached) and
// Runtime.queryObjects on Timeout.prototype, each timed; then it lets the thread go on.
import { Session } from 'node:inspector';
import { parentPort } from 'node:worker_threads';
import { holdTimers } from '../../dist/agent/hold-timers.js';

const ROUNDS = 20;
const session = new Session();
session.connectToMainThread();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
const timed = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

session.once('Debugger.paused', async () => {
  const first = await timed(() => holdTimers(post, 0));
  const held = [];
  for (let i = 0; i < ROUNDS; i++) held.push(await timed(() => holdTimers(post, 0)));
  const { result } = await post('Runtime.evaluate', { expression: 'Object.getPrototypeOf(globalThis.aTimer)', objectGroup: 'bench-prototype' });
  const queried = [];
  for (let i = 0; i < 3; i++) {
    queried.push(await timed(() => post('Runtime.queryObjects', { prototypeObjectId: result.objectId, objectGroup: 'bench' })));
    await post('Runtime.releaseObjectGroup', { objectGroup: 'bench' });
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  parentPort.postMessage({ firstMs: first, heldMs: median(held), queryObjectsMs: median(queried) });
  await post('Debugger.resume');
  session.disconnect();
  clearInterval(alive);
});
// Nothing else keeps this thread alive until the pause.
const alive = setInterval(() => {}, 2 ** 30);
await post('Debugger.enable');
parentPort.postMessage('ready');
