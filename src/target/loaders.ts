// Which module loaders a script needs. TypeScript runs through tsx with no build step.
// CommonJS-format entries keep Node's CommonJS path (tsx's require hook for .ts), where V8
// reports an uncaught exception at the throw. ES module entries need the ESM loader and pmdb's
// entry hooks (agent/wrap-entry.ts); `--import` puts the whole program on the ESM path, so it is
// used only for them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const esmRegister = fileURLToPath(new URL('../agent/esm-register.js', import.meta.url));

export function loaderArgs(script: string): string[] {
  const typescript = /\.[cm]?tsx?$/.test(script);
  if (!isModule(script)) return typescript ? ['--require', require.resolve('tsx/cjs')] : [];
  return [...(typescript ? ['--import', require.resolve('tsx/esm')] : []), '--import', esmRegister];
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
