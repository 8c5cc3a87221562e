// The lines a function spans in its original source, for `ll` and `source`: from its first line
// to the brace that closes its body. Strings, template literals and comments are skipped so their
// braces do not count.
export function functionEnd(lines: string[], startLine: number): number {
  let depth = 0;
  let opened = false;
  let quote = '';
  let blockComment = false;
  for (let n = startLine; n <= lines.length; n++) {
    const text = lines[n - 1]!;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (blockComment) {
        if (ch === '*' && text[i + 1] === '/') {
          blockComment = false;
          i++;
        }
        continue;
      }
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '/' && text[i + 1] === '/') break;
      if (ch === '/' && text[i + 1] === '*') {
        blockComment = true;
        i++;
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') {
        depth--;
        if (opened && depth === 0) return n;
      }
    }
    // Template literals span lines; ordinary strings do not.
    if (quote !== '`') quote = '';
    if (!opened && n === startLine && !/[({[,=]\s*$/.test(text)) return n;
  }
  return lines.length;
}
