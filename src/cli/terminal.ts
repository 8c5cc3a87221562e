// The terminal is shared with the debuggee: while the program runs it owns stdin (pmdb reads
// nothing, the tty is in its normal cooked mode so Ctrl-C is a signal), while it is stopped the
// prompt owns it (raw mode, line editing, history, completion). A readline interface is opened
// for each stop and closed before the program resumes.
import * as readline from 'node:readline';

export type Completer = (line: string) => Promise<[string[], string]>;

export interface LineReader {
  /** Next line typed at the prompt; null at end of input. */
  read(prompt: string, completer?: Completer): Promise<string | null>;
  /** Give stdin back to the program. */
  release(): void;
  /** Ends a read in progress as at the end of input (the program it was for is gone). */
  cancel(): void;
  /** No more input will ever come (a pipe or file at its end); always false on a terminal. */
  atEnd(): Promise<boolean>;
  readonly isTTY: boolean;
}

export function createLineReader(input: NodeJS.ReadStream, output: NodeJS.WriteStream): LineReader {
  return input.isTTY ? new TtyLineReader(input, output) : new PipeLineReader(input);
}

class TtyLineReader implements LineReader {
  readonly isTTY = true;
  private rl?: readline.Interface;
  private readonly history: string[] = [];
  private completer?: Completer;

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {}

  read(prompt: string, completer?: Completer): Promise<string | null> {
    this.completer = completer;
    const rl = this.open();
    return new Promise((resolve) => {
      const finish = (line: string | null) => {
        rl.off('line', onLine);
        rl.off('close', onClose);
        rl.off('SIGINT', onInterrupt);
        resolve(line);
      };
      const onLine = (line: string) => finish(line);
      const onClose = () => {
        this.rl = undefined;
        finish(null);
      };
      // Ctrl-C at the prompt abandons the line being typed, as in pdb.
      const onInterrupt = () => {
        const editable = rl as unknown as { line: string; cursor: number };
        editable.line = '';
        editable.cursor = 0;
        this.output.write('\n--KeyboardInterrupt--\n');
        rl.setPrompt(prompt);
        rl.prompt();
      };
      rl.on('line', onLine);
      rl.once('close', onClose);
      rl.on('SIGINT', onInterrupt);
      rl.setPrompt(prompt);
      rl.prompt();
    });
  }

  async atEnd(): Promise<boolean> {
    return false;
  }

  cancel(): void {
    this.rl?.close();
  }

  release(): void {
    const rl = this.rl;
    this.rl = undefined;
    if (!rl) return;
    // readline's own 'close' listener detaches its keypress handler: keep it, or every resume
    // leaves one more handler echoing each key.
    rl.close();
    if (this.input.isRaw) this.input.setRawMode(false);
    this.input.pause();
  }

  private open(): readline.Interface {
    if (this.rl) return this.rl;
    this.rl = readline.createInterface({
      input: this.input,
      output: this.output,
      terminal: true,
      history: this.history,
      historySize: 1000,
      removeHistoryDuplicates: true,
      tabSize: 4,
      completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
        if (!this.completer) return callback(null, [[], line]);
        this.completer(line).then(
          (r) => callback(null, r),
          () => callback(null, [[], line]),
        );
      },
    });
    return this.rl;
  }
}

/** Input from a pipe or file: one persistent reader, lines queued, never echoed. */
class PipeLineReader implements LineReader {
  readonly isTTY = false;
  private readonly queue: string[] = [];
  private waiting?: (line: string | null) => void;
  private ended = false;
  private rl?: readline.Interface;

  constructor(private readonly input: NodeJS.ReadStream) {}

  read(prompt: string): Promise<string | null> {
    process.stdout.write(prompt);
    this.start();
    const next = this.queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  release(): void {
    // Lines already read stay queued for the next stop; the pipe is not shared in a useful way.
  }

  cancel(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(null);
  }

  /**
   * Whether the input has ended, without consuming a line. Input that has ended says so at
   * once (a file, `< /dev/null`); a program driving pmdb through a pipe may instead be waiting for
   * a prompt before it types, so after a short while the answer is no.
   */
  atEnd(): Promise<boolean> {
    this.start();
    if (this.queue.length > 0) return Promise.resolve(false);
    if (this.ended) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(false);
      }, 100);
      this.waiting = (line) => {
        clearTimeout(timer);
        if (line !== null) this.queue.unshift(line);
        resolve(line === null);
      };
    });
  }

  private start(): void {
    if (this.rl) return;
    this.rl = readline.createInterface({ input: this.input, terminal: false });
    this.rl.on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else this.queue.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(null);
    });
  }
}
