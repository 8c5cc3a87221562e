// `pmdb` alone: Node's REPL, armed. An error that escapes a line stops at (Pmdb) in its frame,
// `c` goes back to the REPL, which prints the error as Node's REPL does and keeps its state;
// `pm()` reopens the last one; `.exit` ends pmdb.
import { describe, expect, it } from 'vitest';
import { LINE_EDITING, startSession, type PtySession, type SessionOptions } from '../helpers/pty-session.js';
import { UNCAUGHT, useSessions } from '../helpers/sessions.js';

useSessions();

const HINT = "Running 'cont' or 'quit' will return to the REPL";
const SNAPSHOT = 'pmdb: the frames are a snapshot taken at the throw, not live';
/** The REPL's prompt, last thing on the screen. */
const REPL_PROMPT = /(?:^|\n)> $/;

async function startRepl(options: SessionOptions = {}): Promise<PtySession> {
  const s = startSession([], options);
  expect(await s.expect(REPL_PROMPT)).toContain('armed by pmdb');
  return s;
}

/** Type a line at the REPL; what it printed (its echo included) up to the next REPL prompt. */
async function line(s: PtySession, code: string): Promise<string> {
  s.send(code);
  return s.expect(REPL_PROMPT);
}

/** Type a line that does not end, and Ctrl-C it while it runs. */
async function interrupt(s: PtySession, code: string): Promise<void> {
  s.send(code);
  await new Promise((r) => setTimeout(r, 300));
  s.sendRaw('\x03');
  expect(await s.prompt()).toContain("Program interrupted. (Use 'cont' to resume).");
}

const HALF = 'function half(n) { const parts = [n / 2, n / 2]; throw new RangeError(`cannot split ${n}`); }';

/** A REPL where `half(42)` threw and `c` went back to the prompt. */
async function afterEscape(): Promise<PtySession> {
  const s = await startRepl();
  await line(s, 'let total = 40');
  await line(s, HALF);
  s.send('half(total + 2)');
  await s.prompt();
  s.send('c');
  await s.expect(REPL_PROMPT);
  return s;
}

describe('pmdb alone: the armed REPL', () => {
  it('stops in the frame that threw, live; c prints the error as Node does and keeps the REPL state', async () => {
    const s = await startRepl();
    expect(await line(s, 'let total = 40')).toBe('let total = 40\nundefined');
    expect(await line(s, HALF)).toBe(`${HALF}\nundefined`);
    s.send('half(total + 2)');
    const head = await s.prompt();
    expect(head).toBe(
      'half(total + 2)\n' +
        'Traceback (most recent call last):\n' +
        '  File "REPL3", line 1, in <module>\n' +
        '    half(total + 2)\n' +
        '  File "REPL2", line 1, in half\n' +
        `    ${HALF}\n` +
        'RangeError: cannot split 42\n' +
        `${UNCAUGHT}\n${HINT}\n` +
        `> REPL2(1)half()\n-> ${HALF}\n`,
    );
    expect(await s.run('p parts')).toBe('[ 21, 21 ]\n');
    expect(await s.run('p n = 8')).toBe('8\n');
    s.send('c');
    expect(await s.expect(REPL_PROMPT)).toBe('c\nUncaught RangeError: cannot split 42\n    at half (REPL2:1:56)');
    expect(await line(s, 'total')).toBe('total\n40');
  });

  it("list and ll show the lines as typed, never the sourceURL pmdb names them with; the prompt's declarations stay", async () => {
    const s = await startRepl();
    await line(s, HALF);
    s.send('half(6)');
    await s.prompt();
    expect(await s.run('list')).toBe(`  1  ->\t${HALF}\n[EOF]\n`);
    expect(await s.run('!let kept = parts.length')).toBe('');
    await s.run('up');
    expect(await s.run('ll')).toBe('  1  ->\thalf(6)\n');
    expect(await s.run('p kept')).toBe('2\n');
  });

  it('does not stop for an error the line catches itself', async () => {
    const s = await startRepl();
    await line(s, HALF);
    const out = await line(s, 'try { half(3) } catch (e) { `handled: ${e.message}` }');
    expect(out).toBe("try { half(3) } catch (e) { `handled: ${e.message}` }\n'handled: cannot split 3'");
  });

  it('pm() reopens the last error that escaped, on the locals kept at the throw', async () => {
    const s = await afterEscape();
    s.send('pm()');
    const head = await s.prompt();
    expect(head).toContain(`RangeError: cannot split 42\n${SNAPSHOT}\n${HINT}\n> REPL2(1)half()\n`);
    expect(await s.run('p parts')).toBe('[ 21, 21 ]\n');
    expect(await s.run('w')).toBe(`  REPL3(1)<module>()\n-> half(total + 2)\n> REPL2(1)half()\n-> ${HALF}\n`);
    s.send('q');
    expect(await s.expect(REPL_PROMPT)).toBe('q\nundefined');
    expect(await line(s, 'total')).toBe('total\n40');
  });

  it('pm() with nothing escaped yet, and postMortem of an error caught where it was thrown, say so in one line', async () => {
    const s = await startRepl();
    expect(await line(s, 'pm()')).toBe('pm()\npmdb: no error has escaped yet\nundefined');
    expect(await line(s, 'try { null.x } catch (e) { postMortem(e) }')).toBe(
      'try { null.x } catch (e) { postMortem(e) }\npmdb: no capture of that error (it was caught where it was thrown)\nundefined',
    );
  });

  it('a line with await: its value, its declarations kept, and an error after the await stops live', async () => {
    const s = await startRepl();
    expect(await line(s, 'const ready = await Promise.resolve(7)')).toBe('const ready = await Promise.resolve(7)\nundefined');
    expect(await line(s, 'await ready * 6')).toBe('await ready * 6\n42');
    s.send('await (async () => { const inside = ready + 1; await null; throw new Error(`late ${inside}`); })()');
    const head = await s.prompt();
    expect(head).toContain(`Error: late 8\n${UNCAUGHT}\n${HINT}\n`);
    // The line as typed, not as pmdb runs it.
    expect(head).not.toContain('pmdb:entry');
    expect(await s.run('p inside')).toBe('8\n');
    s.send('c');
    expect(await s.expect(REPL_PROMPT)).toMatch(/^c\nUncaught Error: late 8\n {4}at REPL3:1:\d+$/);
  });

  it('an error from a timer while the REPL waits stops too, and the REPL gets its terminal back', async () => {
    const s = await startRepl();
    await line(s, 'setTimeout(() => { const late = 3; null.x; }, 100); 0');
    const head = await s.prompt();
    expect(head).toContain("TypeError: Cannot read properties of null (reading 'x')");
    expect(await s.run('p late')).toBe('3\n');
    s.send('c');
    await s.expect("Uncaught TypeError: Cannot read properties of null (reading 'x')");
    await s.expect(REPL_PROMPT);
    // Raw mode again: one echo of what is typed, by the REPL alone.
    expect(await line(s, '1 + 1')).toBe('1 + 1\n2');
  });

  it('Ctrl-C in a running line pauses it at (Pmdb); q there quits', async () => {
    const s = await startRepl();
    await interrupt(s, 'for (;;) globalThis.spins = (globalThis.spins ?? 0) + 1');
    expect(await s.run('p spins > 0')).toBe('true\n');
    s.send('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('Ctrl-C in a line that awaits forever pauses pmdb; c gives the line up, as Node does', async () => {
    const s = await startRepl();
    await interrupt(s, 'const never = await new Promise(() => {})');
    s.send('c');
    expect(await s.expect(REPL_PROMPT)).toContain('Error [ERR_SCRIPT_EXECUTION_INTERRUPTED]: Script execution was interrupted by `SIGINT`');
    expect(await line(s, '1 + 2')).toBe('1 + 2\n3');
  });

  it('.exit ends pmdb with status 0', async () => {
    const s = await afterEscape();
    s.send('.exit');
    expect(await s.waitExit()).toBe(0);
  });

  it('so does Ctrl-D at an empty prompt', async () => {
    const s = await startRepl();
    s.sendRaw('\x04');
    expect(await s.waitExit()).toBe(0);
  });

  it('the awaiting line shows in where, as typed', async () => {
    const s = await startRepl();
    await line(s, 'async function inner() { const depth = 2; await null; throw new Error(`deep ${depth}`); }');
    await line(s, 'async function outer() { await inner(); }');
    s.send('await outer()');
    await s.prompt();
    expect(await s.run('w')).toBe(
      '  REPL3(1)<anonymous>() [async]\n-> await outer()\n' +
        '  REPL2(1)outer() [async]\n-> async function outer() { await inner(); }\n' +
        '> REPL1(1)inner()\n-> async function inner() { const depth = 2; await null; throw new Error(`deep ${depth}`); }\n',
    );
    expect(await s.run('p depth')).toBe('2\n');
  });

  it('completes names and recalls history as Node does', async () => {
    const s = await startRepl(LINE_EDITING);
    await line(s, 'let armedTotal = 40');
    s.sendRaw('armedTo\t');
    await s.expect('armedTotal');
    s.sendRaw('\r');
    await s.expect(/\n40\n/);
    await s.expect(REPL_PROMPT);
    s.sendRaw('\x1b[A\r');
    await s.expect(/\n40\n/);
  });
});
