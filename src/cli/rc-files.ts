// pdb's .pdbrc, as ~/.pmdbrc then ./.pmdbrc: their lines run at the first stop, before `-c`
// commands. Blank lines and `#` comments are skipped; a file read once (the home directory is
// the working directory) is not read again.
import { readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export function rcLines(): string[] {
  const lines: string[] = [];
  const read = new Set<string>();
  for (const file of [path.join(homedir(), '.pmdbrc'), path.resolve('.pmdbrc')]) {
    let text: string;
    try {
      const real = realpathSync(file);
      if (read.has(real)) continue;
      read.add(real);
      text = readFileSync(real, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split(/\r?\n/)) if (line.trim() && !line.trim().startsWith('#')) lines.push(line.trim());
  }
  return lines;
}
