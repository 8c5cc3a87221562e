// Drives the real `pmdb` CLI through a pseudo-terminal, as a person at a terminal would.
//
//   const s = startSession(['-c', 'continue', 'crash.js']);
//   await s.expect('(Pmdb) ');
//   s.send('p local');
//   expect(await s.expect('(Pmdb) ')).toContain('42');
//
// Output is accumulated with ANSI escapes and carriage returns removed. `expect` looks only at the
// text after the read position, returns what came before the match and moves past the match.
import { spawn, type IPty } from 'node-pty';
import { baseEnv } from './env.js';
import { CLI, FIXTURES } from './paths.js';
import { stripAnsi } from './strip.js';

export const PROMPT = '(Pmdb) ';
export const DEFAULT_TIMEOUT = 10_000;
/** Session options for tests of line editing: a real terminal type, colors still off. */
export const LINE_EDITING: SessionOptions = { env: { TERM: 'xterm-256color' } };
/** Both terminal types, for behaviour that must hold in Node's dumb and full line editors. */
export const TERMINALS: ReadonlyArray<readonly [string, SessionOptions]> = [
  ['dumb', {}],
  ['xterm-256color', LINE_EDITING],
];

export interface SessionOptions {
  /** Working directory (default: test/fixtures). */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string | undefined>;
  /** Keep colors: do not set NO_COLOR=1 and TERM=dumb. */
  colors?: boolean;
  cols?: number;
  rows?: number;
  /** What starts pmdb, before its arguments (default: this Node and the built CLI). */
  command?: string[];
}

interface Waiter {
  pattern: string | RegExp;
  resolve: (before: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const live = new Set<PtySession>();

/** Close every session still open (call from afterEach). */
export async function closeAllSessions(): Promise<void> {
  await Promise.all([...live].map((s) => s.close()));
}

export function startSession(args: string[], options: SessionOptions = {}): PtySession {
  return new PtySession(args, options);
}

/** `abc` typed into a terminal that echoes k times: `aabbcc` for k = 2. */
const repeatEach = (line: string, k: number): string => [...line].map((c) => c.repeat(k)).join('');

export class PtySession {
  readonly pty: IPty;
  /** The whole output so far, escapes and \r removed. */
  output = '';
  /** The whole output so far, as the terminal received it. */
  raw = '';
  /** Read position in `output`: `expect` searches from here. */
  pos = 0;
  exitCode: number | undefined;
  signal: number | undefined;
  /** Resolves with pmdb's exit code. */
  readonly exited: Promise<number>;
  private pending = '';
  private waiter: Waiter | undefined;

  constructor(
    readonly args: string[],
    options: SessionOptions = {},
  ) {
    const env = baseEnv();
    // Note: with TERM=dumb Node's readline is a plain line editor (no completion, no cursor
    // keys); tests of line editing pass env: { TERM: 'xterm-256color' } (see LINE_EDITING).
    if (options.colors) {
      env.TERM = 'xterm-256color';
      delete env.NO_COLOR;
    } else Object.assign(env, { NO_COLOR: '1', TERM: 'dumb' });
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const [file, ...leading] = options.command ?? [process.execPath, CLI];
    this.pty = spawn(file!, [...leading, ...args], {
      name: env.TERM ?? 'dumb',
      cols: options.cols ?? 200,
      rows: options.rows ?? 50,
      cwd: options.cwd ?? FIXTURES,
      env,
    });
    live.add(this);
    this.pty.onData((data) => this.onData(data));
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.flush(true);
        this.exitCode = exitCode;
        this.signal = signal;
        live.delete(this);
        // Let a waiter see the last output before it learns of the exit.
        setImmediate(() => {
          this.check();
          if (this.waiter) this.fail(`pmdb exited (code ${exitCode}, signal ${signal ?? 0}) before`);
        });
        resolve(exitCode);
      });
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  /** Text after the read position. */
  get rest(): string {
    return this.output.slice(this.pos);
  }

  /** Wait for `pattern` after the read position; return the text before it and move past it. */
  expect(pattern: string | RegExp, timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
    if (this.waiter) throw new Error('expect() called while another expect() is waiting');
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      this.waiter = { pattern, resolve, reject, timer };
      this.check();
      if (this.waiter && this.exitCode !== undefined) this.fail(`pmdb had already exited (code ${this.exitCode})`);
    });
  }

  /** Wait for the prompt; return the output of the command that ran before it. */
  prompt(timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
    return this.expect(PROMPT, timeoutMs);
  }

  /** Type a line and Enter. */
  send(line: string): void {
    this.pty.write(`${line}\r`);
  }

  sendRaw(bytes: string): void {
    this.pty.write(bytes);
  }

  /** Send a command and return its output (the echo of the command line is removed). */
  async run(line: string, timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
    this.send(line);
    const out = await this.prompt(timeoutMs);
    // The echo of the typed line. A terminal left in cooked mode echoes every character a second
    // time (`ccoonnttiinnuuee`), or more; tests that care check `echo()`, the others look past it.
    for (let k = 1; k <= 12; k++) {
      const echo = `${repeatEach(line, k)}\n`;
      if (!out.startsWith(echo)) continue;
      let rest = out.slice(echo.length);
      for (let extra = 1; extra < k && rest.startsWith('\n'); extra++) rest = rest.slice(1);
      return rest;
    }
    return out;
  }

  /** Send a line and return how the terminal showed it (up to the end of that line). */
  async echo(line: string): Promise<string> {
    this.send(line);
    return this.expect('\n');
  }

  /** Wait for pmdb to exit, failing after the timeout. */
  async waitExit(timeoutMs = DEFAULT_TIMEOUT): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`pmdb did not exit within ${timeoutMs} ms\n${this.tail()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      this.pty.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
    live.delete(this);
  }

  tail(n = 2000): string {
    const text = this.output.slice(-n);
    return `--- last ${Math.min(n, this.output.length)} chars of output (read position ${this.pos}/${this.output.length}) ---\n${text}\n--- end of output ---`;
  }

  private onData(data: string): void {
    this.raw += data;
    this.pending += data;
    this.flush(false);
    this.check();
  }

  /** Move pending raw output into `output`, holding back an escape sequence cut in half. */
  private flush(all: boolean): void {
    let ready = this.pending;
    this.pending = '';
    if (!all) {
      const esc = ready.lastIndexOf('\x1b');
      if (esc >= 0 && ready.length - esc < 64 && stripAnsi(ready.slice(esc)).startsWith('\x1b')) {
        this.pending = ready.slice(esc);
        ready = ready.slice(0, esc);
      }
    }
    this.output += stripAnsi(ready);
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    const rest = this.output.slice(this.pos);
    let index = -1;
    let length = 0;
    if (typeof w.pattern === 'string') {
      index = rest.indexOf(w.pattern);
      length = w.pattern.length;
    } else {
      const m = new RegExp(w.pattern.source, w.pattern.flags.replace('g', '')).exec(rest);
      if (m) [index, length] = [m.index, m[0].length];
    }
    if (index < 0) return;
    this.waiter = undefined;
    clearTimeout(w.timer);
    this.pos += index + length;
    w.resolve(rest.slice(0, index));
  }

  private fail(why: string): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = undefined;
    clearTimeout(w.timer);
    const what = typeof w.pattern === 'string' ? JSON.stringify(w.pattern) : String(w.pattern);
    w.reject(new Error(`pmdb ${this.args.join(' ')}: ${why} waiting for ${what}\n${this.tail()}`));
  }
}
