// A thread's scripts as its inspector announced them, and the front end's questions about them
// (`pmdb.scripts`, `pmdb.scriptUrls`, `pmdb.findScripts`). Kept by the agent inside the debuggee,
// and by `pmdb attach`/`pmdb stacks`, which talk to a thread's inspector directly.
import type { Protocol } from 'devtools-protocol';
import type { ScriptInfo } from '../protocol/messages.js';

/** A thread's scripts by id, and which one a URL names (the last parsed under it). */
export class ThreadScripts extends Map<string, ScriptInfo> {
  readonly byUrl = new Map<string, string>();

  /** Node's own code, or no script the thread told of. */
  isInternal(scriptId: string): boolean {
    const url = this.get(scriptId)?.url ?? '';
    return url === '' || url.startsWith('node:');
  }

  parsed(params: Protocol.Debugger.ScriptParsedEvent): void {
    this.set(params.scriptId, {
      scriptId: params.scriptId,
      url: params.url,
      sourceMapURL: params.sourceMapURL || undefined,
      isModule: params.isModule || undefined,
    });
    this.byUrl.set(params.url, params.scriptId);
  }

  /** The answer to one of the `pmdb.*` script questions; undefined for any other method. */
  answer(method: string, params: unknown): { result: unknown } | undefined {
    switch (method) {
      case 'pmdb.scripts':
        return { result: (params as { ids: string[] }).ids.map((id) => this.get(id) ?? { scriptId: id, url: '' }) };
      case 'pmdb.scriptUrls':
        return { result: [...new Set([...this.values()].map((s) => s.url))] };
      case 'pmdb.findScripts':
        // A file is known by its path (CommonJS) or its file: URL (ES module).
        return { result: (params as { urls: string[] }).urls.flatMap((url) => this.get(this.byUrl.get(url) ?? '') ?? []) };
      default:
        return undefined;
    }
  }
}
