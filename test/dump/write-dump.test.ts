// Dumps are written whole or not at all, readable by their owner only, and never through a link
// someone planted where the dump will be written.
import { describe, expect, it } from 'vitest';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeDump } from '../../src/dump/write-dump.js';
import { readDump } from '../../src/dump/read-dump.js';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { freshDir } from '../helpers/dumps.js';
import { CLI } from '../helpers/paths.js';
import { seed } from '../helpers/seed-dump.js';

/** The name writeDump gives the seed: script, time, pid. */
const SEED_NAME = 'job.js-2026-11-21T00-00-00-000Z-1.pmdump';

describe('writing a dump', () => {
  it('makes the directory 0700 and the dump 0600, and leaves nothing else in the directory', () => {
    const dir = path.join(freshDir(), 'nested');
    const file = writeDump(seed, dir);
    expect(path.basename(file)).toBe(SEED_NAME);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SEED_NAME]);
    expect(readDump(file)).toMatchObject({ createdAt: seed.createdAt, frames: seed.frames });
  });

  it('a symbolic link planted at the dump\'s name is not followed: its target is untouched, the dump takes the next name', () => {
    const dir = freshDir();
    writeDump(seed, dir);
    const victim = path.join(path.dirname(dir), 'victim.txt');
    writeFileSync(victim, 'precious\n', { mode: 0o644 });
    const planted = path.join(dir, SEED_NAME.replace('Z-1.', 'Z-2.'));
    symlinkSync(victim, planted);
    const file = writeDump({ ...seed, process: { ...seed.process, pid: 2 } }, dir);
    expect(file).toBe(planted.replace('.pmdump', '-1.pmdump'));
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
    expect(readlinkSync(planted)).toBe(victim);
    expect(readDump(file).process.pid).toBe(2);
  });

  it('a second dump of the same name does not replace the first', () => {
    const dir = freshDir();
    const first = writeDump(seed, dir);
    const second = writeDump({ ...seed, live: false }, dir);
    expect(path.basename(second)).toBe(SEED_NAME.replace('.pmdump', '-1.pmdump'));
    expect(readDump(first).live).toBe(true);
    expect(readDump(second).live).toBe(false);
  });

  it('a dump that cannot be written whole leaves no file behind (writes past a file size limit fail, as on a full disk)', async () => {
    const dir = freshDir();
    // 16 KB: the dump of dump-crash.js is ~100 KB; pmdb and the program write nothing else to files.
    const r = await runProcess('bash', ['-c', `ulimit -f 16 && exec "$0" "$@"`, process.execPath, CLI, 'run', '--dump-dir', dir, '--', process.execPath, 'dump-crash.js']);
    expect(r.stderr.toString()).toMatch(/^pmdb: could not write a crash dump: EFBIG: file too large, write\n/);
    expect(r.code).toBe(1);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('a directory other users can write to is refused in one line, unless its sticky bit keeps them off others\' files (as /tmp); so is one another user owns', async () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o777);
    expect(() => writeDump(seed, dir)).toThrow(`not writing into ${dir}: other users can write to it (chmod go-w, or another --dump-dir)`);
    const r = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'deep-throw.js']);
    expect(r.stderr.toString()).toMatch(/^pmdb: could not write a crash dump: not writing into .*: other users can write to it \(chmod go-w, or another --dump-dir\)\n/);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    chmodSync(dir, 0o1777);
    expect(statSync(writeDump(seed, dir)).mode & 0o777).toBe(0o600);
    if (process.getuid!() === 0) {
      const owned = freshDir();
      mkdirSync(owned, { mode: 0o755 });
      chownSync(owned, 65534, 65534);
      expect(() => writeDump(seed, owned)).toThrow(`not writing into ${owned}: it belongs to another user (uid 65534)`);
    }
  });
});
