// The channel to pmdb is the program's lifeline: when it breaks without pmdb's farewell (pmdb was
// killed, even by SIGKILL, where it can clean up nothing), the program and the processes it
// started end, as they would when the terminal that ran them closes: SIGHUP to each, then SIGKILL
// to the program if it is still there after a grace period (it may handle or ignore SIGHUP).
// Descendants that survive their SIGHUP and outlive the program are beyond reach (docs/security.md).
import { treeOf } from '../util/process-tree.js';

const GRACE_MS = 2_000;

export function endWithFrontEnd(): void {
  // Children first: the program's death must not orphan them before they are found.
  for (const pid of treeOf(process.pid).slice(1).reverse()) signal(pid, 'SIGHUP');
  signal(process.pid, 'SIGHUP');
  setTimeout(() => signal(process.pid, 'SIGKILL'), GRACE_MS);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}
