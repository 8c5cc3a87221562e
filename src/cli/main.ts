#!/usr/bin/env node
// The `pmdb` command. Usage errors print one `pmdb: ...` line and exit 2 (DESIGN §1).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { parseArgs, UsageError } from './args.js';
import { DumpError } from '../dump/read-dump.js';
import { terminalText } from './terminal-text.js';

// A reader that went away (`pmdb ... | head`) ends pmdb quietly, as it ends any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(1);
  });
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return 0;
  }
  if (parsed.kind === 'version') {
    // dist/cli/main.js, two levels below the package's root in the source tree and when installed.
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (parsed.kind === 'open') {
    const { openDump } = await import('./dump-session.js');
    return openDump(parsed.file, process.stdin, process.stdout);
  }
  if (parsed.kind === 'view') {
    const { viewDump } = await import('./view-session.js');
    return viewDump(parsed.file, process.stdout);
  }
  if (parsed.kind === 'stacks') {
    const { printStacks } = await import('./stacks-session.js');
    return printStacks(parsed.target, { locals: parsed.locals }, (text) => process.stdout.write(text));
  }
  if (parsed.kind === 'attach') {
    const { attachTo } = await import('./attach-session.js');
    return attachTo(parsed.target, process.stdin, process.stdout);
  }
  if (parsed.kind === 'run') {
    const { runCommand } = await import('./run-session.js');
    return runCommand(parsed.command, parsed);
  }
  const repl = parsed.kind === 'repl';
  // A REPL is for a person at a terminal; piped input to `pmdb` alone is a missing script.
  if (repl && !process.stdin.isTTY) throw new UsageError('missing script (see pmdb --help; pmdb alone is a REPL, for a terminal)');
  const { ARMED_REPL } = await import('./armed-repl.js');
  const script = repl ? ARMED_REPL : parsed.script;
  const args = repl ? [] : parsed.args;
  if (!repl) checkScript(script);
  // Start the program first: its start-up overlaps the loading of the rest of pmdb.
  const { launch } = await import('../target/launch.js');
  const stopOn = repl ? undefined : parsed.stopOn;
  const { inTerminalForeground } = await import('./signals.js');
  const firstLaunch = launch({ script, args, interactive: inTerminalForeground(), stopOn });
  firstLaunch.catch(() => {});
  const { ScriptSession } = await import('./script-session.js');
  const session = new ScriptSession({
    firstLaunch,
    script,
    args,
    commands: repl ? [] : parsed.commands,
    skipPackages: parsed.skipPackages,
    stopOn,
    input: process.stdin,
    output: process.stdout,
    errorOutput: process.stderr,
    repl,
  });
  return session.run();
}

function checkScript(script: string): void {
  let isFile = false;
  try {
    isFile = statSync(script).isFile();
  } catch {
    throw new UsageError(`cannot find script '${script}'`);
  }
  if (!isFile) throw new UsageError(`'${script}' is not a file`);
  try {
    accessSync(script, constants.R_OK);
  } catch {
    throw new UsageError(`cannot read script '${script}': permission denied`);
  }
}

/**
 * Exits once stdout and stderr have taken everything written: to a pipe whose reader is slower
 * than pmdb (`pmdb open F < commands | less`), writes wait in Node's queue, and process.exit
 * alone drops them (10,000 commands kept 6 prompts of their output).
 */
function exitAfterOutput(code: number): void {
  let open = 2;
  const flushed = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

main(process.argv.slice(2)).then(exitAfterOutput, (err: unknown) => {
  const known = err instanceof UsageError || err instanceof DumpError;
  const message = known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  // The message may quote a file's name or a dump's contents.
  process.stderr.write(`pmdb: ${terminalText(message.replaceAll('\n', '\\n'), false)}\n`);
  exitAfterOutput(2);
});
