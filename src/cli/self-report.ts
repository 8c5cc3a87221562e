// The stacks a process armed with pmdb/register asks for about itself (agent/self-reports.cts
// starts this as a child process, with the process's stderr as its own): `self-report PID signal`
// prints them once, for SIGUSR2 (faulthandler.register); `self-report PID timeout SPEC` is the
// watchdog of PMDB_TIMEOUT (faulthandler.dump_traceback_later), which `pmdb run --timeout` is for
// a whole command. From outside the process, as `pmdb stacks PID`: a main thread spinning in a
// loop is reached as well (SIGUSR1 interrupts V8, where a timer or listener of its own never runs).
import { readProcessStacks } from './stacks-session.js';
import { Watchdog } from './watchdog.js';
import { parseTimeout } from '../util/timeout-spec.cjs';
import { dumpDirectory } from '../dump/write-dump.js';

const write = (text: string) => process.stderr.write(text);
const [pidText, mode, spec] = process.argv.slice(2);
const pid = Number(pidText);

if (mode === 'signal') {
  try {
    const { text } = await readProcessStacks(String(pid), { locals: false });
    write(`pmdb: stacks of process ${pid} (SIGUSR2):\n${text}`);
  } catch (err) {
    write(`pmdb: cannot read the stacks of process ${pid}: ${(err as Error).message}\n`);
  }
} else {
  const watchdog = new Watchdog(pid, { ...parseTimeout(spec ?? '')!, dumpDir: dumpDirectory(), tree: false }, write);
  // The watched process is this one's parent: once it is gone (this process is handed to another
  // parent), or nothing more is to be reported, the watchdog goes too.
  const check = setInterval(() => {
    if (process.ppid !== pid || watchdog.finished) {
      clearInterval(check);
      void watchdog.stop();
    }
  }, 250);
}
