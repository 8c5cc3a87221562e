// Which module loaders a script needs. TypeScript runs through tsx with no build step.
// CommonJS-format entries keep Node's CommonJS path (tsx's require hook for .ts), where V8
// reports an uncaught exception at the throw. ES module entries run through the ESM loader as
// written (tsx's hooks for TypeScript), and stop at the throw through the agent's entry window
// (agent/entry-escape.cts); `--import` puts the whole program on the ESM path, so it is used
// only for them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const agent = (file: string) => fileURLToPath(new URL(`../agent/${file}`, import.meta.url));

/**
 * Node flags for the script: the agent's preload first (it starts the agent), the loaders, and
 * last a preload that waits for the agent, so its start-up overlaps the loaders' loading.
 */
export function nodeArgs(script: string): string[] {
  const typescript = /\.[cm]?tsx?$/.test(script);
  const preload = ['--require', agent('preload.cjs')];
  if (!isModule(script)) {
    return [...preload, ...(typescript ? ['--require', require.resolve('tsx/cjs')] : []), '--require', agent('ready.cjs')];
  }
  // `--import` takes the CommonJS waiter too: it runs after tsx's hooks are registered.
  return [...preload, ...(typescript ? ['--import', require.resolve('tsx/esm')] : []), '--import', agent('ready.cjs')];
}

/** Whether Node will not run the file as written: TypeScript. */
export function isCompiled(script: string): boolean {
  return /\.[cm]?tsx?$/.test(script);
}

/** Node's rule: .mjs/.mts are modules, .cjs/.cts are not, others follow package.json "type". */
function isModule(script: string): boolean {
  if (/\.m[jt]s$/.test(script)) return true;
  if (/\.c[jt]s$/.test(script)) return false;
  for (let dir = path.dirname(path.resolve(script)); ; dir = path.dirname(dir)) {
    try {
      return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module';
    } catch {
      if (path.dirname(dir) === dir) return false;
    }
  }
}
