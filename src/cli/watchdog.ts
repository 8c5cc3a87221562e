// `pmdb run --timeout SECONDS [--repeat] [--exit]`: faulthandler.dump_traceback_later for a
// command. When the command still runs after SECONDS, every Node process of its tree has its
// stacks printed on stderr (as `pmdb stacks` prints them) and its main thread written to a dump;
// --repeat does it again every SECONDS, --exit then ends the command with a failing status.
// PMDB_TIMEOUT gives a process armed with pmdb/register the same watchdog, for itself alone.
import { treeOf } from '../util/process-tree.js';
import { readProcessStacks } from './stacks-session.js';
import { terminalText } from './terminal-text.js';

export interface WatchdogOptions {
  seconds: number;
  repeat: boolean;
  exit: boolean;
  dumpDir: string;
  /** The process and every process it started (`pmdb run`), or the process alone (PMDB_TIMEOUT). */
  tree: boolean;
}

export class Watchdog {
  private timer?: NodeJS.Timeout;
  private firing?: Promise<void>;
  /** --exit ended the command. */
  fired = false;
  /** No report will come any more: the one there was to make is made. */
  finished = false;

  constructor(
    private readonly root: number,
    private readonly options: WatchdogOptions,
    private readonly write: (text: string) => void,
  ) {
    this.arm();
  }

  /** The command has ended: no more reports (one under way is finished first). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.firing;
  }

  private arm(): void {
    this.timer = setTimeout(() => (this.firing = this.fire()), this.options.seconds * 1000);
  }

  private async fire(): Promise<void> {
    const pids = this.options.tree ? treeOf(this.root) : [this.root];
    for (const pid of pids) {
      try {
        const { text, dump } = await readProcessStacks(String(pid), { locals: false, dumpDir: this.options.dumpDir });
        this.write(terminalText(`pmdb: process ${pid} still running after ${this.options.seconds} s:\n${text}`, false));
        if (dump) this.write(terminalText(`pmdb: dump written to ${dump}\n`, false));
      } catch {
        // Not a Node process (a shell, npm's sh -c), or gone meanwhile: nothing to report.
      }
    }
    if (this.options.exit) {
      this.fired = true;
      for (const pid of pids.reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
    } else if (this.options.repeat && this.timer) {
      this.arm();
      return;
    }
    this.finished = true;
  }
}
