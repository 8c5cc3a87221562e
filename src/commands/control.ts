// continue / step / next / quit / restart: handing control back to the program.
import type { Command } from '../repl/types.js';

export const cont: Command = {
  names: ['continue', 'c', 'cont'],
  usage: 'c(ont(inue))',
  help: 'Continue execution, only stop when a breakpoint is encountered or an error escapes. After a post-mortem stop, restart the program.',
  async run() {
    return { kind: 'continue' };
  },
};

export const step: Command = {
  names: ['step', 's'],
  usage: 's(tep)',
  help: 'Execute the current line, stop at the first possible occasion (either in a function that is called or in the current function). After a post-mortem stop, restart the program.',
  async run() {
    return { kind: 'step' };
  },
};

export const next: Command = {
  names: ['next', 'n'],
  usage: 'n(ext)',
  help: 'Continue execution until the next line in the current function is reached or it returns.',
  async run() {
    return { kind: 'next' };
  },
};

export const quit: Command = {
  names: ['quit', 'q', 'exit'],
  usage: 'q(uit) | exit',
  help: 'Quit from the debugger. The program being executed is aborted.',
  async run() {
    return { kind: 'quit' };
  },
};

export const restart: Command = {
  names: ['restart', 'run'],
  usage: 'run [args...] | restart [args...]',
  help: 'Restart the debugged program. If arguments are given, they replace the program\'s arguments (split like a shell does, without expansion). Breakpoints and displays are kept.',
  async run(_ctx, arg) {
    return arg ? { kind: 'restart', args: splitArgs(arg) } : { kind: 'restart' };
  },
};

/** Shell-like word splitting with quotes, no expansion (pdb uses shlex.split). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return out;
}
