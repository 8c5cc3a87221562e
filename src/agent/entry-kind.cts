// Whether Node will run this process's entry through its ES module loader: then an escaping error
// is seen only by pausing on caught exceptions while the entry is evaluated (entry-escape.cts).
// Asked on the main thread by the preload, before Node loads the entry; nothing else loaded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isatty } from 'node:tty';

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

/**
 * Whether Node runs this process's code from a string: `-e`, `-p`, or a script on stdin
 * (`node - < file`, `node < file`). Node runs it through its vm layer, which catches every error
 * and rethrows it once its frames are gone (vm-rethrow.cts): like an ES module entry, it stops
 * live only by pausing on caught exceptions while it runs (entry-escape.cts).
 */
export function entryIsEvaluated(): boolean {
  if (process.execArgv.some((f) => /^(-e|-p|-pe|--eval|--print)(=|$)/.test(f))) return true;
  const entry = process.argv[1];
  // No script and no terminal on stdin: Node reads the script from stdin (with one, it is the REPL).
  return entry === '-' || (entry === undefined && !isatty(0));
}
