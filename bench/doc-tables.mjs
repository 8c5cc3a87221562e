// The generated tables of docs/benchmarks.md. Each sits between two markers of its own,
//   <!-- bench:NAME -->
//   ...
//   <!-- /bench:NAME -->
// and only that part is replaced: the prose around it, and tables without markers (written by
// hand), stay as they are. A table whose markers are missing is reported, not inserted anywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

/** Replaces each named table's block; returns the names that have no markers in the document. */
export function writeDocTables(tables, doc = DOC) {
  let text = readFileSync(doc, 'utf8');
  const missing = [];
  for (const [name, block] of Object.entries(tables)) {
    const open = `<!-- bench:${name} -->\n`;
    const close = `\n<!-- /bench:${name} -->`;
    const start = text.indexOf(open);
    const end = start < 0 ? -1 : text.indexOf(close, start);
    if (end < 0) {
      missing.push(name);
      continue;
    }
    text = text.slice(0, start + open.length) + block + text.slice(end);
  }
  writeFileSync(doc, text);
  if (missing.length) process.stderr.write(`bench: docs/benchmarks.md has no markers for ${missing.join(', ')}: those tables were not written\n`);
  return missing;
}
