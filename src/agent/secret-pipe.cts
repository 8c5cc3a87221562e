// `pmdb SCRIPT` hands its program's agent the channel's secret through a pipe on an inherited
// descriptor, not the environment: a process's initial environment stays readable by the same
// user in /proc/PID/environ, a pipe's contents by nobody once read (docs/security.md). Read and
// closed before the program's first line, so the program neither sees it nor passes it on.
import { closeSync, readSync } from 'node:fs';

/** Waits this long at most for pmdb's write (it comes before Node has even started). */
const WAIT_MS = 5_000;

export function readSecret(fd: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(256);
  const deadline = Date.now() + WAIT_MS;
  try {
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (err) {
        // The descriptor may be non-blocking: spin until pmdb's write and end arrive.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN' && Date.now() < deadline) continue;
        break;
      }
      if (read === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    try {
      closeSync(fd);
    } catch {}
  }
  return Buffer.concat(chunks).toString('utf8');
}
