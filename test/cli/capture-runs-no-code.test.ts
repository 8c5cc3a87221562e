// Capturing a crash runs none of the program's code: a getter or a util.inspect.custom on the
// escaping error's own properties runs only when the user asks for it (each prints GETTER RAN).
import { describe, expect, it } from 'vitest';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

const FIXTURE = 'getter-error.js';

describe('capture runs no code of the program', () => {
  it('without a terminal: the dump is written and the stderr is plain node\'s (whose own report reads the cause getter once) and pmdb\'s line', async () => {
    const dir = freshDir();
    const [plain, run] = await Promise.all([runNode([FIXTURE]), runPmdb(['run', '--dump-dir', dir, '--', process.execPath, FIXTURE])]);
    const written = /^pmdb: crash dump written to .*\n/m;
    expect(run.stderr.toString()).toMatch(written);
    expect(run.stderr.toString().replace(written, '')).toBe(plain.stderr.toString());
    expect(run.code).toBe(plain.code);
    expect(dumpsIn(dir)).toHaveLength(1);
  });

  it('at a live stop with a terminal: the traceback shows the getter unread; the getter runs when asked for', async () => {
    const { s, head } = await runToPrompt(FIXTURE);
    expect(head).not.toContain('GETTER RAN');
    expect(head).toContain('Error: boom\n');
    expect(head).toContain('sneaky: [Getter]');
    expect(await s.run('where')).not.toContain('GETTER RAN');
    expect(await s.run('exceptions')).not.toContain('GETTER RAN');
    expect(await s.run('p err.sneaky')).toContain('GETTER RAN sneaky');
  });
});
