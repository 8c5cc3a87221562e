// Text from a program or a dump never reaches the terminal as control sequences: a source line,
// an error message, a file name holding an OSC (set the window title) or a C1 CSI is shown
// escaped, as `p` shows a string, live and from a dump, with colors and without.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPmdb } from '../helpers/run-pipe.js';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { useSessions } from '../helpers/sessions.js';

useSessions();

const OSC = '\x1b]0;pwned\x07';
const SHOWN = '\\x1B]0;pwned\\x07';
/** In a file name: ESC ( 0 turns letters into line-drawing glyphs; then a bell. */
const NAME = 'title\x1b(0\x07';
const NAME_SHOWN = 'title\\x1B(0\\x07';

/** A program whose file name, source and error message carry raw control sequences. */
function hostileProgram(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-ctl-'));
  const file = path.join(dir, `${NAME}.js`);
  writeFileSync(
    file,
    [
      `const title = '${OSC}'; // a raw OSC in the source`,
      'function show(label) {',
      "  throw new Error('bad label ' + label + ' \\x9b2J');",
      '}',
      'show(title);',
      '',
    ].join('\n'),
  );
  return file;
}

/** Nothing in what the terminal received could set its title, clear it or ring it. */
function expectNoControlSequences(s: PtySession): void {
  expect(s.raw).not.toContain('\x1b]');
  expect(s.raw).not.toContain('\x07');
  expect(s.raw).not.toContain('\x9b');
  expect(s.raw).not.toContain('\x1b(');
}

async function expectEscapedEverywhere(s: PtySession, head: string, file: string): Promise<void> {
  const shownFile = file.replace(NAME, NAME_SHOWN);
  expect(head).toContain(`Error: bad label ${SHOWN} \\x9B2J`);
  expect(head).toContain(`> ${shownFile}(3)show()`);
  expect(await s.run('list 1, 1')).toBe(`  1  \tconst title = '${SHOWN}'; // a raw OSC in the source\n`);
  expect(await s.run('p title')).toBe(`'${SHOWN}'\n`);
  expect(await s.run('p label.length')).toBe('10\n');
  expect(await s.run('w')).toContain(`  ${shownFile}(5)<module>()\n-> show(title);\n`);
  expectNoControlSequences(s);
}

describe('control sequences from the program are shown escaped', () => {
  for (const colors of [false, true]) {
    it(`live, at the stop of an escaping error${colors ? ', with colors' : ''}`, async () => {
      const file = hostileProgram();
      const s = startSession(['-c', 'continue', file], { colors });
      const head = await s.prompt();
      await expectEscapedEverywhere(s, head, file);
    });

    it(`from a dump of the same crash${colors ? ', with colors' : ''}`, async () => {
      const file = hostileProgram();
      const dir = freshDir();
      await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, file]);
      const s = startSession(['open', dumpsIn(dir)[0]!], { colors });
      const head = await s.prompt();
      await expectEscapedEverywhere(s, head, file);
    });
  }

  it("pmdb's own one-line refusal quotes a file's name escaped", async () => {
    const missing = path.join(tmpdir(), `gone${OSC}\n.pmdump`);
    const r = await runPmdb(['open', missing]);
    expect(r.stderr.toString()).toBe(`pmdb: cannot open '${missing.replace(OSC, SHOWN).replace('\n', '\\n')}': no such file\n`);
    expect(r.code).toBe(2);
  });

  it("pmdb run's lines name a command that cannot run, and a dump directory, escaped", async () => {
    const r = await runPmdb(['run', '--', `no-such${OSC}`]);
    expect(r.stderr.toString()).toBe(`pmdb: cannot run 'no-such${SHOWN}': ENOENT\n`);
    expect(r.code).toBe(127);
    const dir = path.join(freshDir(), NAME);
    const d = await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'deep-throw.js']);
    expect(d.stderr.toString()).toContain(`pmdb: crash dump written to ${path.join(path.dirname(dir), NAME_SHOWN)}${path.sep}deep-throw.js-`);
    expect(d.stderr.toString()).not.toContain('\x1b');
    expect(dumpsIn(dir)).toHaveLength(1);
  });
});
