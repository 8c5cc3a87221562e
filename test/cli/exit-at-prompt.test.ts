// `p process.exit(n)` at the prompt ends the program there: the prompt says so with its status,
// and the next line typed goes to what comes next (the restarted program, or the shell once
// `pmdb run` has ended with the program's status), not to a prompt of the dead program.
import { describe, expect, it } from 'vitest';
import { startSession } from '../helpers/pty-session.js';
import { fixture } from '../helpers/paths.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

describe('the program exits at the prompt', () => {
  it('pmdb SCRIPT: the exit and its status are announced, the program restarts and the next command runs in it', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    const out = await s.run('p process.exit(4)');
    expect(out).toContain('The program exited via process.exit(). Exit status: 4\n');
    expect(out).not.toContain('***');
    expect(out).toContain(`> ${fixture('deep-throw.js')}(14)<module>()\n`);
    expect(await s.run('p 6 * 7')).toBe('42\n');
  });

  it('pmdb run: the exit and its status are announced, and pmdb ends with that status at once', async () => {
    const s = startSession(['run', '--', process.execPath, 'deep-throw.js']);
    await s.prompt();
    s.send('p process.exit(3)');
    expect(await s.waitExit()).toBe(3);
    expect(s.output).toContain('The program exited via process.exit(). Exit status: 3\n');
    expect(s.output).not.toContain('***');
  });
});
