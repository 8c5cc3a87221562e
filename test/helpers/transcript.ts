// A readable record of a prompt session: each command after `(Pmdb) `, then its output.
import { PROMPT, type PtySession } from './pty-session.js';

export async function transcript(s: PtySession, commands: string[]): Promise<string> {
  let text = '';
  for (const command of commands) text += `${PROMPT}${command}\n${await s.run(command)}`;
  return text;
}
