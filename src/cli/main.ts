#!/usr/bin/env node
// The `pmdb` command. Usage errors print one `pmdb: ...` line and exit 2 (DESIGN §1).
import { accessSync, constants, statSync } from 'node:fs';
import { ScriptSession } from './script-session.js';
import { parseArgs, UsageError } from './args.js';

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return 0;
  }
  checkScript(parsed.script);
  const session = new ScriptSession({
    script: parsed.script,
    args: parsed.args,
    commands: parsed.commands,
    input: process.stdin,
    output: process.stdout,
    errorOutput: process.stderr,
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof UsageError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`pmdb: ${message}\n`);
    process.exit(2);
  },
);
