// Which module loaders a script needs. TypeScript runs through tsx with no build step. tsx's
// CommonJS hook is used for CommonJS-format files so that the entry stays on Node's CommonJS
// path, where V8 reports uncaught exceptions at the throw (see agent/preload.cts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function loaderArgs(script: string): string[] {
  if (/\.(ts|cts|tsx)$/.test(script)) return ['--require', require.resolve('tsx/cjs')];
  if (/\.mts$/.test(script)) return ['--import', require.resolve('tsx/esm')];
  return [];
}
