// `npm ci` runs the install scripts of esbuild (its binary) and node-pty (its addon) without
// warning: package.json's allowScripts approves them (npm 11 skips unreviewed install scripts).
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-pipe.js';

it("every dependency's install script is approved or denied in package.json", async () => {
  const r = await runProcess('npm', ['install-scripts', 'ls'], { cwd: ROOT, timeoutMs: 60_000 });
  expect([r.code, r.stdout.toString().trim()]).toEqual([0, 'No packages with unreviewed install scripts.']);
});
