// What a process armed with pmdb/register reports about itself, as Python's faulthandler does:
// - SIGUSR2 prints every thread's stacks on stderr (faulthandler.register), as `pmdb stacks PID`
//   prints them; a program with a SIGUSR2 listener of its own keeps the signal to itself (pmdb's
//   listener then does nothing), and one without no longer dies of it: that is the feature.
// - PMDB_TIMEOUT='SECONDS [--repeat] [--exit]' (faulthandler.dump_traceback_later): when the
//   process still runs after SECONDS, its stacks go to stderr and its main thread to a dump, as
//   `pmdb run --timeout` does for a command.
// Both read the process from a child process (cli/self-report.ts), through the inspector, as
// `pmdb stacks` does: a main thread spinning in a loop runs no timer and no listener of its own.
// The child writes to this process's stderr directly, and holds nothing here open (unref'd).
import { writeSync } from 'node:fs';
import * as path from 'node:path';
import { parseTimeout } from '../util/timeout-spec.cjs';

const SELF_REPORT = path.join(__dirname, '../cli/self-report.js');

function startReport(args: string[]): void {
  // pmdb's own process: no NODE_OPTIONS (pmdb/register would arm it too) and no PMDB_TIMEOUT.
  const { NODE_OPTIONS: _options, PMDB_TIMEOUT: _timeout, ...env } = process.env;
  try {
    // Loaded at the first report: a process that never asks for one does not pay for it.
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    spawn(process.execPath, [SELF_REPORT, String(process.pid), ...args], { stdio: ['ignore', 'ignore', 2], env, detached: false }).unref();
  } catch (err) {
    writeSync(2, `pmdb: cannot report this process's stacks: ${(err as Error).message}\n`);
  }
}

export function armSelfReports(): void {
  const timeout = process.env.PMDB_TIMEOUT;
  if (timeout) {
    // Checked here, once: a bad value is one line at start, not a watchdog that never fires.
    if (parseTimeout(timeout)) startReport(['timeout', timeout]);
    else writeSync(2, `pmdb: PMDB_TIMEOUT='${timeout}': expected SECONDS [--repeat] [--exit], as in PMDB_TIMEOUT='60 --repeat'; no watchdog\n`);
  }
  process.on('SIGUSR2', function pmdbStacksOnSignal() {
    if (process.listenerCount('SIGUSR2') === 1) startReport(['signal']);
  });
}
