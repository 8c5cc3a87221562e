// No other user or host can reach a debuggee: pmdb never opens an inspector endpoint (the agent
// uses an in-process session), and the program never sees pmdb's private channel.
import { describe, expect, it } from 'vitest';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

describe('the debuggee is reachable by pmdb only', () => {
  it('has no inspector endpoint open and no trace of the channel in its environment', async () => {
    const { s } = await runToPrompt('deep-throw.js');
    expect(await s.run("p process.getBuiltinModule('node:inspector').url()")).toBe('undefined\n');
    expect(await s.run("p Object.keys(process.env).filter((k) => k.startsWith('PMDB'))")).toBe('[]\n');
    expect(await s.run("p process.execArgv.some((a) => a.startsWith('--inspect'))")).toBe('false\n');
  });
});
