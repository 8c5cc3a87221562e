// Where dump tests put dumps: a directory of their own that does not exist yet (pmdb makes it),
// and the dumps found in it.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A path for a dump directory, inside a fresh temporary directory. */
export const freshDir = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'pmdb-test-')), 'dumps');

/** The dumps in `dir`, as paths. */
export const dumpsIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pmdump'))
    .map((f) => path.join(dir, f));
