// `--stop-on escaped` (DESIGN §5): besides errors that escape, pmdb stops live where the
// program's code throws an error that library code will catch (a web framework's router), and
// `c` lets the library handle it as it would have. Errors the program catches itself, and
// errors thrown and caught inside libraries, never stop. The apps ask themselves for the paths
// given as arguments over real HTTP and print each answer.
import { describe, expect, it } from 'vitest';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { FINISHED, UNCAUGHT, useSessions } from '../helpers/sessions.js';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { fixture } from '../helpers/paths.js';

useSessions();

const EXPRESS = 'escaped/express-app.js';
const FASTIFY = 'escaped/fastify-app.mjs';
const at = (file: string, line: number, source: string) => `> ${fixture(file)}(${line})<anonymous>()\n-> ${source}\n`;
const escapedTo = (by: string, error: string) => `Exception caught by ${by} (--stop-on escaped): ${error}\n`;
const session = (script: string, ...paths: string[]): PtySession => startSession(['--stop-on', 'escaped', '-c', 'continue', script, ...paths]);

describe('--stop-on escaped in an Express 5 app', () => {
  it("stops live in a sync handler that throws; c lets Express answer 500 and the program go on", async () => {
    const s = session(EXPRESS, '/sync', '/caught');
    const head = await s.prompt();
    expect(head).toBe(escapedTo('router', 'Error: order 7 has no price') + at(EXPRESS, 11, 'throw new Error(`order ${order.id} has no price`);'));
    expect(await s.run('p order')).toBe("{ id: 7, items: [ 'tea' ] }\n");
    expect(await s.run('p req.path')).toBe("'/sync'\n");
    // The handler's own JSON.parse error, caught by the handler, does not stop.
    expect(await s.run('c')).toMatch(new RegExp(`^/sync 500 error: order 7 has no price\n/caught 200 bad json: SyntaxError\n${FINISHED}\n`));
  });

  it('stops live in an async handler rejecting after an await, its sync caller gone, and in one rejecting before', async () => {
    const s = session(EXPRESS, '/async', '/early');
    expect(await s.prompt()).toBe(escapedTo('express', 'Error: no account for ada') + at(EXPRESS, 16, 'throw new Error(`no account for ${user.name}`);'));
    expect(await s.run('p user.name')).toBe("'ada'\n");
    expect(await s.run('c')).toBe(
      '/async 500 error: no account for ada\n' + escapedTo('router', 'RangeError: limit 0 is too small') + at(EXPRESS, 22, 'if (limit < 1) throw new RangeError(`limit ${limit} is too small`);'),
    );
    expect(await s.run('p limit')).toBe('0\n');
    expect(await s.run('c')).toMatch(new RegExp(`^/early 500 error: limit 0 is too small\n${FINISHED}\n`));
  });

  it('postMortem(err) in the error middleware opens the snapshot taken at the throw', async () => {
    const s = session(EXPRESS, '/report');
    expect(await s.prompt()).toBe(escapedTo('router', 'Error: cart of 2 cannot be paid') + at(EXPRESS, 45, 'throw new Error(`cart of ${cart.length} cannot be paid`);'));
    const report = await s.run('c');
    expect(report).toContain('Error: cart of 2 cannot be paid\npmdb: the frames are a snapshot taken at the throw, not live\n');
    expect(report).toContain(at(EXPRESS, 45, 'throw new Error(`cart of ${cart.length} cannot be paid`);'));
    expect(await s.run('p cart')).toBe("[ 'pen', 'ink' ]\n");
    expect(await s.run('c')).toMatch(new RegExp(`^/report 500 error: cart of 2 cannot be paid\n${FINISHED}\n`));
  });

  it("never stops where the user's code catches: a wrapper passing the rejection to next", async () => {
    const s = session(EXPRESS, '/wrapped', '/caught');
    expect(await s.prompt()).toMatch(new RegExp(`^/wrapped 500 error: passed on by forward\n/caught 200 bad json: SyntaxError\n${FINISHED}\n`));
  });
});

describe('--stop-on escaped in TypeScript', () => {
  it('stops in an async Express handler written in TypeScript, which tsx wraps in a function', async () => {
    const file = 'escaped/express-app.ts';
    const s = session(file);
    expect(await s.prompt()).toBe(escapedTo('express', 'Error: order 9 is empty') + at(file, 15, 'throw new Error(`order ${order.id} is empty`);'));
    expect(await s.run('p order')).toBe('{ id: 9, items: [] }\n');
    expect(await s.run('c')).toMatch(new RegExp(`^/async 500\n${FINISHED}\n`));
  });
});

describe('--stop-on escaped in a Fastify 5 app (an ES module with top-level await)', () => {
  it('stops in the sync and the async handler; c lets Fastify answer 500 each time', async () => {
    const s = session(FASTIFY, '/sync', '/async', '/caught');
    expect(await s.prompt()).toBe(escapedTo('fastify', 'Error: invoice 12 is empty') + at(FASTIFY, 10, 'throw new Error(`invoice ${invoice.number} is empty`);'));
    expect(await s.run('p invoice.lines')).toBe('3\n');
    const next = await s.run('c');
    expect(next).toMatch(/^\/sync 500 \{"statusCode":500,"error":"Internal Server Error","message":"invoice 12 is empty"\}\n/);
    expect(next).toContain(escapedTo('fastify', 'Error: A-1 is out of stock') + at(FASTIFY, 15, 'throw new Error(`${stock.sku} is out of stock`);'));
    expect(await s.run('p stock')).toBe("{ sku: 'A-1', count: 0 }\n");
    expect(await s.run('c')).toMatch(new RegExp(`^/async 500 .*A-1 is out of stock.*\n/caught 200 from the database\n${FINISHED}\n`));
  });
});

describe('--stop-on escaped elsewhere', () => {
  it("a program whose errors its own code catches, inside a package (yaml) or not, runs as under node", async () => {
    const plain = await runNode(['escaped/caught.js']);
    const s = session('escaped/caught.js');
    const head = await s.prompt();
    expect(head).toBe(`${plain.stdout.toString()}The program exited with status 3 and will be restarted\n> ${fixture('escaped/caught.js')}(4)<module>()\n-> const YAML = require('yaml');\n`);
    expect(plain.code).toBe(3);
  });

  it('an error that escapes stops as it does without the option', async () => {
    const s = startSession(['--stop-on', 'escaped', '-c', 'continue', 'deep-throw.js']);
    expect(await s.prompt()).toContain(`Error: cannot parse ALPHA at depth 5\n${UNCAUGHT}\n`);
  });

  it('pmdb run --stop-on escaped: the prompt opens in the server process, which goes on after c', async () => {
    const s = startSession(['run', '--stop-on', 'escaped', '--', 'node', EXPRESS, '/sync', '/async']);
    expect(await s.prompt()).toBe(escapedTo('router', 'Error: order 7 has no price') + at(EXPRESS, 11, 'throw new Error(`order ${order.id} has no price`);'));
    expect(await s.run('p order.id')).toBe('7\n');
    expect(await s.run('c')).toBe('/sync 500 error: order 7 has no price\n' + escapedTo('express', 'Error: no account for ada') + at(EXPRESS, 16, 'throw new Error(`no account for ${user.name}`);'));
    s.send('c');
    expect(await s.waitExit()).toBe(0);
    expect(s.rest).toBe('c\n/async 500 error: no account for ada\n');
  });

  it("pmdb run --stop-on escaped -- npx vitest run: a failing expect stops in the test's frame, not in the assertion library", async () => {
    // cart.test.mjs also has a passing test, an expected throw (toThrow) and an error the test
    // catches: only the failing expect stops.
    // CI=1: vitest's terminal reporter redraws its live summary from the main process while the
    // paused fork's prompt is open, which would land between a command and its answer.
    const s = startSession(['run', '--stop-on', 'escaped', '--', 'npx', 'vitest', 'run'], { cwd: fixture('escaped/vitest-app'), env: { CI: '1' } });
    const head = await s.prompt(30_000);
    expect(head).toContain(
      escapedTo('@vitest/runner', 'AssertionError: expected 5 to be 6 // Object.is equality') +
        `> ${fixture('escaped/vitest-app/cart.test.mjs')}(11)<anonymous>()\n-> expect(total(items)).toBe(6);\n`,
    );
    expect(await s.run('p items')).toBe('[ { price: 2 }, { price: 3 } ]\n');
    s.send('c');
    expect(await s.waitExit(30_000)).toBe(1);
    expect(s.rest).toMatch(/Tests {2}1 failed \| 3 passed \(4\)/);
    expect(s.rest).not.toContain('(Pmdb)');
  });

  it('a value other than escaped is one clear line', async () => {
    const r = await runPmdb(['--stop-on', 'caught', 'deep-throw.js']);
    expect([r.code, r.stderr.toString()]).toEqual([2, "pmdb: --stop-on takes 'escaped', not 'caught'\n"]);
  });
});
