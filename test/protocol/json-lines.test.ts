// The private channel carries a message of any size in time linear in its size: a 32 MB line
// (a `p` of a long string) arrives in many chunks, and each is searched for its line end once.
import { describe, expect, it } from 'vitest';
import { createServer, connect, type Socket } from 'node:net';
import { JsonLines } from '../../src/protocol/json-lines.js';

/** A connected pair of real sockets over loopback. */
async function socketPair(): Promise<[Socket, Socket]> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = connect(port, '127.0.0.1');
  const other = await accepted;
  server.close();
  return [client, other];
}

describe('JsonLines', () => {
  it('a 32 MB message and the small ones around it arrive whole, in order, within 3 s (searching the whole buffer per chunk took 27 s)', async () => {
    const [a, b] = await socketPair();
    const received: unknown[] = [];
    const all = new Promise<void>((resolve) => {
      new JsonLines(b, (m) => received.push(m) === 3 && resolve(), () => {});
    });
    const sender = new JsonLines(a, () => {}, () => {});
    const big = 'x'.repeat(2 ** 25);
    const started = Date.now();
    sender.send({ id: 1 });
    sender.send({ id: 2, big });
    sender.send({ id: 3 });
    await all;
    const took = Date.now() - started;
    a.destroy();
    b.destroy();
    expect(received.map((m) => (m as { id: number }).id)).toEqual([1, 2, 3]);
    expect((received[1] as { big: string }).big).toBe(big);
    expect(took).toBeLessThan(3000);
  });
});
