// A source map is worth following only to sources that can be read. Installed packages often
// ship maps to TypeScript sources they do not ship (cli-highlight's dist/theme.js.map names
// ../src/theme.ts): following one names a file that is not there and shows no line, where the
// installed JavaScript file is right there to show.
import { existsSync } from 'node:fs';
import { urlToFile } from './file-url.cjs';

/** Whether some source the map names has its text in the map (sourcesContent) or on disk. */
export function hasReadableSource(resolvedSources: readonly (string | null)[], sourcesContent: readonly (string | null | undefined)[] | null | undefined): boolean {
  return resolvedSources.some((source, i) => typeof sourcesContent?.[i] === 'string' || (source !== null && existsSync(urlToFile(source))));
}
