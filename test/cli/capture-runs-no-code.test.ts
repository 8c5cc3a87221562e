// Capturing a crash runs none of the program's code: a getter or a util.inspect.custom on the
// escaping error's own properties runs only when the user asks for it (each prints GETTER RAN).
import { describe, expect, it } from 'vitest';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

const FIXTURE = 'getter-error.js';

describe('capture runs no code of the program', () => {
  // Node's own report of each runs one: the error's cause getter, the object's util.inspect.custom.
  it.each([FIXTURE, 'getter-object.js'])('without a terminal (%s): the dump is written and the stderr is plain node\'s and pmdb\'s line', async (fixture) => {
    const dir = freshDir();
    const [plain, run] = await Promise.all([runNode([fixture]), runPmdb(['run', '--dump-dir', dir, '--', process.execPath, fixture])]);
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

  it('at a live stop on a thrown object that is no error: its summary runs neither its getter nor its util.inspect.custom', async () => {
    const { s, head } = await runToPrompt('getter-object.js');
    expect(head).not.toContain('GETTER RAN');
    expect(head).toContain('sneaky: [Getter]');
    expect(await s.run('p thrown')).toContain('GETTER RAN custom');
  });
});
