// A small JSON API with async handlers, as Express or Fastify serve it (bench/server.mjs):
// `node server.cjs express|fastify` listens on a free loopback port and prints `PORT n`.
// Each request awaits a few async steps (a store lookup, a price computation, an audit write),
// as a service handler awaiting its data layer does: no real I/O, so the figure is the
// framework's and the awaits' cost, which is what arming the debugger can change.
const framework = process.argv[2];

const store = new Map(Array.from({ length: 1000 }, (_, i) => [i, { id: i, sku: `SKU-${i}`, price: (i % 97) + 0.99, stock: i % 13 }]));
const lookup = async (id) => store.get(id % 1000);
const priced = async (item, quantity) => ({ ...item, quantity, total: Math.round(item.price * quantity * 100) / 100 });
let audits = 0;
const audit = async () => void audits++;

async function order(id, quantity) {
  const item = await lookup(id);
  if (!item) throw new Error(`no item ${id}`);
  const line = await priced(item, quantity);
  await audit();
  return { order: line, audits };
}

async function main() {
  let listen;
  if (framework === 'express') {
    const express = require('express');
    const app = express();
    app.get('/orders/:id', async (req, res) => res.json(await order(Number(req.params.id), Number(req.query.q ?? 1))));
    listen = () => new Promise((resolve) => { const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port)); });
  } else if (framework === 'fastify') {
    const app = require('fastify')();
    app.get('/orders/:id', async (req) => order(Number(req.params.id), Number(req.query.q ?? 1)));
    listen = async () => { await app.listen({ port: 0, host: '127.0.0.1' }); return app.server.address().port; };
  } else {
    throw new Error(`usage: node server.cjs express|fastify (got ${framework})`);
  }
  console.log(`PORT ${await listen()}`);
}
main();
