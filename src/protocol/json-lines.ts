// Newline-delimited JSON over a stream socket: the private channel between the front end and the
// agent inside a debuggee. One message per line; a message never contains a raw newline because
// JSON.stringify escapes it.
import type { Socket } from 'node:net';
import { traceNote } from '../util/debug-log.js';

export class JsonLines {
  /** The chunks of a line whose end has not come yet. */
  private partial: string[] = [];
  private closed = false;

  constructor(
    private readonly socket: Socket,
    onMessage: (message: object) => void,
    onClose: () => void,
  ) {
    socket.setEncoding('utf8');
    // A long line comes in many chunks: each chunk is searched once and kept aside until its
    // line ends (searching the whole buffer again for each chunk made a 32 MB line take seconds).
    socket.on('data', (chunk: string) => {
      let start = 0;
      let newline: number;
      while ((newline = chunk.indexOf('\n', start)) >= 0) {
        this.partial.push(chunk.slice(start, newline));
        const line = this.partial.join('');
        this.partial = [];
        start = newline + 1;
        if (line) deliver(line, onMessage);
      }
      if (start < chunk.length) this.partial.push(chunk.slice(start));
    });
    const close = () => {
      if (this.closed) return;
      this.closed = true;
      onClose();
    };
    socket.on('close', close);
    socket.on('error', close);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(message: unknown, flushed?: () => void): void {
    if (this.closed) {
      flushed?.();
      return;
    }
    this.socket.write(JSON.stringify(message) + '\n', () => flushed?.());
  }
}

/** A line that is not a JSON object is dropped: whoever wrote it, the program must not suffer. */
function deliver(line: string, onMessage: (message: object) => void): void {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    traceNote(`dropped a line on the private channel that is not JSON: ${line.slice(0, 200)}`);
    return;
  }
  if (typeof message === 'object' && message !== null) onMessage(message);
  else traceNote(`dropped a line on the private channel that is not an object: ${line.slice(0, 200)}`);
}
