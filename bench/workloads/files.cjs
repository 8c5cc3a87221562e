// A realistic async batch job: read every JSON file of a directory with fs.promises, parse it,
// validate it in an async helper and aggregate totals per category, a bounded number of files
// at a time (like p-limit), for several passes. Directory: argv[2], made by bench/overhead.mjs.
'use strict';
const fs = require('node:fs/promises');
const path = require('node:path');
const { startTimer } = require('./inner-timer.cjs');

const DIR = process.argv[2];
const PASSES = Number(process.argv[3]) || 10;
const CONCURRENCY = 16;

async function loadRecord(file) {
  const text = await fs.readFile(path.join(DIR, file), 'utf8');
  const record = JSON.parse(text);
  return validate(record);
}

async function validate(record) {
  if (typeof record.category !== 'string') throw new TypeError('no category');
  return record;
}

async function aggregate(files) {
  const totals = new Map();
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const record = await loadRecord(files[next++]);
      for (const item of record.items) {
        const t = totals.get(record.category) ?? { count: 0, amount: 0 };
        t.count++;
        t.amount += item.price * item.quantity;
        totals.set(record.category, t);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return totals;
}

async function main() {
  const stop = startTimer();
  let records = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const files = (await fs.readdir(DIR)).filter((f) => f.endsWith('.json'));
    const totals = await aggregate(files);
    records += files.length;
    if (totals.size === 0) throw new Error('nothing aggregated');
  }
  console.log(`BENCH ${JSON.stringify({ ...stop(), records })}`);
}
main();
