// The extracted values at one live stop. They are rebuilt inside the program, by the builder
// dumps use (sent as text), into one object of the stop's group, released when the program
// resumes. During one evaluation the names it needs are globals of the program, deleted before
// the program can run again: scoping then works as for any global (the frame's variables hide
// them), and the program's functions can take them. A global the program has is never replaced.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';
import { valueBuilder } from '../dump/reconstruct.js';
import { EvaluationError } from './target.js';
import { FROM_EXTRACT, type Extraction, type ExtractedValues } from './extracted.js';

/** Where a rebuilt function keeps the text of the one it stands for, for `source`. */
const TEXT = "Symbol.for('pmdb.extracted-function-text')";

const REBUILD = `function (objects, values, provenance) {
  const keepText = (stub, o) => Object.defineProperty(stub, ${TEXT}, { value: typeof o.text === 'string' ? o.text : '' });
  const value = (${valueBuilder.toString()})(objects, provenance, keepText);
  for (const [name, ref] of values) Object.defineProperty(this, name, { value: value(ref), writable: true, enumerable: true, configurable: true });
}`;

const BIND = `function (names) {
  const bound = [];
  for (const name of names) {
    if (name in globalThis || !(name in this)) continue;
    Object.defineProperty(globalThis, name, { value: this[name], writable: true, configurable: true });
    bound.push(name);
  }
  return bound;
}`;

/** The text of the function an extracted stand-in replaces; undefined for any other value. */
export const EXTRACTED_FUNCTION_TEXT = `function () {
  const d = typeof this === 'function' ? Object.getOwnPropertyDescriptor(this, ${TEXT}) : undefined;
  return d ? d.value : undefined;
}`;

const UNBIND = `function (names) { for (const name of names) delete globalThis[name]; }`;

export class ExtractedInProgram {
  /** The object holding this stop's rebuilt values, and the extractions already in it. */
  private holder?: string;
  private readonly rebuilt = new Set<Extraction>();

  constructor(
    private readonly client: Channel,
    private readonly group: string,
    private readonly store: ExtractedValues,
  ) {}

  /** Runs `evaluate` with `names` (extracted names the program does not define) bound. */
  async around<T>(names: string[], evaluate: () => Promise<T>): Promise<T> {
    if (names.length === 0) return evaluate();
    const holder = await this.holderWith(names);
    const bound = (await this.call(holder, BIND, [{ value: names }], true)) as string[];
    try {
      return await evaluate();
    } finally {
      if (bound.length) await this.call(holder, UNBIND, [{ value: bound }], false);
    }
  }

  private async holderWith(names: string[]): Promise<string> {
    if (!this.holder) {
      const r = await this.client.call('Runtime.evaluate', { expression: 'Object.create(null)', objectGroup: this.group, silent: true });
      this.holder = r.result.objectId as string;
    }
    // A whole extraction at once: the names taken together keep sharing their objects.
    for (const name of names) {
      const extraction = this.store.extractionOf(name);
      if (!extraction || this.rebuilt.has(extraction)) continue;
      this.rebuilt.add(extraction);
      const values = this.store.currentIn(extraction);
      await this.call(this.holder, REBUILD, [{ value: extraction.objects }, { value: values }, { value: FROM_EXTRACT }], false);
    }
    return this.holder;
  }

  private async call(objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[], returnByValue: boolean): Promise<unknown> {
    const r = await this.client.call('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, returnByValue, silent: true });
    if (r.exceptionDetails) {
      const why = (r.exceptionDetails as Protocol.Runtime.ExceptionDetails).exception?.description?.split('\n')[0];
      throw new EvaluationError(`the extracted values cannot be rebuilt in the program (${why ?? 'it threw'})`);
    }
    return r.result?.value;
  }
}
