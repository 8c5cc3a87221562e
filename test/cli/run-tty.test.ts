// `pmdb run -- CMD...` with a terminal: an error that escapes in any Node process of the command
// opens the post-mortem prompt in that process, live; leaving it lets the process fail exactly as
// it would have, and pmdb exits as the command does.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node-pty';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { UNCAUGHT, useSessions, workerBanner } from '../helpers/sessions.js';
import { runNode } from '../helpers/run-pipe.js';
import { baseEnv } from '../helpers/env.js';
import { FIXTURES, fixture } from '../helpers/paths.js';

useSessions();

const END_HINT = "Running 'cont' or 'quit' lets the process end as it would have";
const run = (...command: string[]): PtySession => startSession(['run', '--', ...command]);

/** After `line` at the prompt, the process fails as under plain node: same stderr, same status. */
async function leavesLikeNode(s: PtySession, line: string, script: string, code = 1, args: string[] = []): Promise<void> {
  const plain = await runNode([script, ...args]);
  s.send(line);
  expect(await s.waitExit()).toBe(code);
  expect(s.rest).toBe(`${line}\n${plain.stderr.toString()}`);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * As leavesLikeNode, for a main thread that dies of its worker's error: also accepts the order of
 * Node's own race that README describes (the worker's exit seen first: its `exit` listener prints
 * `worker exited 1`; Node's report then gains the two `[kOnExit]` frames it came through, unless
 * the error's message was already on its way: seen on Node 22 in CI, once the prompt let go of both
 * threads at the same moment).
 */
async function leavesLikeNodeOrRaced(s: PtySession, script: string, args: string[] = []): Promise<void> {
  const plain = (await runNode([script, ...args])).stderr.toString();
  s.send('c');
  expect(await s.waitExit()).toBe(1);
  if (s.rest === `c\n${plain}`) return;
  const [report, tail] = plain.split(/(?=\nNode\.js v)/);
  const exitFrames = '    at \\[kOnExit\\] \\(node:internal/worker:\\d+:\\d+\\)\n    at Worker\\.<computed>\\.onexit \\(node:internal/worker:\\d+:\\d+\\)\n';
  expect(s.rest).toMatch(new RegExp(`^c\nworker exited 1\n${escapeRegExp(report!)}(${exitFrames})?${escapeRegExp(tail!)}$`));
}

/** Everything a program writes to a terminal, as the terminal receives it. */
function inPty(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const pty = spawn(command, args, { cwd: FIXTURES, env: { ...baseEnv(), NO_COLOR: '1', TERM: 'dumb' }, cols: 200 });
    let raw = '';
    pty.onData((data) => (raw += data));
    pty.onExit(() => setTimeout(() => resolve(raw), 100));
  });
}

describe('pmdb run with a terminal', () => {
  it('opens the prompt in the crashing process, live; cont lets it fail as node does', async () => {
    const s = run('node', 'deep-throw.js');
    const head = await s.prompt();
    expect(head).toContain(`Error: cannot parse ALPHA at depth 5\n${UNCAUGHT}\n${END_HINT}\n`);
    expect(head).toContain(`> ${fixture('deep-throw.js')}(4)parse()\n-> throw new Error(\`cannot parse \${text} at depth \${depth}\`);\n`);
    expect(await s.run('p depth')).toBe('5\n');
    expect(await s.run('p text = text.toLowerCase()')).toBe("'alpha'\n");
    expect(await s.run('up')).toBe(`> ${fixture('deep-throw.js')}(8)load()\n-> return parse(text);\n`);
    expect(await s.run('restart')).toBe("*** pmdb run cannot restart a process: 'cont' or 'quit' lets it end as it would have\n");
    await leavesLikeNode(s, 'c', 'deep-throw.js');
  });

  it("leaves the program's error.stack as node makes it: pmdb's agent queues no tick the program's first microtasks would run after", async () => {
    const s = run('node', 'first-await.js');
    expect(await s.prompt()).toContain(`> ${fixture('first-await.js')}(6)main()\n`);
    expect(await s.run('p total')).toBe('2\n');
    const plain = await runNode(['first-await.js']);
    s.send('c');
    expect(await s.waitExit()).toBe(1);
    // Node's opening line differs once a debugger has read the error's stack (dumps.test.ts).
    const report = plain.stderr.toString();
    expect(report).toContain('    at main (');
    expect(s.rest).toContain(report.slice(report.indexOf('\n\n') + 2));
  });

  it('an ES module entry stops at the throw, live, after a top-level await; cont lets it fail as node does', async () => {
    const s = run('node', 'esm-batch.mjs');
    const head = await s.prompt();
    expect(head).toContain(`> ${fixture('esm-batch.mjs')}(5)main()\n`);
    expect(await s.run('p total')).toBe('13\n');
    expect(await s.run('p rows.length')).toBe('2\n');
    const plain = await runNode(['esm-batch.mjs']);
    s.send('c');
    expect(await s.waitExit()).toBe(1);
    // Node's opening line differs once a debugger has read the error's stack (dumps.test.ts).
    const report = plain.stderr.toString();
    expect(s.rest).toContain(report.slice(report.indexOf('\n\n') + 2));
  });

  it('prompts in a Node child the command starts; quit lets it fail, and pmdb exits as the parent does', async () => {
    const s = run('node', 'dump-parent.js');
    expect(await s.prompt()).toContain(`> ${fixture('dump-crash.js')}(9)<anonymous>()\n`);
    await s.run('up');
    expect(await s.run('p unit')).toBe("'ms'\n");
    s.send('q');
    expect(await s.waitExit()).toBe(3);
    expect(s.rest).toContain("TypeError: Cannot read properties of undefined (reading 'seconds')\n");
    expect(s.rest).toContain('child exited 1\n');
  });

  it('prompts in a worker thread, live at its frame; c lets it fail, and the main thread after it, as under node', async () => {
    const s = run('node', 'worker-timer.js');
    const head = await s.prompt();
    expect(head).toContain(`Error: worker failed on 42\n${UNCAUGHT}\n`);
    expect(head).toMatch(workerBanner('worker-timer-body.js'));
    expect(head).toContain(`\n${END_HINT}\n`);
    expect(head).toContain(`> ${fixture('worker-timer-body.js')}(4)compute()\n-> throw new Error(\`worker failed on \${doubled}\`);\n`);
    expect(await s.run('p doubled')).toBe('42\n');
    expect(await s.run('p input')).toBe('21\n');
    await leavesLikeNodeOrRaced(s, 'worker-timer.js');
  });

  it("prompts in a dead worker's frames when its error, taken by the parent, ends the process; c lets it fail as under node", async () => {
    const s = run('node', 'worker-queue.js', 'worker-timer-body.js');
    const head = await s.prompt();
    expect(head).toContain(`Error: worker failed on 42\n${UNCAUGHT}\n`);
    expect(head).toMatch(workerBanner('worker-timer-body.js', true));
    expect(head).toContain(`> ${fixture('worker-timer-body.js')}(4)compute()\n`);
    expect(await s.run('p doubled')).toBe('42\n');
    expect(await s.run('where')).toContain(`${fixture('worker-timer-body.js')}(6)<anonymous>()`);
    await leavesLikeNode(s, 'c', 'worker-queue.js', 1, ['worker-timer-body.js']);
  });

  it('gives the terminal back to the command after the prompt: its input, echoed once', async () => {
    const s = run('node', 'run-then-read.js');
    await s.prompt();
    s.send('c');
    await s.expect('child exited 1; type a line\n');
    expect(await s.echo('hello there')).toBe('hello there');
    await s.expect('echo: [hello there]\n');
    expect(await s.waitExit()).toBe(0);
  });

  it('takes processes that crash at once one at a time, each in its own prompt', async () => {
    const s = run('node', 'run-two-children.js');
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      expect(await s.prompt()).toContain(`> ${fixture('run-crash-child.js')}(6)fail()\n`);
      names.push(await s.run('p label'));
      s.send('c');
    }
    expect(names.sort()).toEqual(["'a'\n", "'b'\n"]);
    expect(await s.waitExit()).toBe(4);
    expect(s.output).toContain('children exited 1 1\n');
  });

  it('shows a TypeScript program run by tsx in its .ts lines, live after an await', async () => {
    const s = run('npx', '--no-install', 'tsx', 'async-reject.ts');
    expect(await s.prompt(30_000)).toContain(`> ${fixture('async-reject.ts')}(12)fetchUser()\n-> throw new Error(\`no such user \${key}\`);\n`);
    expect(await s.run('p key')).toBe("'user:7'\n");
    expect(await s.run('args')).toBe('id = 7\n');
    s.send('c');
    expect(await s.waitExit(30_000)).toBe(1);
    expect(s.rest).toContain('Error: no such user user:7\n    at fetchUser (');
  });

  it('stops live in the .ts lines of a top-level throw that Node runs through its ES module loader (node --import tsx)', async () => {
    const s = run('node', '--import', 'tsx', 'deep-throw.ts');
    const head = await s.prompt();
    expect(head).toContain(`${UNCAUGHT}\n${END_HINT}\n`);
    expect(head).toContain(`> ${fixture('deep-throw.ts')}(16)parse()\n`);
    expect(await s.run('p depth')).toBe('6\n');
    const where = await s.run('w');
    expect(where).toContain(`  ${fixture('deep-throw.ts')}(21)main()\n-> return load(configs[0]!);\n`);
    expect(where).toContain(`  ${fixture('deep-throw.ts')}(18)load()\n`);
    s.send('c');
    expect(await s.waitExit()).toBe(1);
  });

  it('lets a program that does not crash run to its end with no prompt, its output untouched', async () => {
    for (const [script, code] of [['many-handled.js', 0], ['exit3.js', 3], ['bytes.js', 0]] as const) {
      const s = run(process.execPath, script);
      expect(await s.waitExit()).toBe(code);
      expect(s.raw).toBe(await inPty(process.execPath, [script]));
      expect(s.output).not.toContain('(Pmdb)');
    }
  });

  it('leaves non-Node processes alone: a shell and its tools see NODE_OPTIONS, yet write and exit as without pmdb; a Node process the shell starts is armed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-test-'));
    // sh, tr and cat are not Node: NODE_OPTIONS means nothing to them. What the shell sees of it
    // goes to a file ($0), so that its output can be the same with and without pmdb.
    const tools = `printf '%s' "$NODE_OPTIONS" > "$0"; printf 'tab\\there\\0nul\\n' | tr t T | cat; cat bytes.js`;
    const plain = await inPty('sh', ['-c', `${tools}; exit 7`, path.join(dir, 'plain.txt')]);
    const s = run('sh', '-c', `${tools}; exit 7`, path.join(dir, 'pmdb.txt'));
    expect(await s.waitExit()).toBe(7);
    expect(s.raw).toBe(plain);
    expect(readFileSync(path.join(dir, 'plain.txt'), 'utf8')).toBe('');
    expect(readFileSync(path.join(dir, 'pmdb.txt'), 'utf8')).toMatch(/^--require \S+register\.cjs$/);

    const shell = run('sh', '-c', `${tools}; node deep-throw.js; echo "node exited $?"`, path.join(dir, 'pmdb.txt'));
    expect(await shell.prompt()).toContain(`${UNCAUGHT}\n${END_HINT}\n> ${fixture('deep-throw.js')}(4)parse()\n`);
    expect(await shell.run('p depth')).toBe('5\n');
    shell.send('c');
    expect(await shell.waitExit()).toBe(0);
    expect(shell.rest).toContain('Error: cannot parse ALPHA at depth 5\n');
    expect(shell.rest).toMatch(/node exited 1\n$/);
  });

  it('a process that starts after pmdb has ended runs unobserved, at once, as without pmdb', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'pmdb-test-')), 'late.txt');
    const s = run('node', 'run-outlived.js', out);
    expect(await s.waitExit()).toBe(0);
    const deadline = Date.now() + 5_000;
    while (!(existsSync(out) && readFileSync(out, 'utf8').includes('Node.js v')) && Date.now() < deadline) await sleep(100);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^late process ran\n[^]*TypeError: Cannot read properties of null \(reading 'x'\)\n/);
    expect(text).not.toContain('pmdb');
  });

  it('leaves Ctrl-C to the command: a program that handles it ends as it chooses, one that does not dies of it', async () => {
    const handles = run('node', 'sigint-exit.js');
    await handles.expect('waiting for Ctrl-C\n');
    handles.sendRaw('\x03');
    expect(await handles.waitExit()).toBe(5);
    expect(handles.output).toContain('interrupted, leaving\n');

    const spins = run('node', 'spin.js');
    await spins.expect('spinning\n');
    spins.sendRaw('\x03');
    await spins.waitExit();
    expect(spins.signal).toBe(2);
  });
});
