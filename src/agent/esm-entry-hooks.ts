// Module loader hooks (they run on Node's loader thread) that hand the entry module to
// wrapEntry. TypeScript entries are compiled here with esbuild, as tsx would, so that the wrapper
// is applied to JavaScript and the composed source map still points at the .ts lines.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { wrapEntry } from './wrap-entry.js';

let entryUrl = '';

export function initialize(data: { entry: string }): void {
  entryUrl = data.entry;
}

type Load = (url: string, context: object) => Promise<{ format?: string | null; source?: unknown }>;

export async function load(url: string, context: object, nextLoad: Load) {
  if (url !== entryUrl) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  let js = source;
  let inputMap: string | undefined;
  if (/\.[mc]?tsx?$/.test(file)) {
    try {
      const out = await transform(source, {
        loader: file.endsWith('x') ? 'tsx' : 'ts',
        format: 'esm',
        target: `node${process.versions.node.split('.')[0]}`,
        sourcemap: 'external',
        sourcefile: file,
        sourcesContent: true,
      });
      js = out.code;
      inputMap = out.map;
    } catch {
      return nextLoad(url, context); // tsx reports compile errors its usual way.
    }
  }
  const wrapped = wrapEntry(js, file, inputMap);
  if (!wrapped) return nextLoad(url, context);
  const mapUrl = `data:application/json;base64,${Buffer.from(wrapped.map).toString('base64')}`;
  return {
    format: 'module',
    source: `${wrapped.code}\n//# sourceMappingURL=${mapUrl}\n`,
    shortCircuit: true,
  };
}
