// `pmdb open` on dumps made to hurt it: each is refused with one `pmdb: ...` line and exit 2, or
// opens and answers every command, never with a pmdb stack trace, never hanging.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { CLI } from '../helpers/paths.js';
import { seed } from '../helpers/seed-dump.js';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';

useSessions();

const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-hostile-'));
let n = 0;
const fileWith = (content: string | Buffer): string => {
  const file = path.join(dir, `d${n++}.pmdump`);
  writeFileSync(file, content);
  return file;
};
/** The seed as text, changed by `change` (on a copy). */
const seedWith = (change: (d: any) => void): string => {
  const d = structuredClone(seed);
  change(d);
  return JSON.stringify(d);
};

const COMMANDS = 'w\nl\nll\np config\npp config.self\nargs\nexceptions\nq\n';

async function expectRefused(content: string | Buffer, message: string): Promise<void> {
  const file = fileWith(content);
  const r = await runPmdb(['open', file], { input: COMMANDS });
  expect(r.stderr.toString()).toBe(`pmdb: '${file}' ${message}\n`);
  expect(r.stdout.toString()).toBe('');
  expect(r.code).toBe(2);
}

async function expectOpened(content: string): Promise<string> {
  const r = await runPmdb(['open', fileWith(content)], { input: COMMANDS });
  const out = r.stdout.toString();
  expect(r.stderr.toString()).toBe('');
  expect(out).not.toMatch(/internal error|^\s+at .*:\d+:\d+\)?$/m);
  expect(out.split('(Pmdb) ')).toHaveLength(9);
  expect(r.code).toBe(0);
  return out;
}

describe('pmdb open refuses a damaged dump in one line, exit 2', () => {
  const cases: [string, string, string][] = [
    ['a field of the wrong type', seedWith((d) => (d.frames[0].line = '2')), 'is a damaged pmdb dump: frames[0].line must be integer'],
    ['a value of no known form', seedWith((d) => (d.frames[0].scopes[0].variables[1][1] = { t: 'function', v: 'alert(1)' })),
      'is a damaged pmdb dump: frames[0].scopes[0].variables[1][1] is none of the forms the format allows'],
    ['a reference to an object it does not hold', seedWith((d) => d.objects['2'].properties.push(['next', { t: 'ref', id: 99 }])),
      'is a damaged pmdb dump: objects["2"] refers to object 99, which the dump does not hold'],
    ['an exception that refers to nothing', seedWith((d) => (d.exception.value = { t: 'ref', id: 7 })),
      'is a damaged pmdb dump: exception.value refers to object 7, which the dump does not hold'],
    ['an object id that is a prototype\'s name', seedWith((d) => (d.objects = { 1: d.objects['1'] })).replace('"objects":{', '"objects":{"__proto__":{"kind":"object","className":"X"},'),
      'is a damaged pmdb dump: objects.__proto__ (a name) is not in the form the format gives'],
    ['a count below zero', seedWith((d) => (d.objects['3'].truncated = -5)), 'is a damaged pmdb dump: objects["3"].truncated must be at least 0'],
    ['a 20,000-deep chain of causes',
      seedWith((d) => (d.exception.record = 'CHAIN')).replace('"CHAIN"', `${'{"type":"Error","cause":'.repeat(20_000)}{"type":"Error"}${'}'.repeat(20_000)}`),
      // Each cause is two levels of the schema (the record, its cause): the check stops at 200.
      'is a damaged pmdb dump: exception.record.cause.cause.cause ... (93 more) ... .cause.cause.type nested deeper than 200 levels'],
  ];
  for (const [what, content, message] of cases) it(what, () => expectRefused(content, message));

  it('a gzip bomb (1 MB inflating to 1 GB): refused as soon as it passes the bound, in under 300 MB and a few seconds', async () => {
    // Gzip members may follow each other: 1,024 of one MB of zeros each.
    const bomb = Buffer.concat(Array(1024).fill(gzipSync(Buffer.alloc(2 ** 20), { level: 9 })));
    expect(bomb.length).toBeLessThan(2 ** 21);
    const file = fileWith(bomb);
    const started = Date.now();
    const r = await runProcess(process.execPath, ['--require', path.join(__dirname, '../helpers/max-rss.cjs'), CLI, 'open', file]);
    const [refusal, rss] = r.stderr.toString().split('\n');
    expect(refusal).toBe(`pmdb: '${file}' inflates to more than a pmdb dump holds (128 MB): refused`);
    expect(r.code).toBe(2);
    expect(Number(/^max-rss-kb (\d+)$/.exec(rss!)![1]) / 1024).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('pmdb open on a hostile dump that holds: every command answers', () => {
  it("objects whose class names are Object.prototype's members, a typed array's included", async () => {
    const out = await expectOpened(seedWith((d) => {
      d.objects['2'].className = '__proto__';
      d.objects['4'].className = '__proto__';
      d.objects['3'].className = 'constructor';
      d.frames[0].scopes[0].variables.push(['toStr', { t: 'ref', id: 5 }]);
      d.objects['5'] = { kind: 'typedarray', className: 'toString', numbers: '1,2' };
    }));
    expect(out).toContain('__proto__ {');
  });

  it("a frame whose file the sources lack is named like an Object.prototype member; names in sources and env are __proto__", async () => {
    const out = await expectOpened(
      seedWith((d) => (d.frames[0].file = 'constructor'))
        .replace('"sources":{', '"sources":{"__proto__":"evil","toString":"x",')
        .replace('"env":{}', '"env":{"__proto__":"x"}'),
    );
    expect(out).toContain('*** could not read source of constructor');
  });

  it('properties named __proto__ and constructor are data, and a getter named so is never run', async () => {
    const out = await expectOpened(
      seedWith((d) => {
        d.objects['2'].properties.push(['constructor', { t: 'string', v: 'c' }]);
        d.objects['2'].accessors = ['then', 'valueOf'];
      }).replace('"properties":[["self"', '"properties":[["__proto__",{"t":"string","v":"p"}],["self"'),
    );
    expect(out).toContain("['__proto__']: 'p',\n  self: [Circular *1],\n  name: 'x',\n  constructor: 'c',\n  then: '<getter: not run when the dump was taken>',");
  });
});

describe("a dump's prompt: what is typed cannot crash or hang pmdb", () => {
  it('a rejected promise, a then-callback that never ends, import(), errors made at the prompt: each one line or value, no pmdb frames', async () => {
    const started = Date.now();
    const lines = ["p Promise.reject(new Error('x'))", 'p Promise.resolve().then(() => { while (true) {} })', "p import('fs')", "p [new TypeError('y')]", "p 'import(x)'", 'p 1 + 1'];
    const r = await runPmdb(['open', fileWith(JSON.stringify(seed))], { input: `${lines.join('\n')}\nq\n`, timeoutMs: 20_000 });
    const answers = r.stdout.toString().split('(Pmdb) ').slice(1);
    expect(answers).toEqual([
      'Promise { <rejected> [Error: x] }\n',
      '*** Error: Script execution timed out after 2000ms\n',
      "*** Error: import() loads no modules at a dump's prompt\n",
      '[ [TypeError: y] ]\n',
      "'import(x)'\n",
      '2\n',
      '',
    ]);
    expect(r.stderr.toString()).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a promise rejected at the prompt that nothing handles leaves pmdb at the prompt (Node\'s default ended pmdb a moment later)', async () => {
    const s = startSession(['open', fileWith(JSON.stringify(seed))]);
    await s.prompt();
    expect(await s.run("p Promise.reject(new Error('x')), (async () => { throw new Error('y'); })(), 1")).toBe('1\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await s.run('p 1 + 1')).toBe('2\n');
    expect(s.exitCode).toBeUndefined();
    expect(s.output).not.toMatch(/Error: [xy]/);
  });
});
