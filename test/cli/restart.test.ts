// The restart loop, quitting, stdin passthrough and untouched program output.
import { spawn } from 'node:child_process';
import { baseEnv } from '../helpers/env.js';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES, fixture } from '../helpers/paths.js';
import { TERMINALS, startSession } from '../helpers/pty-session.js';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { FINISHED, UNCAUGHT, runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

const firstLine = (file: string, line: number, source: string): string =>
  `> ${fixture(file)}(${line})<module>()\n-> ${source}\n`;
const ARGV_LINE = 'console.log(`argv: ${JSON.stringify(process.argv.slice(2))}`);';

describe('restart loop', () => {
  it('stops at the first line, and again after a normal end', async () => {
    const { s, head } = await startAtFirstLine('argv.js');
    expect(head).toBe(firstLine('argv.js', 2, ARGV_LINE));
    expect(await s.run('c')).toBe(`argv: []\n${FINISHED}\n${firstLine('argv.js', 2, ARGV_LINE)}`);
    expect(await s.run('continue')).toBe(`argv: []\n${FINISHED}\n${firstLine('argv.js', 2, ARGV_LINE)}`);
  });

  for (const [term, options] of TERMINALS) {
    it(`the terminal echoes typed commands once, also after the program ran and restarted (TERM=${term})`, async () => {
      const { s } = await startAtFirstLine('argv.js', options);
      expect(await s.echo('c')).toBe('c');
      await s.prompt();
      expect(await s.echo('c')).toBe('c');
      await s.prompt();
      expect(await s.echo('p 1 + 1')).toBe('p 1 + 1');
      expect(await s.prompt()).toBe('2\n');
    });
  }

  it('post-mortem cont restarts the program', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    const out = await s.run('c');
    expect(out).toMatch(/^Post mortem debugger finished\. The \S*deep-throw\.js will be restarted\n/);
    expect(out.endsWith(firstLine('deep-throw.js', 14, 'main();')), out).toBe(true);
    // The restarted program runs to the same crash again.
    const again = await s.run('c');
    expect(again).toContain(UNCAUGHT);
    expect(await s.run('p depth')).toBe('5\n');
  });

  it('post-mortem step restarts the program too', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    const out = await s.run('step');
    expect(out).toMatch(/^Post mortem debugger finished\. The \S*deep-throw\.js will be restarted\n/);
    expect(out.endsWith(firstLine('deep-throw.js', 14, 'main();'))).toBe(true);
  });

  it('the post-mortem restart message names the script by its absolute path, like pdb', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    expect(await s.run('c')).toContain(`Post mortem debugger finished. The ${fixture('deep-throw.js')} will be restarted\n`);
  });

  it('restart keeps the arguments, run ARGS replaces them', async () => {
    const { s } = await runToPrompt('argv.js', { args: ['a', 'b'] });
    expect(s.output).toContain('argv: ["a","b"]\n');
    await s.run('restart');
    expect(await s.run('c')).toContain('argv: ["a","b"]\n');
    await s.run('run newarg "two words"');
    expect(await s.run('c')).toContain('argv: ["newarg","two words"]\n');
  });

  it("restart announces itself like pdb: 'Restarting FILE with arguments:' and a tab-indented list", async () => {
    const { s } = await startAtFirstLine('argv.js');
    const out = await s.run('run x y');
    expect(out).toBe(`Restarting ${fixture('argv.js')} with arguments:\n\tx y\n${firstLine('argv.js', 2, ARGV_LINE)}`);
  });
});

describe('-c commands', () => {
  it('run at the first stop, before the location is printed', async () => {
    const s = startSession(['-c', 'p 40 + 2', '-c', 'p typeof process', 'argv.js']);
    expect(await s.prompt()).toBe(`42\n'object'\n${firstLine('argv.js', 2, ARGV_LINE)}`);
  });

  it('-c continue prints no first location; the program runs to its end', async () => {
    const { head } = await runToPrompt('argv.js', { args: ['x'] });
    expect(head).toBe(`argv: ["x"]\n${FINISHED}\n${firstLine('argv.js', 2, ARGV_LINE)}`);
  });
});

describe('quit', () => {
  it('q at the first-line stop exits 0', async () => {
    const { s } = await startAtFirstLine('argv.js');
    s.send('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('quit at a post-mortem stop exits 1', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    s.send('quit');
    expect(await s.waitExit()).toBe(1);
  });

  it('exit after a normal end exits 0', async () => {
    const { s } = await runToPrompt('argv.js');
    s.send('exit');
    expect(await s.waitExit()).toBe(0);
  });
});

describe('commands from a pipe (no terminal)', () => {
  it('run in order; end of input at a post-mortem stop quits with status 1', async () => {
    const r = await runPmdb(['-c', 'continue', fixture('deep-throw.js')], { input: 'p depth\nup\np text\n' });
    expect(r.code).toBe(1);
    const out = r.stdout.toString();
    expect(out).toContain(`(Pmdb) 5\n(Pmdb) > ${fixture('deep-throw.js')}(8)load()\n-> return parse(text);\n(Pmdb) 'ALPHA'\n(Pmdb) `);
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('end of input at the first-line stop quits with status 0', async () => {
    const r = await runPmdb([fixture('argv.js')], { input: 'p 1\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('(Pmdb) 1\n(Pmdb) ');
  });
});

describe('colors', () => {
  it('p colors values like util.inspect on a color terminal, and not with NO_COLOR', async () => {
    const colored = await runToPrompt('inspect.js', { colors: true });
    const before = colored.s.raw.length;
    expect(await colored.s.run('p count')).toBe('42\n');
    expect(colored.s.raw.slice(before)).toContain('\x1b[33m42\x1b[39m');
    const plain = await runToPrompt('inspect.js');
    const start = plain.s.raw.length;
    expect(await plain.s.run('p count')).toBe('42\n');
    expect(plain.s.raw.slice(start)).not.toContain('\x1b[33m');
  });
});

describe('the program keeps its terminal', () => {
  it('stdin typed at the terminal reaches the running program', async () => {
    const s = startSession(['-c', 'continue', 'stdin-echo.js']);
    await s.expect('ready for input\n');
    s.send('hello there');
    await s.expect('echo: [hello there]\n');
    await s.expect(`${FINISHED}\n`);
    await s.prompt();
  });

  it('stdout and stderr bytes are exactly the program bytes (no debugger noise)', async () => {
    const plain = await runNode([fixture('bytes.js')]);
    const under = await runPmdb(['-c', 'continue', fixture('bytes.js')], { input: 'q\n' });
    expect(under.code).toBe(0);
    expect(under.stderr.toString('latin1')).toBe(plain.stderr.toString('latin1'));
    expect(under.stderr.toString()).not.toContain('Waiting for the debugger');
    const expected = Buffer.concat([plain.stdout, Buffer.from(`${FINISHED}\n`)]);
    expect(under.stdout.subarray(0, expected.length).toString('latin1')).toBe(expected.toString('latin1'));
    expect(under.stdout.toString()).not.toContain('Debugger');
  });
});

describe('a program driving pmdb through a pipe', () => {
  it('gets the restarted prompt after the program finishes, before it types anything more', async () => {
    const child = spawn(process.execPath, [CLI, '-c', 'continue', 'argv.js'], { cwd: FIXTURES, env: { ...baseEnv(), NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    const deadline = Date.now() + 10_000;
    while (!out.includes('(Pmdb) ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('The program finished and will be restarted\n');
    expect(out).toContain(`> ${fixture('argv.js')}(`);
    child.stdin.end('q\n');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
  });
});
