// Throws an uncaught TypeError 20 frames deep, after printing the wall-clock instant of the throw
// (`THROW_AT <ms since epoch>`) so that bench/latency.mjs can time throw-to-prompt.
'use strict';
const DEPTH = 20;

function level(n, config) {
  if (n === DEPTH) {
    console.log(`THROW_AT ${performance.timeOrigin + performance.now()}`);
    return config.timeout.seconds * 1000; // config.timeout is undefined: TypeError
  }
  const result = level(n + 1, config);
  return result;
}

level(1, { retries: 3 });
