// vitest globalSetup: the runner fixtures that need a runner of another major than the root's
// (vitest 4 and 5; the root's vitest 3 runs pmdb's suite) have their own package.json and lock.
// Installed once, on a clean clone or when the lock changed: `npm ci` takes ~5 s each.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNERS = fileURLToPath(new URL('../fixtures/runners/', import.meta.url));
export const OWN_INSTALLS = ['vitest4', 'vitest5'];

export default function setup(): void {
  for (const project of OWN_INSTALLS) {
    const dir = path.join(RUNNERS, project);
    const installed = path.join(dir, 'node_modules', '.package-lock.json');
    if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(path.join(dir, 'package-lock.json')).mtimeMs) continue;
    // engine-strict off: vitest 5 wants Node 22.12+, and its tests skip on Node 20, but one install serves every Node.
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--engine-strict=false', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
