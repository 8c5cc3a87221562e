// Each kind of escaping error stops in the innermost user frame, at the right line, with live locals.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { FS_PROMISE_ERRORS_NAME_NO_FRAME } from '../helpers/node-versions.js';
import { NOT_LIVE, RESTART_HINT, UNCAUGHT, runToPrompt, useSessions, workerBanner } from '../helpers/sessions.js';

useSessions();

interface Case {
  file: string;
  /** Expected location line after `> ` (without the directory). */
  where: string;
  /** Expected current source line after `-> `. */
  source: string;
  /** The error line at the end of the traceback. */
  error: string;
  /** A local of the stopping frame and its printed value. */
  local: [string, string];
}

const cases: Case[] = [
  {
    file: 'deep-throw.js',
    where: 'deep-throw.js(4)parse()',
    source: 'throw new Error(`cannot parse ${text} at depth ${depth}`);',
    error: 'Error: cannot parse ALPHA at depth 5',
    local: ['depth', '5'],
  },
  {
    file: 'deep-throw.ts',
    where: 'deep-throw.ts(16)parse()',
    source: 'throw new Error(`cannot parse ${config.name} at depth ${depth}`);',
    error: 'Error: cannot parse alpha at depth 6',
    local: ['depth', '6'],
  },
  {
    file: 'timer-throw.js',
    where: 'timer-throw.js(4)tick()',
    source: 'if (seen > 2) throw new RangeError(`too many ticks: ${seen}`);',
    error: 'RangeError: too many ticks: 3',
    local: ['seen', '3'],
  },
  {
    file: 'timer-throw.ts',
    where: 'timer-throw.ts(6)tick()',
    source: 'if (seen > 2) throw new RangeError(`too many ticks: ${seen}`);',
    error: 'RangeError: too many ticks: 3',
    local: ['counter', '{ count: 2 }'],
  },
  {
    file: 'emitter-error.js',
    where: 'emitter-error.js(7)fail()',
    source: "this.emit('error', err);",
    error: 'Error: pump failed: dry',
    local: ['reason', "'dry'"],
  },
  {
    file: 'throw-string.js',
    where: 'throw-string.js(4)check()',
    source: "if (value > limit) throw 'value too large';",
    error: 'value too large',
    local: ['value', '50'],
  },
  {
    file: 'json-parse.js',
    where: 'json-parse.js(4)readConfig()',
    source: 'return JSON.parse(trimmed);',
    error: "SyntaxError: Expected property name or '}' in JSON at position 1",
    local: ['trimmed', "'{not json'"],
  },
  {
    file: 'async-reject.js',
    where: 'async-reject.js(8)fetchUser()',
    source: 'throw new Error(`no such user ${key}`);',
    error: 'Error: no such user user:7',
    local: ['key', "'user:7'"],
  },
  {
    file: 'async-ctor-throw.js',
    where: 'async-ctor-throw.js(5)Settings()',
    source: 'this.port = raw.server.port;',
    error: "TypeError: Cannot read properties of undefined (reading 'port')",
    local: ['raw', "{ name: 'api' }"],
  },
  {
    file: 'async-reject.ts',
    where: 'async-reject.ts(12)fetchUser()',
    source: 'throw new Error(`no such user ${key}`);',
    error: 'Error: no such user user:7',
    local: ['key', "'user:7'"],
  },
];

describe('an escaping error stops live in the innermost user frame', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.error}`, async () => {
      const { s, head } = await runToPrompt(c.file);
      expect(head).toContain('Traceback (most recent call last):');
      expect(head).toContain(c.error);
      expect(head).toContain(`${UNCAUGHT}\n`);
      expect(head).toContain(`${RESTART_HINT}\n`);
      expect(head).not.toContain(NOT_LIVE);
      expect(head).not.toContain('a snapshot taken at the throw');
      // The location and the current line end the output before the prompt, exactly as pdb prints them.
      expect(head.endsWith(`> ${fixture(c.where)}\n-> ${c.source}\n`), head).toBe(true);
      expect(await s.run(`p ${c.local[0]}`)).toBe(`${c.local[1]}\n`);
    });
  }
});

describe('async frames', () => {
  for (const [file, callerLine] of [
    ['async-reject.js', 11],
    ['async-reject.ts', 15],
  ] as const) {
    it(`${file}: where shows the awaiting caller marked [async], at its own line`, async () => {
      const { s } = await runToPrompt(file);
      const where = await s.run('where');
      expect(where).toContain(
        `  ${fixture(file)}(${callerLine})handler() [async]\n-> const user = await fetchUser(id);\n`,
      );
      expect(where.endsWith(`> ${fixture(file)}(${file.endsWith('.ts') ? 12 : 8})fetchUser()\n-> throw new Error(\`no such user \${key}\`);\n`)).toBe(true);
    });
  }
});

describe('errors V8 reports only after the stack unwound', () => {
  it('stack overflow: says the frames are not live, still shows where it happened', async () => {
    const { s, head } = await runToPrompt('stack-overflow.js');
    expect(head).toContain('RangeError: Maximum call stack size exceeded');
    expect(head).toContain(`${NOT_LIVE}\n`);
    expect(head).toContain(`> ${fixture('stack-overflow.js')}(3)recurse()\n-> return recurse(depth + 1) + 1;\n`);
    expect(await s.run('where')).toContain(`${fixture('stack-overflow.js')}(3)recurse()`);
  });

  it('fs.promises rejection awaited by user code: not live, where shows the user async frames', async () => {
    const { s, head } = await runToPrompt('fs-reject.js');
    expect(head).toContain("Error: ENOENT: no such file or directory, open '");
    expect(head).toContain(`${NOT_LIVE}\n`);
    const where = await s.run('where');
    if (FS_PROMISE_ERRORS_NAME_NO_FRAME) {
      // Nothing names the awaiting functions any more, not even Node's own report: pmdb says so.
      expect(await s.run('p $_exception.stack')).toMatch(/^"Error: ENOENT: [^\\]*"\n$/);
      expect(head).toContain('> (no JavaScript frame: the program was waiting in the event loop)\n');
      expect(where).toBe('');
      return;
    }
    expect(where).toContain(`${fixture('fs-reject.js')}(11)boot() [async]\n-> const settings = await readSettings(__dirname);\n`);
    expect(where).toContain(`${fixture('fs-reject.js')}(7)readSettings()`);
    expect(where).toContain("-> const text = await fs.readFile(file, 'utf8');\n");
  });
});

describe('ES modules (desired: a live stop in the module frame)', () => {
  const esm: Array<[string, number, string, [string, string]]> = [
    ['esm-top.mjs', 4, 'if (items.length > limit) throw new Error(`too many items: ${items.length}`);', ['limit', '3']],
    ['esm-tla.mjs', 5, 'throw new Error(`wrong answer ${answer}`);', ['answer', '41']],
    ['esm-tla.mts', 6, 'throw new Error(`wrong answer ${answer.value}`);', ['answer', '{ value: 41 }']],
  ];
  for (const [file, line, source, [name, value]] of esm) {
    it(`${file}: stops live at line ${line} in <module>`, async () => {
      const { s, head } = await runToPrompt(file);
      expect(head).toContain(UNCAUGHT);
      expect(head).not.toContain(NOT_LIVE);
      expect(head.endsWith(`> ${fixture(file)}(${line})<module>()\n-> ${source}\n`), head).toBe(true);
      expect(await s.run(`p ${name}`)).toBe(`${value}\n`);
    });
  }
});

describe('worker threads', () => {
  it('a throw in a worker callback stops live in the worker frame, with its locals', async () => {
    const { s, head } = await runToPrompt('worker-timer.js');
    expect(head).toContain('Error: worker failed on 42');
    expect(head).toContain(UNCAUGHT);
    expect(head).toContain(`> ${fixture('worker-timer-body.js')}(4)compute()\n-> throw new Error(\`worker failed on \${doubled}\`);\n`);
    expect(await s.run('p doubled')).toBe('42\n');
  });

  // A worker's top-level code runs inside Node's EventTarget dispatch, which catches and rethrows
  // a tick later: caught exceptions pause while it runs, and one that escapes stops at the throw.
  it('a throw in a worker top level stops live in the worker frame, and names the thread', async () => {
    const { s, head } = await runToPrompt('worker-throw.js');
    expect(head).toContain(`Error: worker failed on 42\n${UNCAUGHT}\n`);
    expect(head).toMatch(workerBanner('worker-body.js'));
    expect(head).not.toContain(NOT_LIVE);
    expect(head).toContain(`> ${fixture('worker-body.js')}(4)compute()\n-> throw new Error(\`worker failed on \${doubled}\`);\n`);
    expect(await s.run('p doubled')).toBe('42\n');
    expect(await s.run('p doubled = 50')).toBe('50\n');
    expect(await s.run('where')).toContain(`${fixture('worker-body.js')}(6)<module>()`);
  });

  it('a throw in the top level of a worker that is an ES module stops live in the worker frame', async () => {
    const { s, head } = await runToPrompt('worker-module.js');
    expect(head).toContain(`Error: worker failed on 42\n${UNCAUGHT}\n`);
    expect(head).toMatch(workerBanner('worker-body.mjs'));
    expect(head).toContain(`> ${fixture('worker-body.mjs')}(4)compute()\n`);
    expect(await s.run('p doubled')).toBe('42\n');
  });

  // The job-queue shape: the worker's error reaches the parent through an 'error' listener that
  // rejects a promise nobody catches. The worker is gone by then: its frames at the throw remain.
  for (const [body, outer] of [
    ['worker-body.js', '(6)<module>()'],
    ['worker-timer-body.js', '(6)<anonymous>()'],
  ] as const) {
    it(`a worker's error that its parent rejects a job with stops in the worker's frames at the throw (${body})`, async () => {
      const { s, head } = await runToPrompt('worker-queue.js', { args: [body] });
      expect(head).toContain(`Error: worker failed on 42\n${UNCAUGHT}\n`);
      expect(head).toMatch(workerBanner(body, true));
      expect(head).toContain(`> ${fixture(body)}(4)compute()\n-> throw new Error(\`worker failed on \${doubled}\`);\n`);
      expect(await s.run('p doubled')).toBe('42\n');
      expect(await s.run('args')).toBe('input = 21\n');
      const where = await s.run('where');
      expect(where).toContain(`${fixture(body)}${outer}`);
      expect(where).not.toContain('worker-queue.js');
    });
  }
});
