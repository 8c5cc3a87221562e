// Interactive features: interact, tab completion, Ctrl-C.
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { LINE_EDITING, TERMINALS, startSession } from '../helpers/pty-session.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

describe('interact', () => {
  it('evaluates locals of the current frame; .exit returns to (Pmdb)', async () => {
    const { s } = await runToPrompt('inspect.js');
    s.send('interact');
    await s.expect('>>> ');
    s.send('count + 1');
    expect(await s.expect('>>> ')).toContain('43');
    s.send('.exit');
    await s.prompt();
    expect(await s.run('p path')).toBe("'/etc/app.conf'\n");
  });
});

describe('tab completion', () => {
  it('completes a local name at a post-mortem stop', async () => {
    const { s } = await runToPrompt('inspect.js', LINE_EDITING);
    s.sendRaw('p regi');
    await s.expect('p regi');
    s.sendRaw('\t');
    await s.expect('stry');
    s.sendRaw('\r');
    expect(await s.prompt()).toContain("Map(2) { 'one' => 1, 'two' => 2 }\n");
  });

  it('completes a command name at the first-line stop', async () => {
    const { s } = await startAtFirstLine('step.js', LINE_EDITING);
    s.sendRaw('longl');
    await s.expect('longl');
    s.sendRaw('\t');
    await s.expect('ist');
    s.sendRaw('\r');
    expect(await s.prompt()).toContain('  1  ->\tvar x = 0;\n');
  });

  it('recalls earlier lines with the up arrow, across stops', async () => {
    const { s } = await startAtFirstLine('step.js', LINE_EDITING);
    expect(await s.run('p 6 * 7')).toBe('42\n');
    await s.run('n');
    s.sendRaw('\x1b[A\x1b[A');
    await s.expect('p 6 * 7');
    s.sendRaw('\r');
    expect(await s.prompt()).toContain('42\n');
  });

  it('completes globals too, like pdb completes f_globals', async () => {
    const { s } = await startAtFirstLine('step.js', LINE_EDITING);
    s.sendRaw('p proce');
    await s.expect('p proce');
    s.sendRaw('\t');
    await s.expect('ss');
    s.sendRaw('.pi\t');
    await s.expect('d');
    s.sendRaw('\r');
    expect(await s.prompt()).toMatch(/^\s*\d+\n$/);
  });
});

describe('Ctrl-C', () => {
  it('pauses a busy loop in the user frame; cont resumes', async () => {
    const s = startSession(['-c', 'continue', 'spin.js']);
    await s.expect('spinning\n');
    await new Promise((r) => setTimeout(r, 200));
    s.sendRaw('\x03');
    const out = await s.prompt();
    expect(out).toContain("Program interrupted. (Use 'cont' to resume).\n");
    expect(out).toMatch(new RegExp(`> ${fixture('spin.js').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\([45]\\)<module>\\(\\)\\n`));
    expect(await s.run('p spins > 0')).toBe('true\n');
    s.send('c');
    await new Promise((r) => setTimeout(r, 200));
    s.sendRaw('\x03');
    expect(await s.prompt()).toContain('Program interrupted.');
  });

  for (const [term, options] of TERMINALS) {
    it(`at the prompt abandons the line being typed; pmdb stays (TERM=${term})`, async () => {
      const { s } = await runToPrompt('inspect.js', options);
      s.sendRaw('p cou');
      await s.expect('p cou');
      s.sendRaw('\x03');
      await s.prompt();
      expect(await s.run('p path')).toBe("'/etc/app.conf'\n");
      expect(s.exitCode).toBeUndefined();
    });
  }

  it('pauses a program waiting in the event loop', async () => {
    const s = startSession(['-c', 'continue', 'idle.js']);
    await s.expect('idling\n');
    await new Promise((r) => setTimeout(r, 200));
    s.sendRaw('\x03');
    expect(await s.prompt()).toContain("Program interrupted. (Use 'cont' to resume).\n");
    // Evaluation works at this stop: the module's variables may be out of reach, globals are not.
    expect(await s.run('p typeof process.pid')).toBe("'number'\n");
  });
});
