// npm's `prepare`: builds dist/ unless it is newer than everything it is built from. `npm ci`
// builds it once; after that, npm runs `prepare` again whenever it installs this directory as a
// package, and `npx pmdb` at the repository's root does just that (npm exec links the project
// into its npx cache on first use): a full rebuild there would delete dist/ under any pmdb already
// running from it, and cost the README's quick start a second build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const built = path.join(root, 'dist', 'cli', 'main.js'); // bundle-cli.mjs writes it last

/** The newest modification time under `file` (a file or a directory). */
function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

const inputs = ['src', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/bundle-cli.mjs'].map((name) => path.join(root, name));
if (mtime(built) <= Math.max(...inputs.map(newest))) {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const r = spawnSync(npm[0], [...npm.slice(1), 'run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
