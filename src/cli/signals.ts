// Signals sent to pmdb are the program's: SIGTERM, SIGHUP and SIGINT are passed on to it, pmdb
// waits for it, and then ends as it did (dead of the same signal, or with its status), as a shell
// does for the command it waits for. A signal the terminal sends (Ctrl-C, a hang-up) reaches the
// program's process group, pmdb's own, by itself: passed on too, the program would get it twice
// (a second Ctrl-C means "force" to many tools), so pmdb passes on what the terminal sent only
// when it is not in the terminal's foreground group (docs/security.md, "Signals").
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { isatty } from 'node:tty';
import { statFields } from '../util/process-tree.js';

export const PASSED_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
export type PassedSignal = (typeof PASSED_SIGNALS)[number];

/**
 * Whether pmdb's process group is the foreground group of its controlling terminal: what that
 * terminal's Ctrl-C and hang-up reach. Without /proc (not Linux): whether any stdio is a terminal.
 */
export function inTerminalForeground(): boolean {
  try {
    const [, , group, , terminal, foreground] = statFields(readFileSync('/proc/self/stat', 'utf8'));
    return terminal !== '0' && group === foreground;
  } catch {
    return isatty(0) || isatty(1) || isatty(2);
  }
}

/** Whether the program already has this signal from the terminal (see above). */
export function sentByTerminal(signal: PassedSignal): boolean {
  return signal !== 'SIGTERM' && inTerminalForeground();
}

/** Calls `onSignal` for each passed signal pmdb gets, until the returned function is called. */
export function takeSignals(onSignal: (signal: PassedSignal) => void): () => void {
  const handlers = PASSED_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

/**
 * pmdb's exit status for a program that ended so: its code, or, dead of a signal, the same death
 * (pmdb kills itself with it; whoever ran pmdb sees what they would have seen), 128 + n if pmdb
 * survives it. Call once pmdb's own handlers of that signal are gone.
 */
export function endedLike(ended: { code: number | null; signal: NodeJS.Signals | null }): number {
  if (!ended.signal) return ended.code ?? 1;
  process.kill(process.pid, ended.signal);
  return 128 + (constants.signals[ended.signal] ?? 0);
}
