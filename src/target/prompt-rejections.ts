// A promise made at a dump's prompt (`p Promise.reject(new Error('x'))`) is a value to look at:
// left rejected without a handler, Node's default ends the process it lives in, which is pmdb
// (pmdb open died a moment after such a line). Rejections of promises of those contexts are
// ignored; any other still ends pmdb, as it did.
import * as vm from 'node:vm';

const promptPromises = new WeakSet<object>();
let listening = false;

/** Promises of `context` are the prompt's: their rejections never end pmdb. */
export function keepRejectionsOf(context: vm.Context): void {
  promptPromises.add(vm.runInContext('Promise.prototype', context) as object);
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', (reason, promise) => {
    if (promptPromises.has(Object.getPrototypeOf(promise) as object)) return;
    throw reason;
  });
}
