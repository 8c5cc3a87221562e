// A program whose parser (a package: node_modules/exceptional-ini) throws and catches an
// exception for each line it tries a reader on: 2 per entry line, 1 per comment, so 10^4 caught
// exceptions inside the package per run by default. bench/escaped.mjs runs it under plain node
// and under `pmdb --stop-on escaped -c continue`, where none of these throws may pause.
'use strict';
const { startTimer } = require('./inner-timer.cjs');
const ini = require('exceptional-ini');
const THROWS = Number(process.argv[2]) || 1e4;

// Per section: one header (0 throws), one comment (1), two entries (2 each): 5 throws.
const lines = [];
for (let i = 0; i < THROWS / 5; i++) lines.push(`[server${i}]`, `; replica ${i}`, `host = 10.0.${i % 256}.1`, `port = ${8000 + i}`);
const text = lines.join('\n');

const stop = startTimer();
const config = ini.parse(text);
console.log(`BENCH ${JSON.stringify({ ...stop(), sections: Object.keys(config).length })}`);
