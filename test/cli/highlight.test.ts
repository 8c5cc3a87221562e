// Syntax colors in `list`, `ll` and `source` on a terminal; plain text with NO_COLOR.
import { describe, expect, it } from 'vitest';
import { startAtFirstLine, useSessions } from '../helpers/sessions.js';

useSessions();

// SGR foreground color codes, as chalk writes them (`\x1b[34m` ...).
const COLOR = /\x1b\[3\dm/;
const KEYWORD_FUNCTION = /\x1b\[3\dmfunction\x1b\[39m/;

/** Raw terminal output (escapes kept) of `line`, from the typed line to the next prompt. */
async function rawOutput(s: Awaited<ReturnType<typeof startAtFirstLine>>['s'], line: string): Promise<string> {
  const from = s.raw.length;
  await s.run(line);
  return s.raw.slice(from);
}

describe('syntax highlighting', () => {
  it('colors TypeScript source in list, ll and source on a terminal', async () => {
    const { s } = await startAtFirstLine('bp-loop.ts', { colors: true });
    const list = await rawOutput(s, 'list 1, 10');
    expect(list).toMatch(KEYWORD_FUNCTION);
    // Line numbers and markers stay plain: still pdb's shape once the escapes are removed.
    expect(await s.run('list 11, 11')).toBe(' 11  ->\tlet total = 0;\n');
    expect(await rawOutput(s, 'll')).toMatch(KEYWORD_FUNCTION);
    expect(await rawOutput(s, 'source square')).toMatch(KEYWORD_FUNCTION);
  });

  it('writes no escapes in list with NO_COLOR', async () => {
    const { s } = await startAtFirstLine('bp-loop.ts', { colors: true, env: { NO_COLOR: '1' } });
    const list = await rawOutput(s, 'list 1, 10');
    expect(list).toContain('function square');
    // The line editor may still move the cursor; no color (SGR) sequence may appear.
    expect(list).not.toMatch(COLOR);
  });
});
