// A connection to a Node process's own inspector (the WebSocket that `--inspect` or SIGUSR1
// opens): what `pmdb attach` and `pmdb stacks` talk to, where `pmdb SCRIPT` has its agent. `ws`
// carries it: Node 20's global WebSocket needs --experimental-websocket in pmdb's own process, so
// the global one would fork the code by version.
import WebSocket from 'ws';
import { CdpEndpoint, type CdpMessage } from './cdp-endpoint.js';

export class InspectorSocket extends CdpEndpoint {
  readonly closed: Promise<void>;

  private constructor(private readonly socket: WebSocket) {
    super((text) => socket.send(text));
    socket.on('message', (data) => this.receive(JSON.parse(String(data)) as CdpMessage));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.hangUp();
        resolve();
      }),
    );
  }

  static connect(url: string): Promise<InspectorSocket> {
    return new Promise((resolve, reject) => {
      // A paused event with a deep stack, or a dump's text, may be large: no limit of ws's own.
      const socket = new WebSocket(url, { maxPayload: 0, perMessageDeflate: false });
      socket.once('open', () => resolve(new InspectorSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** Drops the connection at once, without the closing handshake: the other end does not answer. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Resolves once the connection is closed, by either end. */
  close(): Promise<void> {
    this.socket.close();
    return this.closed;
  }
}
