// The last step of `npm run build`: the `pmdb` command as one module (plus one per part it loads
// only when needed: `pmdb open`, `pmdb run`, the script session), in place of tsc's
// dist/cli/main.js. Node resolves, reads and compiles each ES module on its own, and for the 70
// modules `pmdb open` loads that cost more than reading the dump (docs/benchmarks.md).
//
// It bundles tsc's output, so the command runs the very code tsc checked. The parts are written
// next to main.js, one directory below dist/ as every module was, so that paths the code takes
// from import.meta.url (`../agent/preload.cjs`, `../register.cjs`) still name tsc's files: the
// agent, the library and pmdb/register stay separate modules, loaded into programs by path.
// Packages stay outside (node_modules), as loaded before.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const dist = new URL('../dist/cli/', import.meta.url).pathname;

await build({
  entryPoints: [`${dist}main.js`],
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'main-[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
  // CommonJS parts (src/**/*.cts, shared with the debuggee) require Node's builtins: an ES module
  // has no `require` of its own to give them.
  banner: { js: "import { createRequire as __pmdbCreateRequire } from 'node:module'; const require = __pmdbCreateRequire(import.meta.url);" },
});

// The bin: `npx pmdb` runs this file itself, so it must be executable (files are written 0644).
chmodSync(`${dist}main.js`, 0o755);
