// What the prompt and `interact` declare stays, as in Node's REPL; `require` works in every frame,
// resolving from the frame's file; `interact` reads a pipe as it reads a terminal.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from '../helpers/paths.js';
import { baseEnv } from '../helpers/env.js';
import { runPmdb } from '../helpers/run-pipe.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

describe('declarations at the prompt', () => {
  it('const, let, function and class declared in one line are there in the next, in every frame', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    expect(await s.run('const total = 20')).toBe('');
    expect(await s.run('p total + 22')).toBe('42\n');
    expect(await s.run('!let x = 1')).toBe('');
    expect(await s.run('p x')).toBe('1\n');
    expect(await s.run('!x = 5')).toBe('5\n');
    expect(await s.run('p x')).toBe('5\n');
    expect(await s.run('p total = 3')).toBe('*** TypeError: Assignment to constant variable.\n');
    expect(await s.run('function twice() { return total * 2 }')).toBe('');
    expect(await s.run('class Box { get size() { return x } }')).toBe('');
    expect(await s.run('const { a, b: [c] } = { a: 1, b: [2] }')).toBe('');
    expect(await s.run('p [twice(), new Box().size, a, c]')).toBe('[ 40, 5, 1, 2 ]\n');
    await s.run('up');
    expect(await s.run('p [total, x]')).toBe('[ 20, 5 ]\n');
  });

  it("the frame's own variables hide them; in its own line a declaration hides the frame's", async () => {
    const { s } = await runToPrompt('deep-throw.js');
    expect(await s.run('p (() => { const text = "mine"; return text })()')).toBe("'mine'\n");
    expect(await s.run('const text = "mine"; text')).toBe("'mine'\n");
    expect(await s.run('p text')).toBe("'ALPHA'\n");
    await s.run('up 2');
    expect(await s.run('p text')).toBe("'mine'\n");
  });

  it('are kept in interact and back at the prompt', async () => {
    const { s } = await runToPrompt('inspect.js');
    s.send('interact');
    await s.expect('>>> ');
    s.send('const n = 20');
    await s.expect('>>> ');
    s.send('n + 22');
    expect(await s.expect('>>> ')).toContain('42');
    s.send('.exit');
    await s.prompt();
    expect(await s.run('p n + count')).toBe('62\n');
  });

  it('last across stops while the program runs', async () => {
    const { s } = await startAtFirstLine('step.js');
    expect(await s.run('!let kept = 5')).toBe('');
    await s.run('n');
    expect(await s.run('p kept * 2')).toBe('10\n');
  });

  it('are gone after a restart, as a new program has none', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    await s.run('const kept = 1');
    s.send('restart');
    await s.expect('Restarting');
    await s.prompt();
    expect(await s.run('p kept')).toBe('*** ReferenceError: kept is not defined\n');
  });
});

describe('require in every frame', () => {
  it("in an ES module's frame", async () => {
    const { s } = await runToPrompt('esm-top.mjs');
    expect(await s.run("p require('node:path').sep")).toBe("'/'\n");
  });

  it("in a TypeScript ES module's callback, resolving from the frame's file", async () => {
    const { s } = await runToPrompt('require-from/callback.mts');
    expect(await s.run("p require('./data.json').answer + over")).toBe('44\n');
  });

  it('in a CommonJS callback that does not capture it', async () => {
    const { s } = await runToPrompt('timer-throw.js');
    expect(await s.run("p require('./package.json').type")).toBe("'commonjs'\n");
  });
});

describe('interact from a pipe', () => {
  it('runs each line once, in the frame; .exit returns to the prompt, which reads the rest', async () => {
    const r = await runPmdb(['-c', 'continue', 'inspect.js'], { input: 'interact\nconst n = 20\ncount + n\n.exit\np n\nq\n' });
    const out = r.stdout.toString();
    expect(out).toContain('(Pmdb) *interactive*\n>>> undefined\n>>> 62\n>>> now exiting InteractiveConsole...\n(Pmdb) 20\n(Pmdb) ');
    expect(out).not.toContain('SyntaxError');
  });

  it('the end of input ends interact, then pmdb', async () => {
    const r = await runPmdb(['-c', 'continue', 'inspect.js'], { input: 'interact\ncount\n' });
    expect(r.stdout.toString()).toMatch(/>>> 42\n>>> now exiting InteractiveConsole...\n\(Pmdb\) \n?$/);
    expect(r.code).toBe(1);
  });

  it('lines that come after interact started run once too', async () => {
    const child = spawn(process.execPath, [CLI, '-c', 'continue', 'inspect.js'], { cwd: FIXTURES, env: { ...baseEnv(), NO_COLOR: '1', TERM: 'dumb' } });
    let out = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => (out.split(text).length > 1 ? resolve() : child.stdout.once('data', check));
        check();
      });
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    await waitFor('(Pmdb) ');
    child.stdin.write('interact\n');
    await waitFor('>>> ');
    child.stdin.write('count + 1\n');
    await waitFor('43\n>>> ');
    child.stdin.write('.exit\n');
    await waitFor('now exiting');
    child.stdin.end('p count\n');
    await exited;
    expect(out).toContain('>>> 43\n>>> now exiting InteractiveConsole...\n(Pmdb) 42\n(Pmdb) ');
    expect(out.split('43').length).toBe(2);
  });
});
