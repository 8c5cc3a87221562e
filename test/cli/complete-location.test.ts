// Tab completion after `b`/`tbreak`: loaded user scripts as `FILE:`, functions of the current file.
import { describe, expect, it } from 'vitest';
import { LINE_EDITING } from '../helpers/pty-session.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

describe('tab completion of breakpoint locations', () => {
  it('completes a loaded module off the stack as FILE: after b', async () => {
    const { s } = await runToPrompt('tab-main.js', LINE_EDITING);
    s.sendRaw('b tab-h');
    await s.expect('b tab-h');
    s.sendRaw('\t');
    await s.expect('elper.js:');
    s.sendRaw('2\r');
    expect(await s.prompt()).toMatch(/Breakpoint 1 at \S*tab-helper\.js:2\n/);
  });

  it('completes an ES module off the stack as FILE: too', async () => {
    const { s } = await runToPrompt('tab-main.mjs', LINE_EDITING);
    s.sendRaw('b tab-h');
    await s.expect('b tab-h');
    s.sendRaw('\t');
    await s.expect('elper.mjs:');
    s.sendRaw('3\r');
    expect(await s.prompt()).toMatch(/Breakpoint 1 at \S*tab-helper\.mjs:3\n/);
  });

  it('completes a function of the current file after tbreak', async () => {
    const { s } = await runToPrompt('tab-main.js', LINE_EDITING);
    s.sendRaw('tbreak to');
    await s.expect('tbreak to');
    s.sendRaw('\t');
    await s.expect('tal');
    s.sendRaw('\r');
    expect(await s.prompt()).toMatch(/Breakpoint 1 at \S*tab-main\.js:4\n/);
  });

  it('lists both kinds when the prefix is shared', async () => {
    const { s } = await runToPrompt('tab-main.js', LINE_EDITING);
    s.sendRaw('b t');
    await s.expect('b t');
    // Two keypresses, not one chunk: readline takes a chunk with a tab in it for a paste.
    s.sendRaw('\t');
    await new Promise((resolve) => setTimeout(resolve, 300));
    s.sendRaw('\t');
    const listed = await s.expect(/tab-main\.js:\s+tab-helper\.js:|tab-helper\.js:\s+tab-main\.js:/);
    expect(listed + s.rest).toContain('total');
  });
});
