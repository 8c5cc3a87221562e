// The names in a live stop's scopes, asked of V8 once per scope. A LiveTarget lives one stop,
// whose scopes keep the variables they have: an evaluation changes their values, never which
// there are (V8 refuses a `var` declaration in code evaluated on a frame). Every evaluation
// needs some of these names (module-scope.ts), so they are not fetched again for each.
// V8 names variables as the code it runs does; where a compiler renamed some (tsx's esbuild:
// `items` -> `items2`, engine/renamed-names.ts), each gets the source's name here too.
import type { Protocol } from 'devtools-protocol';
import type { LiveFrame } from '../engine/frames.js';
import type { SnapshotFrame } from '../protocol/messages.js';
import type { ScriptTable } from '../engine/scripts.js';
import { sourceNamesIn } from '../engine/renamed-names.js';
import type { Binding } from './bindings.js';

type Properties = (objectId: string) => Promise<Protocol.Runtime.PropertyDescriptor[]>;

export class StopNames {
  /** Per scope object: its names, each with whether it holds a value (not a getter). */
  private readonly scopes = new Map<string, Promise<Map<string, boolean>>>();
  private readonly frameBindings = new Map<number, Promise<Binding[]>>();

  constructor(
    private readonly frames: LiveFrame[],
    private readonly properties: Properties,
    private readonly scripts: ScriptTable,
  ) {}

  /** The names of a frame's variables (those `variables(frame, 'all')` gives), as the source spells them. */
  async of(frame: number): Promise<ReadonlySet<string>> {
    return new Set((await this.bindings(frame)).map((b) => b.name));
  }

  /** A frame's variables, innermost scope first: an inner one hides an outer one of the same name. */
  bindings(frame: number): Promise<Binding[]> {
    let found = this.frameBindings.get(frame);
    if (!found) this.frameBindings.set(frame, (found = this.collect(frame)));
    return found;
  }

  /** The frame's variables the compiler renamed; none, without asking V8, when its script renames nothing. */
  async renamed(frame: number): Promise<Binding[]> {
    const scriptId = this.frames[frame]?.scriptId;
    if (!scriptId || (await this.scripts.renamings(scriptId)).size === 0) return [];
    return (await this.bindings(frame)).filter((b) => b.name !== b.generated || b.unsure);
  }

  /** The variables named `generated` (V8's names) of scope `at` of a frame, with their source names. */
  async inScope(frame: number, at: number, generated: string[]): Promise<Map<string, Binding>> {
    const f = this.frames[frame];
    const all = f?.scriptId ? await this.scripts.renamings(f.scriptId) : new Map();
    const sources = sourceNamesIn(all, f?.scopeRanges?.[at], generated);
    return new Map([...sources].map(([name, candidates]) => [name, bindingOf(name, candidates)]));
  }

  /** A kept frame's variables under their source names; undefined for a live frame. */
  async sourceNamedSnapshot(frame: number): Promise<SnapshotFrame['variables'] | undefined> {
    const kept = this.frames[frame]?.snapshot;
    if (!kept) return undefined;
    const named = new Map<number, Map<string, Binding>>();
    for (const at of new Set(kept.map((v) => v.at))) {
      named.set(at, await this.inScope(frame, at, kept.filter((v) => v.at === at).map((v) => v.name)));
    }
    return kept.map((v) => ({ ...v, name: named.get(v.at)!.get(v.name)!.name }));
  }

  /** The index of the first of the frame's scopes that has a variable V8 calls `generated`. */
  async scopeHolding(frame: number, generated: string): Promise<number> {
    for (const [i, scope] of (this.frames[frame]?.scopeChain ?? []).entries()) {
      if (scope.type !== 'global' && (await this.namesIn(scope)).has(generated)) return i;
    }
    throw new Error('no scope has it');
  }

  private async collect(frame: number): Promise<Binding[]> {
    const f = this.frames[frame];
    const out: Binding[] = [];
    // A kept frame's variables have their source names already (sourceNamedSnapshot).
    if (f?.snapshot) return f.snapshot.map((v) => ({ name: v.name, generated: v.name }));
    for (const [at, scope] of (f?.scopeChain ?? []).entries()) {
      if (scope.type === 'global') continue;
      const valued = [...(await this.namesIn(scope))].filter(([, v]) => v).map(([name]) => name);
      out.push(...(await this.inScope(frame, at, valued)).values());
    }
    return out;
  }

  private namesIn(scope: Protocol.Debugger.Scope): Promise<Map<string, boolean>> {
    const id = scope.object.objectId!;
    let names = this.scopes.get(id);
    if (!names) this.scopes.set(id, (names = this.properties(id).then((props) => new Map(props.map((p) => [p.name, Boolean(p.value)])))));
    return names;
  }
}

/** V8's name `generated` with the source names the map gives it (renamed-names.ts). */
function bindingOf(generated: string, candidates: string[]): Binding {
  return candidates.length === 1 ? { name: candidates[0]!, generated } : { name: generated, generated, unsure: candidates };
}
