// Real programs on real packages (yaml, zod, express, fastify, tsx; test/fixtures/real), debugged
// as a user would: every value pmdb prints is checked against what the program logged itself, and
// the program's own output and exit status against plain node's.
import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { runNode, runPmdb, type PipeResult } from '../helpers/run-pipe.js';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { NOT_LIVE, runToPrompt, useSessions } from '../helpers/sessions.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { FIXTURES } from '../helpers/paths.js';

useSessions();

const REAL = path.join(FIXTURES, 'real');
const real = (name: string): string => path.join(REAL, name);
const inReal = { cwd: REAL };
/** How a user runs a TypeScript program without pmdb. */
const TSX = ['--import', 'tsx'];
/** What the program itself would get reading a `const` whose initializer is still running. */
const notYet = (name: string): string => `*** ReferenceError: Cannot access '${name}' before initialization\n`;

/** The rest of the line the program logged after `label`. */
function logged(output: string, label: string): string {
  const at = output.indexOf(label);
  expect(at, `the program logged ${label}`).toBeGreaterThanOrEqual(0);
  const start = at + label.length;
  const end = output.indexOf('\n', start);
  return output.slice(start, end < 0 ? undefined : end);
}

/** `up` until the frame of `name` is the current one. */
async function upTo(s: PtySession, name: string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const out = await s.run('up');
    if (out.includes(`)${name}()\n`)) return out;
    expect(out).not.toContain('Oldest frame');
  }
  throw new Error(`no frame ${name}`);
}

/** A TCP port some other process already listens on. */
function takenPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('real programs stopped at their crash show the values they really had', () => {
  it('a yaml + zod config loader (TypeScript, CommonJS): the stop is in zod, the loader up the stack holds what it logged', async () => {
    const { s, head } = await runToPrompt('config-loader.ts', inReal);
    const raw = logged(head, 'raw settings: ');
    expect(head).toContain('ZodError: [\n');
    expect(head).toMatch(/\n> \S*\/node_modules\/zod\/\S+\.cjs\(\d+\)\w+\(\)\n-> /);
    const where = await s.run('where');
    expect(where).toContain(`  ${real('config-loader.ts')}(31)<module>()\n-> const settings = loadSettings(path.join(__dirname, "config"), process.argv[2]);\n`);
    expect(where).toContain(`  ${real('config-loader.ts')}(27)loadSettings()\n-> const settings = Settings.parse(raw);\n`);
    await upTo(s, 'loadSettings');
    expect(await s.run('p JSON.stringify(raw)')).toBe(`'${raw}'\n`);
    expect(await s.run('p raw.timeouts')).toBe("{ connect: '2s', read: 30 }\n");
    expect(await s.run('args')).toBe(`dir = '${real('config')}'\nname = 'service.yaml'\n`);
    expect(await s.run('p file')).toBe(`'${real('config/service.yaml')}'\n`);
    expect(await s.run('whatis Settings')).toBe('ZodObject\n');
    expect(await s.run('p settings')).toBe(notYet('settings'));
    // The program's own functions run in the frame: zod says what it rejects.
    expect(await s.run('p Settings.safeParse(raw).error.issues[0].path')).toBe("[ 'timeouts', 'connect' ]\n");
    expect(await s.run('ll')).toContain('27  ->\t  const settings = Settings.parse(raw);\n');
  });

  it('a command-line tool (ES module, argv, JSON.parse of a bad file): the file, its line count and the totals so far', async () => {
    const { s, head } = await runToPrompt('inventory-cli.mjs', { ...inReal, args: ['-v', 'data/north.json', 'data/south.json'] });
    expect(head).toContain(`> ${real('inventory-cli.mjs')}(17)readInventory()\n-> return JSON.parse(text);\n`);
    expect(await s.run('args')).toBe("file = 'data/south.json'\n");
    expect(await s.run('p lines')).toBe(`${logged(head, 'reading south.json (').replace(' lines)', '')}\n`);
    expect(await s.run('p options')).toBe("[Object: null prototype] { verbose: true, min: '0' }\n");
    expect(await s.run('up')).toBe(`> ${real('inventory-cli.mjs')}(22)<module>()\n-> const items = readInventory(file);\n`);
    expect(await s.run('p index')).toBe('1\n');
    expect(await s.run('p totals')).toBe(`Map(1) { 'north.json' => ${logged(head, '1. north.json: ')} }\n`);
    expect(await s.run('whatis totals')).toBe('Map\n');
    expect(await s.run('p files')).toBe("[ 'data/north.json', 'data/south.json' ]\n");
  });

  it('an express app without its environment variable: the stop is in requireEnv, start() up the stack', async () => {
    const { s, head } = await runToPrompt('express-app.js', { ...inReal, env: { SESSION_SECRET: undefined, PORT: undefined } });
    expect(head).toContain(`> ${real('express-app.js')}(8)requireEnv()\n`);
    expect(await s.run('args')).toBe("name = 'SESSION_SECRET'\nfallback = undefined\n");
    expect(await s.run('p value')).toBe('undefined\n');
    expect(await s.run('up')).toBe(`> ${real('express-app.js')}(22)start()\n-> const secret = requireEnv('SESSION_SECRET');\n`);
    expect(await s.run('args')).toBe('port = 0\n');
    // None of start()'s constants is set yet: a stack local, and one its listen callback captures.
    expect(await s.run('p secret')).toBe(notYet('secret'));
    expect(await s.run('p server')).toBe(notYet('server'));
  });

  it('an express app whose port is taken: the listen callback that rethrows, with what it logged', async () => {
    const other = await takenPort();
    try {
      const port = (other.address() as { port: number }).port;
      const { s, head } = await runToPrompt('express-app.js', { ...inReal, env: { SESSION_SECRET: 's3cret', PORT: String(port) } });
      expect(head).not.toContain(NOT_LIVE);
      expect(head).toContain(`Error: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`);
      expect(head).toContain(`> ${real('express-app.js')}(28)<anonymous>()\n-> throw err;\n`);
      expect(await s.run('p JSON.stringify(attempted)')).toBe(`'${logged(head, 'cannot listen: ')}'\n`);
      expect(await s.run('p err.code')).toBe("'EADDRINUSE'\n");
      expect(await s.run('p server.listening')).toBe('false\n');
      expect(await s.run('p port')).toBe(`${port}\n`);
    } finally {
      other.close();
    }
  });

  it('a fastify service (TypeScript ES module) whose background job throws inside new URL(): live, in the job', async () => {
    const { s, head } = await runToPrompt('esm-service/server.ts', inReal);
    // The throw is Node's own (node:internal/url): still live, in the user's frame below it.
    expect(head).not.toContain(NOT_LIVE);
    expect(head).toContain(`> ${real('esm-service/server.ts')}(16)hostOf()\n-> return new URL(delivery.url!).host;\n`);
    expect(await s.run('p delivery')).toBe('{ id: 3, attempts: 3 }\n');
    expect(await s.run('up')).toBe(`> ${real('esm-service/server.ts')}(23)drain()\n-> delivered.push(\`\${delivery.id}@\${hostOf(delivery)}\`);\n`);
    expect(await s.run("p delivered.join(' ')")).toBe(`'${logged(head, 'delivered ')}'\n`);
    expect(await s.run('p batchSize')).toBe('2\n');
    expect(await s.run('p queue')).toBe('[]\n');
    expect(await s.run('p app.server.listening')).toBe('true\n');
    expect(await s.run('up')).toBe(`> ${real('esm-service/server.ts')}(32)<anonymous>()\n-> const job = setInterval(() => drain(2), 20);\n`);
    expect(await s.run('whatis job')).toBe('Timeout\n');
  });

  it("a job runner whose parameter is named process, failing in Node's TextDecoder: live, its process is the job", async () => {
    const { s, head } = await runToPrompt('job-runner.js', inReal);
    expect(head).not.toContain(NOT_LIVE);
    expect(head).toContain(`> ${real('job-runner.js')}(6)finish()\n-> const output = decoder.decode(process.output);\n`);
    expect(await s.run('p process.name')).toBe("'export'\n");
    expect(await s.run('p process.output')).toBe('<Buffer 6f 6b 20 ff fe>\n');
    expect(await s.run('p output')).toBe(notYet('output'));
    expect(await s.run('up')).toBe(`> ${real('job-runner.js')}(15)<module>()\n-> for (const job of jobs) console.log(finish(job));\n`);
    expect(await s.run('p job.name')).toBe("'export'\n");
  });

  it('a class-heavy TypeScript program: every kind of local as the program printed it', async () => {
    const { s, head } = await runToPrompt('ledger.ts', inReal);
    expect(head).toContain(`> ${real('ledger.ts')}(74)settle()\n`);
    for (const name of ['seen', 'totals', 'weights', 'day', 'key', 'big', 'pattern']) {
      expect(await s.run(`p ${name}`), name).toBe(`${logged(head, ` ${name}=`).replace(/ \w+=.*$/, '')}\n`);
    }
    const checks = head.slice(head.indexOf('checks=') + 'checks='.length, head.indexOf(']\n', head.indexOf('checks=')) + 2);
    expect(await s.run('p checkers.map((c) => c())')).toBe(checks);
    expect(await s.run('args')).toBe("ledger = Ledger { name: '2024-Q1', tag: Symbol(ledger) }\nrates = Map(1) { 'EUR' => 1 }\nstrict = true\nlabel = 'march close'\n");
    expect(await s.run('p entry.cents')).toBe('990n\n');
    expect(await s.run('p rate')).toBe('undefined\n');
    expect(await s.run('p ledger.balance')).toBe(`${logged(head, 'balance ').split(' ')[0]}\n`);
    expect(await s.run('p ledger.size')).toBe('3\n');
    expect(await s.run('whatis ledger')).toBe('Ledger\n');
    expect(await s.run('pp Ledger.auditTrail')).toBe(`${logged(head, 'audit ').replace(/ currencies .*/, '')}\n`);
    expect(await s.run('p Ledger.currencies')).toBe(`${logged(head, ' currencies ')}\n`);
    // Generators and getters of the program run at the prompt.
    expect(await s.run("p [...ledger.byAccount('fees')].map((e) => e.cents)")).toBe('[ -150n ]\n');
    expect(await s.run('display seen.size')).toBe('display seen.size: 2\n');
    s.send('interact');
    await s.expect('>>> ');
    s.send("[...seen].join('+') + ' ' + label");
    expect(await s.expect('>>> ')).toContain("'EUR+USD march close'");
    s.send('.exit');
    await s.prompt();
    expect(await s.run('up')).toBe(`> ${real('ledger.ts')}(91)main()\n-> const report = settle(ledger, rates, { label: 'march close' });\n`);
    expect(await s.run('p batches')).toBe(`${logged(head, 'batches ')}\n`);
    expect(await s.run('p report')).toBe(notYet('report'));
    expect(await s.run('p rates')).toBe("Map(1) { 'EUR' => 1 }\n");
  });
});

/** What plain node prints, minus the lines pmdb adds before it (one per dump it wrote). */
function withoutDumpLines(stderr: Buffer): { text: string; dumps: string[] } {
  const text = stderr.toString();
  const dumps = [...text.matchAll(/^pmdb: crash dump written to (.*)\n/gm)].map((m) => m[1]!);
  return { text: text.replace(/^pmdb: crash dump written to .*\n/gm, ''), dumps };
}

/**
 * Node's report of an error it carried through its promise machinery (an ES module entry's, which
 * every entry under `--import tsx` is, or an unhandled rejection) quotes `node:internal/…` where
 * plain node quotes the program's line, once V8 has described the error to a debugger (README,
 * "One difference in what the process prints"). The rest of the report must be node's own.
 */
const afterQuotedLine = (report: string): string => report.replace(/^[^\n]*:\d+\n[^\n]*\n *\^\n\n*/, '');

function expectSameAsNode(armed: PipeResult, plain: PipeResult, viaPromise = false): void {
  expect(armed.code).toBe(plain.code);
  expect(armed.stdout.toString()).toBe(plain.stdout.toString());
  const report = withoutDumpLines(armed.stderr).text;
  if (viaPromise) expect(afterQuotedLine(report)).toBe(afterQuotedLine(plain.stderr.toString()));
  else expect(report).toBe(plain.stderr.toString());
}

describe('pmdb run leaves real programs as they are', () => {
  const programs: Array<[string, string[]]> = [
    ['a config loader that validates (TypeScript)', [...TSX, 'config-loader.ts', 'fixed.yaml']],
    ['a command-line tool on good files (ES module)', ['inventory-cli.mjs', '-v', 'data/north.json']],
  ];
  for (const [what, command] of programs) {
    it(`${what}: output and exit status as under node, no dump`, async () => {
      const dir = freshDir();
      const plain = await runNode(command, inReal);
      expect(plain.code).toBe(0);
      const armed = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, ...command], inReal);
      expectSameAsNode(armed, plain);
      expect(withoutDumpLines(armed.stderr).dumps).toEqual([]);
    });
  }

  const crashes: Array<[string, string[], string, string, boolean]> = [
    ['the bad-file command-line tool (ES module)', ['inventory-cli.mjs', 'data/north.json', 'data/south.json'], 'p text.length', '52\n', false],
    ['the job runner (CommonJS)', ['job-runner.js'], 'p process.name\np output', "'export'\n(Pmdb) *** ReferenceError: output is not defined\n", false],
    ['the yaml + zod loader (TypeScript under tsx)', [...TSX, 'config-loader.ts'], 'up 2\np raw.timeouts', "{ connect: '2s', read: 30 }\n", true],
    [
      'the class-heavy ledger (TypeScript, node --require tsx/cjs)',
      ['--require', 'tsx/cjs', 'ledger.ts'],
      // A getter of the class did not run at the crash: the dump says so, it does not answer undefined.
      'p ledger.balance\np ledger.name\np seen',
      "*** Error: balance is a getter of Ledger: not run when the dump was taken\n(Pmdb) '2024-Q1'\n(Pmdb) Set(2) { 'EUR', 'USD' }\n",
      true,
    ],
  ];
  for (const [what, command, question, answer, viaPromise] of crashes) {
    it(`without a terminal, ${what} fails as under node; its dump answers`, async () => {
      const dir = freshDir();
      const plain = await runNode(command, inReal);
      expect(plain.code).toBe(1);
      const armed = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, ...command], inReal);
      expectSameAsNode(armed, plain, viaPromise);
      const { dumps } = withoutDumpLines(armed.stderr);
      expect(dumps).toEqual(dumpsIn(dir));
      const opened = await runPmdb(['open', dumps[0]!], { input: `${question}\n` });
      expect(opened.stdout.toString()).toContain(`(Pmdb) ${answer}`);
    });
  }

  it('with a terminal, the TypeScript ledger under tsx stops live; cont lets it fail as under node', async () => {
    const command = [process.execPath, ...TSX, 'ledger.ts'];
    const plain = await runNode(command.slice(1), inReal);
    const s = startSession(['run', '--', ...command], inReal);
    const head = await s.prompt();
    expect(head).toContain(`> ${real('ledger.ts')}(74)settle()\n`);
    expect(await s.run('p [...seen]')).toBe("[ 'EUR', 'USD' ]\n");
    s.send('c');
    expect(await s.waitExit()).toBe(plain.code);
    expect(s.rest.startsWith('c\n')).toBe(true);
    expect(afterQuotedLine(s.rest.slice(2))).toBe(afterQuotedLine(plain.stderr.toString()));
  });

  it("with a terminal, the fastify service under tsx stops live in its background job; cont lets it fail as under node", async () => {
    const command = [process.execPath, ...TSX, 'esm-service/server.ts'];
    const plain = await runNode(command.slice(1), inReal);
    const s = startSession(['run', '--', ...command], inReal);
    const head = await s.prompt();
    expect(head.startsWith(plain.stdout.toString())).toBe(true);
    expect(head).toContain(`> ${real('esm-service/server.ts')}(16)hostOf()\n`);
    expect(await s.run('p delivery.attempts')).toBe('3\n');
    s.send('c');
    expect(await s.waitExit()).toBe(plain.code);
    expect(s.rest).toBe(`c\n${plain.stderr.toString()}`);
  });

  it('with a terminal, the express app whose port is taken: q lets it fail as under node', async () => {
    const other = await takenPort();
    try {
      const env = { SESSION_SECRET: 's3cret', PORT: String((other.address() as { port: number }).port) };
      const plain = await runNode(['express-app.js'], { ...inReal, env });
      const s = startSession(['run', '--', 'node', 'express-app.js'], { ...inReal, env });
      // What the program wrote before the crash comes first, as under node.
      const before = logged(plain.stderr.toString(), '') + '\n';
      expect(before).toMatch(/^cannot listen: /);
      expect((await s.prompt()).startsWith(before)).toBe(true);
      expect(await s.run('p err.code')).toBe("'EADDRINUSE'\n");
      s.send('q');
      expect(await s.waitExit()).toBe(plain.code);
      expect(s.rest).toBe(`q\n${plain.stderr.toString().slice(before.length)}`);
    } finally {
      other.close();
    }
  });
});
