// Newline-delimited JSON over a stream socket: the private channel between the front end and the
// agent inside a debuggee. One message per line; a message never contains a raw newline because
// JSON.stringify escapes it.
import type { Socket } from 'node:net';
import { traceNote } from '../util/debug-log.js';

export class JsonLines {
  private buffer = '';
  private closed = false;

  constructor(
    private readonly socket: Socket,
    onMessage: (message: object) => void,
    onClose: () => void,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line) deliver(line, onMessage);
      }
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
