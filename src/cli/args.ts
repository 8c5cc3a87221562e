// Command-line parsing for `pmdb [-c CMD]... [--] SCRIPT [ARG...]`. Everything after SCRIPT
// belongs to the script, as with `python -m pdb`. No script at all is the armed REPL.
import { limitsFrom } from '../dump/limits.cjs';

export class UsageError extends Error {}

export const USAGE = `usage: pmdb [-c command] ... [--stop-on escaped] [--] script.js|script.ts [arg] ...
       pmdb
       pmdb run [--dump-dir DIR] [--dump-limits SPEC] [--no-redact] [--stop-on escaped] [--timeout S [--repeat] [--exit]] [--] command [arg] ...
       pmdb test [--trace] [--dump-dir DIR] [--] command [arg] ...
       pmdb open FILE
       pmdb view FILE
       pmdb attach PID | HOST:PORT
       pmdb stacks [--locals] PID

Debug a Node.js or TypeScript program, like python -m pdb. The program starts stopped at its
first line; when an error escapes, pmdb stops in the frame that threw it, with every local alive.

  -c command   run a debugger command at the first stop (repeatable); -c continue runs the
               program at full speed until something stops it
  --no-skip    let step/next stop inside installed packages (node_modules) too
  --stop-on escaped
               also stop where the program's code throws an error that library code catches
               (a framework's router, an emitter in a package); cont lets the library handle it
  -h, --help   show this help
  --version    print pmdb's version

pmdb alone is Node's REPL, armed: an error that escapes a line stops at the prompt where it
was thrown; pm() reopens the last one.

pmdb run arms every Node process the command starts; with a terminal, a crash opens the
post-mortem prompt in the crashing process; without one, a crash writes a dump (to --dump-dir,
PMDB_DUMP_DIR or ./pmdb-dumps). Either way the command then fails as it would have. pmdb open
gives the post-mortem prompt on a dump; pmdb view serves it as a page on this machine
(127.0.0.1, at the printed address) until Ctrl-C. --timeout S: when the command still runs
after S seconds, its Node processes' stacks go to stderr and a dump of each is written
(--repeat: every S seconds; --exit: then the command is ended, and pmdb exits 1).
--dump-limits (or PMDB_DUMP_LIMITS) sets the dump's bounds over the defaults: depth=6,items=1000,string=64k,numbers=100000,size=3M (k and M: 1024, 1024²).

pmdb test is pmdb run fitted to test runners (pytest --pdb): it stops at each failing test, in the
frame that threw, one prompt at a time; c goes on to the next failure, q lets the runner finish with
its own report. Without a terminal, one dump per failing test, named after it. --trace also stops
at the start of each test, in its first line (pytest --trace); c goes on to
the next test's start or failure.
`;

export type Parsed =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'script'; script: string; args: string[]; commands: string[]; skipPackages: boolean; stopOn?: StopOn }
  | { kind: 'repl'; skipPackages: boolean }
  | { kind: 'open'; file: string }
  | { kind: 'view'; file: string }
  | { kind: 'stacks'; target: string; locals: boolean }
  | { kind: 'attach'; target: string }
  | {
      kind: 'run';
      command: string[];
      dumpDir?: string;
      dumpLimits?: string;
      redact: boolean;
      stopOn?: StopOn | 'test';
      trace?: boolean;
      watchdog?: { seconds: number; repeat: boolean; exit: boolean };
    };

/** `--stop-on escaped`: also stop where library code catches the program's error (DESIGN §5). */
export type StopOn = 'escaped';

function stopOnValue(value: string | undefined): StopOn {
  if (value !== 'escaped') throw new UsageError(`--stop-on takes 'escaped'${value === undefined ? '' : `, not '${value}'`}`);
  return value;
}

export function parseArgs(argv: string[]): Parsed {
  if (argv[0] === 'open') {
    if (argv.length !== 2 || !argv[1]) throw new UsageError('usage: pmdb open FILE');
    return { kind: 'open', file: argv[1] };
  }
  if (argv[0] === 'view') {
    if (argv.length !== 2 || !argv[1] || argv[1].startsWith('-')) throw new UsageError('usage: pmdb view FILE');
    return { kind: 'view', file: argv[1] };
  }
  if (argv[0] === 'run') return parseRun(argv.slice(1));
  if (argv[0] === 'test') return parseRun(argv.slice(1), 'test');
  if (argv[0] === 'stacks') return parseStacks(argv.slice(1));
  if (argv[0] === 'attach') {
    if (argv.length !== 2 || !argv[1] || argv[1].startsWith('-')) throw new UsageError('usage: pmdb attach PID | HOST:PORT');
    return { kind: 'attach', target: argv[1] };
  }
  const commands: string[] = [];
  let skipPackages = true;
  let stopOn: StopOn | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: USAGE };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--no-skip') {
      skipPackages = false;
      continue;
    }
    if (arg === '--stop-on') {
      stopOn = stopOnValue(argv[++i]);
      continue;
    }
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
      return { kind: 'script', script, args: argv.slice(i + 2), commands, skipPackages, stopOn };
    }
    if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' (see pmdb --help)`);
    return { kind: 'script', script: arg, args: argv.slice(i + 1), commands, skipPackages, stopOn };
  }
  if (stopOn) throw new UsageError('--stop-on needs a script (see pmdb --help)');
  // -c commands run at the first stop of a script; the REPL has none.
  if (commands.length > 0) throw new UsageError('missing script (see pmdb --help)');
  return { kind: 'repl', skipPackages };
}

type RunOptions = Omit<Extract<Parsed, { kind: 'run' }>, 'kind' | 'command'>;

/** `pmdb run` and `pmdb test` (the same, stopping at failing tests). */
function parseRun(argv: string[], name: 'run' | 'test' = 'run'): Parsed {
  const options: RunOptions = name === 'test' ? { redact: true, stopOn: 'test' } : { redact: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--trace' && name === 'test') options.trace = true;
    else if (arg === '--dump-dir') {
      options.dumpDir = argv[++i];
      if (!options.dumpDir) throw new UsageError('--dump-dir needs a directory');
    } else if (arg === '--dump-limits') {
      options.dumpLimits = argv[++i];
      if (!options.dumpLimits) throw new UsageError('--dump-limits needs bounds, e.g. depth=8,items=2000,string=128k,numbers=200000,size=8M');
      try {
        limitsFrom(options.dumpLimits, true);
      } catch (err) {
        throw new UsageError(`--dump-limits: ${(err as Error).message}`);
      }
    } else if (arg === '--no-redact') options.redact = false;
    else if (arg === '--stop-on' && name === 'run') options.stopOn = stopOnValue(argv[++i]);
    else if (arg === '--timeout' && name === 'run') {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0)) throw new UsageError('--timeout needs a number of seconds');
      options.watchdog = { repeat: false, exit: false, ...options.watchdog, seconds };
    } else if ((arg === '--repeat' || arg === '--exit') && name === 'run') {
      options.watchdog = { seconds: 0, repeat: false, exit: false, ...options.watchdog, [arg.slice(2)]: true };
    }
    else if (arg === '--') return runOf(argv.slice(i + 1), options, name);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' for pmdb ${name} (see pmdb --help)`);
    else return runOf(argv.slice(i), options, name);
  }
  throw new UsageError(`pmdb ${name} needs a command (see pmdb --help)`);
}

function runOf(command: string[], options: RunOptions, name: 'run' | 'test'): Parsed {
  if (command.length === 0) throw new UsageError(`pmdb ${name} needs a command (see pmdb --help)`);
  if (options.watchdog && !options.watchdog.seconds) throw new UsageError('--repeat and --exit go with --timeout SECONDS');
  return { kind: 'run', command, ...options };
}

function parseStacks(argv: string[]): Parsed {
  const locals = argv.includes('--locals');
  const rest = argv.filter((a) => a !== '--locals');
  if (rest.length !== 1 || rest[0]!.startsWith('-')) throw new UsageError('usage: pmdb stacks [--locals] PID');
  return { kind: 'stacks', target: rest[0]!, locals };
}
