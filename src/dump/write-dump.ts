// Writes a dump where only its owner can read it: mode 0600 in a directory created 0700.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Dump } from './format.js';

/** PMDB_DUMP_DIR, else ./pmdb-dumps (DESIGN §1). */
export function dumpDirectory(explicit?: string): string {
  return path.resolve(explicit ?? process.env.PMDB_DUMP_DIR ?? 'pmdb-dumps');
}

export function writeDump(dump: Dump, directory: string, name?: string): string {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // `name`: what the dump is about (`pmdb test`: the failing test), else the process's script.
  const script = (name || path.basename(dump.process.argv[1] ?? 'node')).replace(/[^\w.-]+/g, '_').slice(0, 120);
  const stamp = dump.createdAt.replace(/[:.]/g, '-');
  const file = path.join(directory, `${script}-${stamp}-${dump.process.pid}.pmdump`);
  writeFileSync(file, JSON.stringify(dump), { mode: 0o600, flag: 'wx' });
  return file;
}
