// What the front end knows about the debuggee's scripts: url, source map, source text. Filled
// lazily from the agent, because a Node process parses hundreds of internal scripts nobody asks
// about.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import type { ScriptInfo } from '../protocol/messages.js';
import { ScriptMap, type Position } from './source-maps.js';
import { renamings, type CodeRange, type Renamings } from './renamed-names.js';
import { scriptNames, urlToFile } from '../util/file-url.cjs';

// pmdb's own agent runs inside the debuggee, and pmdb brings tsx to run TypeScript: their frames
// are never the user's. Nor is setTrace()'s (the package's main file): its stop shows the caller.
const pmdbMain = fileURLToPath(new URL('../index.js', import.meta.url));
const pmdbDirs = [
  path.dirname(fileURLToPath(new URL('../agent/worker.js', import.meta.url))),
  path.dirname(path.dirname(createRequire(import.meta.url).resolve('tsx/cjs'))),
];

/** Code pmdb wrote into a script's line (a compiled breakpoint condition), where V8's copy has it. */
export interface SourceEdit {
  line0: number;
  column0: number;
  length: number;
}

/** A file of an installed package, not the user's own code. */
export function isPackageFile(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

function isInternalFile(file: string): boolean {
  return file === '' || file.startsWith('node:') || file === pmdbMain || pmdbDirs.some((dir) => file.startsWith(dir + path.sep));
}

/**
 * The code without the `//# sourceURL=` line that names it, when that is its last: what the armed
 * REPL adds to each line it runs (agent/repl-line.cts), never what the user typed.
 */
function withoutAddedSourceUrl(code: string, url: string | undefined): string {
  const added = `\n//# sourceURL=${url}`;
  return url && code.endsWith(added) ? code.slice(0, -added.length) : code;
}

export interface Script extends ScriptInfo {
  file: string;
  map?: ScriptMap;
}

export class ScriptTable {
  private readonly scripts = new Map<string, Script>();
  private readonly originals = new Map<string, string[] | null>();
  private readonly generated = new Map<string, string>();
  private mapped?: Promise<boolean>;
  /** Scripts pmdb edited: the source as the program wrote it, and where the edits are. */
  private readonly edits = new Map<string, { original: string; edits: SourceEdit[] }>();
  private readonly renamed = new Map<string, Promise<Renamings>>();

  constructor(
    private readonly client: Channel,
    /** Steps go through installed packages (node_modules) unless `pmdb --no-skip`. */
    private readonly skipPackages = true,
    /** A failing test's stop (`pmdb test`): installed packages (the runner, the assertion library) are hidden as pmdb's own frames are. */
    private readonly hidePackages = false,
  ) {}

  async load(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.scripts.has(id));
    if (missing.length === 0) return;
    for (const info of await this.client.call<ScriptInfo[]>('pmdb.scripts', { ids: missing })) this.add(info);
  }

  private add(info: ScriptInfo): void {
    if (this.scripts.has(info.scriptId)) return;
    this.scripts.set(info.scriptId, { ...info, file: urlToFile(info.url), map: ScriptMap.load(info.url, info.sourceMapURL) });
  }

  /**
   * The script V8 runs for a file as a stack trace names it. CommonJS scripts are known by path,
   * ES modules by file: URL, and stack traces do not always say which; a URL compiled twice (a
   * loader's first attempt) runs the last time. Both names go in one request to the agent, whose
   * answer carries all that load() would ask for.
   */
  async findByFile(file: string): Promise<string | undefined> {
    const found = await this.client.call<ScriptInfo[]>('pmdb.findScripts', { urls: scriptNames(file) });
    const last = found[found.length - 1];
    if (last) this.add(last);
    return last?.scriptId;
  }

  /**
   * Whether Node maps the stack traces it formats (tsx turns this on, as `--enable-source-maps`
   * does): their positions are then original ones already, not to be mapped again.
   */
  stacksAreMapped(): Promise<boolean> {
    // Asked once: a process turns source maps on as it starts, before the program runs.
    this.mapped ??= this.client
      .call<{ result?: { value?: unknown } }>('Runtime.evaluate', { expression: 'process.sourceMapsEnabled === true', returnByValue: true, silent: true })
      .then((r) => r.result?.value === true, () => false);
    return this.mapped;
  }

  get(scriptId: string): Script | undefined {
    return this.scripts.get(scriptId);
  }

  /** Original position of a generated (0-based) location; the generated one when unmapped. */
  position(scriptId: string, line0: number, generatedColumn0: number): Position {
    const script = this.scripts.get(scriptId);
    const file = script?.file ?? '';
    const column0 = this.uneditedColumn(scriptId, line0, generatedColumn0);
    const mapped = script?.map?.original(line0, column0);
    return mapped ?? { file, line: line0 + 1, column: column0 + 1 };
  }

  /** pmdb changed the script V8 runs (`source`), keeping its lines: positions and text stay the program's. */
  edited(scriptId: string, source: string, original: string, edits: SourceEdit[]): void {
    this.generated.set(scriptId, source);
    this.edits.set(scriptId, { original, edits });
  }

  /** A column of V8's edited copy as a column of the program's own line (an edit's own code: where it stands). */
  uneditedColumn(scriptId: string, line0: number, column0: number): number {
    let shift = 0;
    for (const edit of this.edits.get(scriptId)?.edits ?? []) {
      if (edit.line0 !== line0 || column0 < edit.column0) continue;
      if (column0 < edit.column0 + edit.length) return edit.column0 - shift;
      shift += edit.length;
    }
    return column0 - shift;
  }

  /** The identifiers the compiler renamed in a script (renamed-names.ts); none without a source map. */
  renamings(scriptId: string): Promise<Renamings> {
    let found = this.renamed.get(scriptId);
    if (!found) {
      const map = this.scripts.get(scriptId)?.map;
      const none: Renamings = new Map();
      found = map ? this.uneditedSource(scriptId).then((text) => (text === undefined ? none : renamings(map, text))) : Promise.resolve(none);
      this.renamed.set(scriptId, found);
    }
    return found;
  }

  /** A scope's stretch of code as V8 gives it, in the program's own columns; undefined when V8 gives none. */
  codeRange(scope: { startLocation?: Protocol.Debugger.Location; endLocation?: Protocol.Debugger.Location }): CodeRange | undefined {
    const { startLocation: start, endLocation: end } = scope;
    if (!start || !end) return undefined;
    const at = (l: Protocol.Debugger.Location) => ({ line0: l.lineNumber, column0: this.uneditedColumn(l.scriptId, l.lineNumber, l.columnNumber ?? 0) });
    return { start: at(start), end: at(end) };
  }

  /** The generated code as the program loaded it, before any edit of pmdb's. */
  async uneditedSource(scriptId: string): Promise<string | undefined> {
    return this.edits.get(scriptId)?.original ?? this.generatedSource(scriptId);
  }

  isInternal(scriptId: string): boolean {
    const file = this.scripts.get(scriptId)?.file ?? '';
    return isInternalFile(file) || (this.hidePackages && isPackageFile(file));
  }

  /** Files of the user's code the thread has loaded, CommonJS and ES modules alike (for `b` completion). */
  async userFiles(): Promise<string[]> {
    const urls = await this.client.call<string[]>('pmdb.scriptUrls');
    const files = urls.map(urlToFile).filter((f) => path.isAbsolute(f) && !isInternalFile(f));
    return [...new Set(files)].filter((f) => !isPackageFile(f));
  }

  /** Code a compiler added around the user's (module wrappers, helpers): mapped script, no mapping here. */
  isLoaderGlue(location: Protocol.Debugger.Location): boolean {
    const map = this.scripts.get(location.scriptId)?.map;
    return Boolean(map) && !map!.original(location.lineNumber, location.columnNumber ?? 0);
  }

  /** Code pdb shows: not Node's, not pmdb's, not compiler glue. Frames and stops use this rule. */
  isUserCode(location: Protocol.Debugger.Location): boolean {
    return !this.isInternal(location.scriptId) && !this.isLoaderGlue(location);
  }

  /**
   * A frame of user code. esbuild's helpers (`__name`, `__async`...) share generated lines with
   * the user's code, so the map gives them the user's nearest line: a `__` function that the
   * original file never names is the compiler's.
   */
  async isUserFrame(frame: Pick<Protocol.Debugger.CallFrame, 'location' | 'functionName'>): Promise<boolean> {
    const { location, functionName } = frame;
    if (!this.isUserCode(location)) return false;
    if (!functionName.startsWith('__') || !this.scripts.get(location.scriptId)?.map) return true;
    const original = this.position(location.scriptId, location.lineNumber, location.columnNumber ?? 0);
    return Boolean((await this.lines(original.file))?.some((line) => line.includes(functionName)));
  }

  /**
   * Where a step does not stop: besides what is not user code, installed packages, as pdb's
   * `skip` patterns would leave them (a step goes through them into the user's callbacks).
   */
  async skippedByStepping(frame: Pick<Protocol.Debugger.CallFrame, 'location' | 'functionName'>): Promise<boolean> {
    if (!(await this.isUserFrame(frame))) return true;
    return this.skipPackages && isPackageFile(this.scripts.get(frame.location.scriptId)!.file);
  }

  /** The generated code V8 runs, as it runs it. */
  async generatedSource(scriptId: string): Promise<string | undefined> {
    let text = this.generated.get(scriptId);
    if (text === undefined) {
      try {
        const r = await this.client.call<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
        text = r.scriptSource;
      } catch {
        return undefined;
      }
      this.generated.set(scriptId, text);
    }
    return text;
  }

  /** Lines of an original source file: from a source map's content, V8's copy, or the disk. */
  async lines(file: string, scriptId?: string): Promise<string[] | undefined> {
    const cached = this.originals.get(file);
    if (cached !== undefined) return cached ?? undefined;
    let text: string | undefined;
    for (const script of this.scripts.values()) {
      text = script.map?.sourceText(file);
      if (text !== undefined) break;
    }
    if (text === undefined && scriptId && !this.scripts.get(scriptId)?.map) {
      const generated = this.edits.get(scriptId)?.original ?? (await this.generatedSource(scriptId));
      text = generated === undefined ? undefined : withoutAddedSourceUrl(generated, this.scripts.get(scriptId)?.url);
    }
    if (text === undefined && path.isAbsolute(file)) {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
    }
    const lines = text === undefined ? null : text.split(/\r?\n/);
    // A final newline ends the last line; it does not start another.
    if (lines && lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.originals.set(file, lines);
    return lines ?? undefined;
  }
}
