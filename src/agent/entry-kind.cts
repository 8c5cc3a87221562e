// Whether Node will run this process's entry through its ES module loader: then an escaping error
// is seen only by pausing on caught exceptions while the entry is evaluated (entry-escape.cts).
// Asked on the main thread by the preload, before Node loads the entry; nothing else loaded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function entryRunsAsModule(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (flags.some((f) => /^--(import|loader|experimental-loader|experimental-default-type=module)\b/.test(f))) return true;
  const entry = process.argv[1];
  if (!entry) return false;
  if (/\.m[jt]s$/.test(entry)) return true;
  if (/\.c[jt]s$/.test(entry)) return false;
  // .js, .ts or no extension: the nearest package.json says.
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) return false;
    }
  }
}
