// `pmdb test` with a terminal: the command's output comes through pmdb, and waits while a prompt is
// open. A runner that owns a terminal redraws its live summary every second (vitest's window
// renderer moves the cursor up and erases the lines it drew last), which would erase the
// prompt's lines; through a pipe it prints its plain report instead, and nothing it prints
// lands in the middle of a prompt. Each stream keeps its own order; what waited comes out, in
// order, when the last prompt closes.
import type { Readable, Writable } from 'node:stream';

export class HeldOutput {
  private held?: [Writable, Buffer][];
  private readonly ended: Promise<void>[] = [];

  /** Copies `from` to `to`, holding what comes while a prompt is open. */
  relay(from: Readable, to: Writable): void {
    from.on('data', (chunk: Buffer) => (this.held ? this.held.push([to, chunk]) : to.write(chunk)));
    this.ended.push(new Promise((resolve) => from.once('close', resolve)));
  }

  /** A prompt opens: what the command prints waits. */
  hold(): void {
    this.held ??= [];
  }

  /** The last prompt closed: what waited comes out. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const [to, chunk] of held) to.write(chunk);
  }

  /** Resolves when every relayed stream has ended (the command and every process sharing its output are gone). */
  async drained(): Promise<void> {
    await Promise.all(this.ended);
  }
}
