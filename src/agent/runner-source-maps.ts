// Source maps a test runner keeps in memory instead of in the code it runs. vitest 5 inlines a
// module's map into the code only when an inspector port is open (`inspector.url()`); otherwise
// its module runner keeps the map for its own stack traces, on the worker state. Without it pmdb
// would show vitest 5's transformed line numbers as the TypeScript file's.
import type { Protocol } from 'devtools-protocol';
import type { ScriptInfo } from '../protocol/messages.js';
import type { Debuggee } from './debuggee.js';
import { urlToFile } from '../util/file-url.cjs';

const VITEST_MAP = (file: string) => `(() => {
  const map = globalThis.__vitest_worker__?.evaluatedModules?.getModuleSourceMapById?.(${JSON.stringify(file)})?.map;
  return map ? JSON.stringify(map) : undefined;
})()`;

/** Scripts already asked about: each is asked once. */
const asked = new WeakSet<ScriptInfo>();

/** The script, with the map its runner keeps when the code names none. */
export async function withRunnerMap(debuggee: Debuggee, info: ScriptInfo): Promise<ScriptInfo> {
  // vitest runs a module as a script (not an ES module) named by its file: URL (4: its path); its
  // module graph knows it by path.
  const file = urlToFile(info.url);
  if (info.sourceMapURL || info.isModule || !file.startsWith('/') || asked.has(info)) return info;
  asked.add(info);
  try {
    const { result } = await debuggee.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.evaluate', { expression: VITEST_MAP(file), returnByValue: true, silent: true });
    if (typeof result.value === 'string') info.sourceMapURL = `data:application/json;base64,${Buffer.from(result.value).toString('base64')}`;
  } catch {
    // No answer: the script keeps no map, as before.
  }
  return info;
}
