// Command-line parsing for `pmdb [-c CMD]... [--] SCRIPT [ARG...]`. Everything after SCRIPT
// belongs to the script, as with `python -m pdb`.
export class UsageError extends Error {}

export const USAGE = `usage: pmdb [-c command] ... [--] script.js|script.ts [arg] ...

Debug a Node.js or TypeScript program, like python -m pdb. The program starts stopped at its
first line; when an error escapes, pmdb stops in the frame that threw it, with every local alive.

  -c command   run a debugger command at the first stop (repeatable); -c continue runs the
               program at full speed until something stops it
  -h, --help   show this help
`;

export type Parsed =
  | { kind: 'help'; text: string }
  | { kind: 'script'; script: string; args: string[]; commands: string[] };

export function parseArgs(argv: string[]): Parsed {
  const commands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: USAGE };
    if (arg === '-c' || arg === '--command') {
      const command = argv[++i];
      if (command === undefined) throw new UsageError(`${arg} needs a command`);
      commands.push(command);
      continue;
    }
    if (arg.startsWith('-c') && arg.length > 2) {
      commands.push(arg.slice(2));
      continue;
    }
    if (arg === '--') {
      const script = argv[i + 1];
      if (!script) throw new UsageError('missing script after --');
      return { kind: 'script', script, args: argv.slice(i + 2), commands };
    }
    if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' (see pmdb --help)`);
    return { kind: 'script', script: arg, args: argv.slice(i + 1), commands };
  }
  throw new UsageError('missing script (see pmdb --help)');
}
