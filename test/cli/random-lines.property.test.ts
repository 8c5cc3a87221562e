// A property test of the prompt: random lines typed at `pmdb open DUMP` and at a live
// post-mortem stop (`pmdb -c continue PROGRAM`) never end the session. Each line gets its prompt
// back (pipe mode echoes nothing, so the prompts are counted), pmdb writes nothing on stderr, no
// internal error or pmdb stack frame reaches stdout, and `q` at the end exits as documented.
// 10^3 lines each in `npm test`, 10^5 under `npm run fuzz`.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runPmdb } from '../helpers/run-pipe.js';
import { PROMPT } from '../helpers/pty-session.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { fuzzRuns } from '../helpers/fuzz-runs.js';

const LINES = fuzzRuns(1_000, 100_000);

// Every command but those that leave the prompt on purpose (q, restart), read lines of their own
// (commands, interact, debug), or could make a later random word quit (alias).
const COMMANDS = [
  'h', 'help', '?', 'w', 'where', 'bt', 'u', 'up', 'd', 'down', 'frame', 'f', 'b', 'break', 'tbreak',
  'cl', 'clear', 'disable', 'enable', 'ignore', 'condition', 's', 'step', 'n', 'next', 'unt', 'until',
  'r', 'return', 'c', 'cont', 'continue', 'j', 'jump', 'l', 'list', 'll', 'longlist', 'a', 'args', 'p',
  'pp', 'whatis', 'source', 'display', 'undisplay', 'unalias', 'retval', 'rv', 'exceptions',
];
const LEAVING = /^(q|quit|exit|restart|run|commands|interact|debug|alias)$/;
// At a live post-mortem stop these restart the program (as pdb's do): a second of work each,
// covered by the stepping and restart tests rather than by the thousands of lines here.
const RESUMING = /^(s|step|n|next|unt|until|r|return|c|cont|continue|j|jump)$/;
// `clear` without an argument asks "Clear all breaks?" and reads the answer from the next line, as
// pdb's does (live only: a dump has no breakpoints).
const ASKS = /^\s*(cl|clear)\s*$/;

const ascii = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
const brackets = fc.array(fc.constantFrom('(', ')', '[', ']', '{', '}', '`', '"', "'", '${', ',', ':', '.'), { maxLength: 8 }).map((a) => a.join(''));
const words = ['', '.', 'x', 'boom', '1, 3', 'dump-crash.js:3', 'fuzz-live.js:16', 'basket', 'basket.items[0]', 'inventory', 'total', 'Basket', 'tags', 'matrix', 'unit', 'sum'];
const arg = fc.oneof(ascii, brackets, fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom(...words));
const line = (commands: string[]) => {
  const command = fc.tuple(fc.constantFrom(...commands), arg).map(([c, a]) => `${c} ${a}`);
  const single = fc.oneof(ascii, command, command, brackets, arg.map((a) => `!${a}`), arg.map((a) => `p ${a}${a}`));
  return fc.array(single, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(';;'));
};

/** A line whose `;;`-parts could quit, wait for input of their own, spin until the 2 s timeout, or (live) resume. */
function unsafe(text: string, leaving: RegExp, live: boolean): boolean {
  if (/while|for|do\b|function|=>|class/.test(text)) return true;
  if (live && text.split(';;').some((part) => ASKS.test(part))) return true;
  // The command word as the command loop reads it: `q/x` is `q` with an argument.
  return text.split(';;').some((part) => leaving.test(/^\s*([A-Za-z_]\w*)?/.exec(part)![1] ?? ''));
}

function randomLines(seed: number, live: boolean): string[] {
  const commands = live ? COMMANDS.filter((c) => !RESUMING.test(c)) : COMMANDS;
  const leaving = live ? new RegExp(`${LEAVING.source}|${RESUMING.source}`) : LEAVING;
  const lines = fc.sample(line(commands), { numRuns: LINES * 2, seed }).filter((l) => !unsafe(l, leaving, live)).slice(0, LINES);
  expect(lines).toHaveLength(LINES);
  return lines;
}

/** Every line got a prompt back, and nothing of pmdb's own failures showed. */
function expectAnswered(r: { stdout: Buffer; stderr: Buffer; code: number | null }, lines: string[], code: number): void {
  const out = r.stdout.toString();
  const prompts = out.split(PROMPT).length - 1;
  // The first prompt comes before any line: prompt k + 1 answers line k, the last one reads `q`.
  const stuck = lines[prompts - 1];
  expect(prompts, `the prompt did not come back after line ${prompts}: ${JSON.stringify(stuck)}`).toBe(LINES + 1);
  expect(out).not.toMatch(/internal error|\n\s+at .*\/dist\/(cli|engine|commands|repl|target|dump|traceback)\//);
  expect(r.stderr.toString()).toBe('');
  expect(r.code).toBe(code);
}

let dump = '';
beforeAll(async () => {
  const dir = freshDir();
  await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'dump-crash.js']);
  dump = dumpsIn(dir)[0]!;
});

describe('random prompt lines', () => {
  it(`${LINES} random lines at a dump's prompt each get the prompt back; q exits 0`, async () => {
    const lines = randomLines(20261121, false);
    const r = await runPmdb(['open', dump], { input: `${lines.join('\n')}\nq\n`, timeoutMs: LINES * 12 + 10_000 });
    expectAnswered(r, lines, 0);
  }, LINES * 18 + 15_000);

  it(`${LINES} random lines at a live post-mortem stop each get the prompt back; q exits 1`, async () => {
    const lines = randomLines(20261208, true);
    const r = await runPmdb(['-c', 'continue', 'fuzz-live.js'], { input: `${lines.join('\n')}\nq\n`, timeoutMs: LINES * 20 + 15_000 });
    expect(r.stdout.toString()).toContain('Uncaught exception. Entering post mortem debugging');
    expectAnswered(r, lines, 1);
  }, LINES * 30 + 20_000);
});
