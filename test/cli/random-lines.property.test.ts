// A property test of the prompt: 10^4 random lines typed at `pmdb open DUMP` never end the
// session. Each line gets its prompt back (pipe mode echoes nothing, so the prompts are counted),
// pmdb writes nothing on stderr, and `q` at the end exits 0.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runPmdb } from '../helpers/run-pipe.js';
import { PROMPT } from '../helpers/pty-session.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { fuzzRuns } from '../helpers/fuzz-runs.js';

const LINES = fuzzRuns(10_000, 100_000);

// Every command but those that leave the prompt on purpose (q, restart), read lines of their own
// (commands, interact, debug), or could make a later random word quit (alias).
const COMMANDS = [
  'h', 'help', '?', 'w', 'where', 'bt', 'u', 'up', 'd', 'down', 'frame', 'f', 'b', 'break', 'tbreak',
  'cl', 'clear', 'disable', 'enable', 'ignore', 'condition', 's', 'step', 'n', 'next', 'unt', 'until',
  'r', 'return', 'c', 'cont', 'continue', 'j', 'jump', 'l', 'list', 'll', 'longlist', 'a', 'args', 'p',
  'pp', 'whatis', 'source', 'display', 'undisplay', 'unalias', 'retval', 'rv', 'exceptions',
];
const LEAVING = /^(q|quit|exit|restart|run|commands|interact|debug|alias)$/;

const ascii = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
const brackets = fc.array(fc.constantFrom('(', ')', '[', ']', '{', '}', '`', '"', "'", '${', ',', ':', '.'), { maxLength: 8 }).map((a) => a.join(''));
const arg = fc.oneof(ascii, brackets, fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom('', '.', 'x', 'boom', '1, 3', 'dump-crash.js:3'));
const command = fc.tuple(fc.constantFrom(...COMMANDS), arg).map(([c, a]) => `${c} ${a}`);
const single = fc.oneof(ascii, command, command, brackets, arg.map((a) => `!${a}`), arg.map((a) => `p ${a}${a}`));
const line = fc.array(single, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(';;'));

/** A line whose `;;`-parts could quit, wait for input of their own, or spin until the 2 s timeout. */
function unsafe(text: string): boolean {
  if (/while|for|do\b|function|=>|class/.test(text)) return true;
  // The command word as the command loop reads it: `q/x` is `q` with an argument.
  return text.split(';;').some((part) => LEAVING.test(/^\s*([A-Za-z_]\w*)?/.exec(part)![1] ?? ''));
}

let dump = '';
beforeAll(async () => {
  const dir = freshDir();
  await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'dump-crash.js']);
  dump = dumpsIn(dir)[0]!;
});

describe('random prompt lines', () => {
  it(`${LINES} random lines at a dump's prompt each get the prompt back; q exits 0`, async () => {
    const lines = fc.sample(line, { numRuns: LINES * 2, seed: 20261121 }).filter((l) => !unsafe(l)).slice(0, LINES);
    expect(lines).toHaveLength(LINES);
    const r = await runPmdb(['open', dump], { input: `${lines.join('\n')}\nq\n`, timeoutMs: LINES * 12 });
    const out = r.stdout.toString();
    const prompts = out.split(PROMPT).length - 1;
    // The first prompt comes before any line: prompt k + 1 answers line k, the last one reads `q`.
    const stuck = lines[prompts - 1];
    expect(prompts, `the prompt did not come back after line ${prompts}: ${JSON.stringify(stuck)}`).toBe(LINES + 1);
    expect(r.stderr.toString()).toBe('');
    expect(r.code).toBe(0);
  }, LINES * 18);
});
