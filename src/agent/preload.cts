// The part of the agent that runs on the debuggee's main thread, loaded with `node --require`.
// It starts the agent worker (which drives this thread's inspector) and holds the main thread
// until the worker is ready, so that the very first line of the program already runs armed.
//
// CommonJS on purpose: `--require` keeps the entry module on Node's CommonJS path, where V8's
// `uncaught` exception prediction works (an `--import` preload would push every entry through
// the ESM loader, whose machinery catches everything first).
import { isMainThread, Worker, MessageChannel } from 'node:worker_threads';
import * as path from 'node:path';
import { AGENT_ENV, type AgentConfig } from './config.cjs';

const raw = process.env[AGENT_ENV];

if (isMainThread && raw) {
  // The program must not see pmdb's channel, nor pass it on to processes it starts.
  delete process.env[AGENT_ENV];
  arm(JSON.parse(raw) as AgentConfig);
}

function arm(config: AgentConfig): void {
  const flag = new Int32Array(new SharedArrayBuffer(8));
  // A port the worker uses to wake this thread when it is idle in the event loop (Ctrl-C pause):
  // V8 can only pause while JavaScript runs, so the worker makes some run.
  const wake = new MessageChannel();
  wake.port1.on('message', () => {});
  wake.port1.unref();

  const worker = new Worker(path.join(__dirname, 'worker.js'), {
    // Workers inherit --require: without this the agent would load itself inside its own worker.
    execArgv: [],
    env: { ...process.env },
    workerData: { config, flag: flag.buffer, entry: process.argv[1] ?? '', wakePort: wake.port2 },
    transferList: [wake.port2],
    stdout: false,
    stderr: false,
  });
  worker.unref();
  worker.on('error', (err) => {
    process._rawDebug(`pmdb: agent failed: ${err instanceof Error ? err.message : String(err)}`);
  });

  // Spin, not Atomics.wait: the worker's inspector messages are dispatched on this thread through
  // V8 interrupts, which are serviced only while JavaScript runs (measured: Atomics.wait never
  // lets them through and deadlocks).
  const deadline = Date.now() + 15_000;
  while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {
    /* spin */
  }
  if (Atomics.load(flag, 0) !== 1) {
    process._rawDebug('pmdb: the debugger agent did not start; running unarmed');
    return;
  }

  if (config.interactive) {
    // Ctrl-C reaches the debuggee too (same process group as the terminal). pdb's behaviour is
    // to break into the prompt, so the signal must not kill the process; the front end pauses it.
    process.on('SIGINT', () => {});
  }

  // Tell the front end how the program ends: process.exit() and a natural end both exit 0,
  // but pdb reports them differently. The worker acknowledges before we let the exit proceed.
  const reallyExit = process.reallyExit;
  process.reallyExit = function (code?: number) {
    Atomics.store(flag, 1, 0);
    worker.postMessage({ type: 'exit', code: code ?? 0 });
    const until = Date.now() + 2_000;
    while (Atomics.load(flag, 1) === 0 && Date.now() < until) Atomics.wait(flag, 1, 0, 5);
    return reallyExit.call(process, code);
  };
}
