// Throws an uncaught TypeError 20 frames deep, after printing the wall-clock instant of the throw
// (`THROW_AT <ms since epoch>`) so that bench/latency.mjs can time throw-to-prompt. TypeScript:
// the traceback and the prompt's location line go through tsx's source map.
interface Config {
  retries: number;
  timeout?: { seconds: number };
}
const DEPTH: number = 20;

function level(n: number, config: Config): number {
  if (n === DEPTH) {
    console.log(`THROW_AT ${performance.timeOrigin + performance.now()}`);
    return config.timeout!.seconds * 1000; // config.timeout is undefined: TypeError
  }
  const result: number = level(n + 1, config);
  return result;
}

level(1, { retries: 3 });
