// Preload for bench/hold-timers.mjs: an async_hooks init hook, as an agent finding pending timers
// that way would install. PMDB_BENCH_HOOK=keep keeps each Timeout (a WeakRef in a Set, what such
// an agent needs); =empty does nothing in the hook (the floor of the approach). pmdb does neither:
// it walks Node's own timer lists at a resume; the bench shows what the program would pay.
'use strict';
const { createHook } = require('node:async_hooks');

const keep = process.env.PMDB_BENCH_HOOK === 'keep';
const timeouts = new Set();
createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    if (keep && type === 'Timeout') timeouts.add(new WeakRef(resource));
  },
}).enable();
