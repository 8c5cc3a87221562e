// The private directory (mode 0700) that holds the agents' socket: named after the pmdb that
// made it, so that one left by a pmdb that died without cleaning up (SIGKILL) is removed by the
// next pmdb of the same user; removed on every way out of a pmdb that lives to exit.
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { traceNote } from '../util/debug-log.js';

const PREFIX = 'pmdb-channel-';
/** `pmdb-channel-PID-XXXXXX`, as mkdtemp completes it. */
const NAME = new RegExp(`^${PREFIX}(\\d+)-[A-Za-z0-9]{6}$`);

export function makeChannelDirectory(): { dir: string; remove(): void } {
  removeStaleDirectories();
  const dir = mkdtempSync(path.join(tmpdir(), `${PREFIX}${process.pid}-`));
  const remove = () => {
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { dir, remove };
}

/** This user's channel directories whose pmdb no longer runs. */
function removeStaleDirectories(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = NAME.exec(name)?.[1];
    if (!pid || isRunning(Number(pid))) continue;
    const dir = path.join(tmpdir(), name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || stat.uid !== process.getuid?.()) continue;
      rmSync(dir, { recursive: true, force: true });
      traceNote(`removed the channel directory of pmdb ${pid}, which no longer runs: ${dir}`);
    } catch {
      // Removed meanwhile by another pmdb.
    }
  }
}

/** A PID reused by another process counts as running: its directory stays, harmless. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
