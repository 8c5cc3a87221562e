// Shared vocabulary of the command loop and the commands.
import type { Target } from '../target/target.js';
import type { LineReader } from '../cli/terminal.js';
import type { BreakpointStore } from '../engine/breakpoints.js';

/** What the prompt asks the session to do with the program next. */
export type Resume =
  | { kind: 'continue' }
  | { kind: 'step' }
  | { kind: 'next' }
  /** Run until the frame (index into target.frames) returns, or reaches `line` (`until`). */
  | { kind: 'return'; frame: number }
  | { kind: 'until'; frame: number; line: number }
  /** The command already set the program going (`jump` restarting a frame): await its next stop. */
  | { kind: 'running' }
  | { kind: 'quit' }
  | { kind: 'restart'; args?: string[] };

export interface Display {
  expression: string;
  last?: string;
}

/** The state of one stop, as the commands see and change it. */
export interface Context {
  target: Target;
  /** Index into target.frames of the selected frame. */
  frame: number;
  write(text: string): void;
  colors: boolean;
  /** Where the next bare `list` continues, per pdb. */
  listNext?: { file: string; line: number };
  displays: Display[];
  /** The session's breakpoints, kept across restarts. */
  breakpoints: BreakpointStore;
  postMortem: boolean;
  /** The program's script, for messages. */
  script: string;
  /** After `exceptions N`: which exception of the chain the commands look at, and the stop's own target. */
  exceptionView?: { index: number; stop: Target };
  /** The terminal, for commands that take it over (`interact`). */
  io: { input: NodeJS.ReadStream; output: NodeJS.WriteStream; reader: LineReader };
}

export interface Command {
  /** The first name is the one `help` lists; the others are abbreviations and aliases. */
  names: string[];
  usage: string;
  help: string;
  /** Whether a blank line repeats it (pdb repeats most, never `list` with arguments etc.). */
  run(ctx: Context, arg: string): Promise<Resume | void>;
}

/** A failure to report as one `*** message` line at the prompt. */
export class CommandError extends Error {}
