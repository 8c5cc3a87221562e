// The names in a live stop's scopes, asked of V8 once per scope. A LiveTarget lives one stop,
// whose scopes keep the variables they have: an evaluation changes their values, never which
// there are (V8 refuses a `var` declaration in code evaluated on a frame). Every evaluation
// needs some of these names (module-scope.ts), so they are not fetched again for each.
import type { Protocol } from 'devtools-protocol';
import type { LiveFrame } from '../engine/frames.js';

type Properties = (objectId: string) => Promise<Protocol.Runtime.PropertyDescriptor[]>;

export class StopNames {
  /** Per scope object: its names, each with whether it holds a value (not a getter). */
  private readonly scopes = new Map<string, Promise<Map<string, boolean>>>();
  private readonly frameNames = new Map<number, Promise<ReadonlySet<string>>>();

  constructor(
    private readonly frames: LiveFrame[],
    private readonly properties: Properties,
  ) {}

  /** The names of a frame's variables: those `variables(frame, 'all')` gives. */
  of(frame: number): Promise<ReadonlySet<string>> {
    let names = this.frameNames.get(frame);
    if (!names) this.frameNames.set(frame, (names = this.collect(frame)));
    return names;
  }

  /** The index of the first of the frame's scopes that has a variable `name`. */
  async scopeHolding(frame: number, name: string): Promise<number> {
    for (const [i, scope] of (this.frames[frame]?.scopeChain ?? []).entries()) {
      if (scope.type !== 'global' && (await this.inScope(scope)).has(name)) return i;
    }
    throw new Error('no scope has it');
  }

  private async collect(frame: number): Promise<ReadonlySet<string>> {
    const f = this.frames[frame];
    if (f?.snapshot) return new Set(f.snapshot.map((v) => v.name));
    const names = new Set<string>();
    for (const scope of f?.scopeChain ?? []) {
      if (scope.type === 'global') continue;
      for (const [name, valued] of await this.inScope(scope)) if (valued) names.add(name);
    }
    return names;
  }

  private inScope(scope: Protocol.Debugger.Scope): Promise<Map<string, boolean>> {
    const id = scope.object.objectId!;
    let names = this.scopes.get(id);
    if (!names) this.scopes.set(id, (names = this.properties(id).then((props) => new Map(props.map((p) => [p.name, Boolean(p.value)])))));
    return names;
  }
}
