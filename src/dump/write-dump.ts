// Writes a dump where only its owner can read it, whole or not at all: the text goes to a
// temporary file in the dump directory, created mode 0600 (never a file or link already there),
// is flushed to the disk, then linked under its name, which fails rather than replace or follow
// anything there (a symbolic link planted at the dump's name, another dump of the same
// millisecond): the next name is taken. A full disk or a crash mid-write leaves no half dump
// behind and a reader never sees one. The directory is created 0700; an existing one that other
// users could write to is refused (unsafeDirectory).
import { closeSync, constants, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Dump } from './format.js';

/** PMDB_DUMP_DIR, else ./pmdb-dumps (DESIGN §1). */
export function dumpDirectory(explicit?: string): string {
  return path.resolve(explicit ?? process.env.PMDB_DUMP_DIR ?? 'pmdb-dumps');
}

/** O_EXCL: fail rather than open what is there, a link included; O_NOFOLLOW where the platform has it. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export function writeDump(dump: Dump, directory: string, about?: string): string {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const unsafe = unsafeDirectory(directory);
  if (unsafe) throw new Error(`not writing into ${directory}: ${unsafe}`);
  // `about`: what the dump is about (`pmdb test`: the failing test), else the process's script.
  const script = (about || path.basename(dump.process.argv[1] ?? 'node')).replace(/[^\w.-]+/g, '_').slice(0, 120);
  const stamp = dump.createdAt.replace(/[:.]/g, '-');
  const name = `${script}-${stamp}-${dump.process.pid}`;
  const temporary = path.join(directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, CREATE_NEW, 0o600);
  try {
    try {
      writeAll(fd, Buffer.from(JSON.stringify(dump)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const file = publish(temporary, directory, name);
    syncDirectory(directory);
    return file;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Why `directory` is no place for a dump, if it is not: another user could replace or remove a
 * dump under its name there. Other users' write access counts unless the sticky bit (as on /tmp)
 * keeps them to their own files; a group's counts unless it is the user's own group.
 */
function unsafeDirectory(directory: string): string | undefined {
  // Windows has no such modes (its ACLs are the user's profile's).
  if (!process.getuid || !process.getgid) return undefined;
  const { uid, gid, mode } = statSync(directory);
  if (uid !== process.getuid() && uid !== 0) return `it belongs to another user (uid ${uid})`;
  const othersWrite = (mode & 0o002) !== 0 || ((mode & 0o020) !== 0 && gid !== process.getgid());
  if (othersWrite && (mode & 0o1000) === 0) return 'other users can write to it (chmod go-w, or another --dump-dir)';
  return undefined;
}

/** The complete temporary file under the first free name of `name.pmdump`, `name-1.pmdump`... */
function publish(temporary: string, directory: string, name: string): string {
  for (let n = 0; ; n++) {
    const file = path.join(directory, `${name}${n ? `-${n}` : ''}.pmdump`);
    try {
      linkSync(temporary, file);
      return file;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && n < 100) continue;
      // A file system without hard links: rename, which replaces a link at the name without following it.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
        renameSync(temporary, file);
        return file;
      }
      throw err;
    }
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** The rename itself made durable; a file system that cannot sync a directory has still renamed. */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort (EISDIR/EINVAL on some systems): the dump is complete under its name already.
  }
}
