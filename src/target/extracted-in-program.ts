// The extracted values at one live stop, and the module variables an inner frame lacks (see
// module-scope.ts). Extracted values are rebuilt inside the program, by the builder dumps use
// (sent as text), into one object of the stop's group, released when the program resumes.
// During one evaluation the names it needs are globals of the program, deleted before the
// program can run again: scoping then works as for any global (the frame's variables hide
// them), and the program's functions can take them. A global the program has is never replaced.
//
// Module variables cannot be globals: V8 evaluates in an inner frame with a list of the outer
// names its function does not capture, and reports those as not defined rather than look them up
// among the globals. They are parameters of an arrow function around the code instead (a direct eval, so
// the frame's scopes stay visible), passed the program's own values, not copies; the values the
// parameters hold after the code ran say which ones it assigned, for the target to assign in the
// module's frame.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';
import { valueBuilder } from '../dump/reconstruct.js';
import { EvaluationError } from './target.js';
import { FROM_EXTRACT, type Extraction, type ExtractedValues } from './extracted.js';
import { toCallArgument } from '../util/call-argument.cjs';

type RemoteObject = Protocol.Runtime.RemoteObject;

/** Where a rebuilt function keeps the text of the one it stands for, for `source`. */
const TEXT = "Symbol.for('pmdb.extracted-function-text')";

const REBUILD = `function (objects, values, provenance) {
  const keepText = (stub, o) => Object.defineProperty(stub, ${TEXT}, { value: typeof o.text === 'string' ? o.text : '' });
  const value = (${valueBuilder.toString()})(objects, provenance, keepText);
  for (const [name, ref] of values) Object.defineProperty(this, name, { value: value(ref), writable: true, enumerable: true, configurable: true });
}`;

/** Where the module variables' values are during one evaluation. */
const MODULE_VALUES = "Symbol.for('pmdb.module-variables')";

/** `global` is the frame's: a vm context's frame has its own. */
const BIND = `function (global, names, moduleValues) {
  const bound = [];
  for (const name of names) {
    if (name in global || !(name in this)) continue;
    Object.defineProperty(global, name, { value: this[name], writable: true, configurable: true });
    bound.push(name);
  }
  Object.defineProperty(global, ${MODULE_VALUES}, { value: { bound, before: moduleValues, after: moduleValues }, configurable: true });
}`;

/** The text of the function an extracted stand-in replaces; undefined for any other value. */
export const EXTRACTED_FUNCTION_TEXT = `function () {
  const d = typeof this === 'function' ? Object.getOwnPropertyDescriptor(this, ${TEXT}) : undefined;
  return d ? d.value : undefined;
}`;

/** The module variables the code assigned, as properties of one object; undefined when none. */
const UNBIND = `function (global, moduleNames) {
  const { bound, before, after } = global[${MODULE_VALUES}];
  delete global[${MODULE_VALUES}];
  for (const name of bound) delete global[name];
  const assigned = Object.create(null);
  let any = false;
  moduleNames.forEach((name, i) => {
    if (!Object.is(before[i], after[i])) (assigned[name] = after[i]), (any = true);
  });
  return any ? assigned : undefined;
}`;

/** `code` run where `names` are parameters holding the module's values; they are kept after it ran. */
function inModuleScope(code: string, names: string[]): string {
  const values = names.map((_, i) => `globalThis[${MODULE_VALUES}].before[${i}]`);
  return `((${names.join(', ')}) => {
  try { return eval(${JSON.stringify(code)}); } finally { globalThis[${MODULE_VALUES}].after = [${names.join(', ')}]; }
})(${values.join(', ')})`;
}

export class ExtractedInProgram {
  /** The object holding this stop's rebuilt values, and the extractions already in it. */
  private holder?: string;
  private readonly rebuilt = new Set<Extraction>();

  constructor(
    private readonly client: Channel,
    private readonly group: string,
    private readonly store: ExtractedValues,
  ) {}

  /**
   * Runs `evaluate` with `extracted` names (those the program does not define) bound, and gives
   * it the code in the scope of the module's variables `names` (none: the code as it is), whose
   * values `read` gives as one array; then hands those the code assigned to `assign`, as the
   * properties of one object. The names are bound as properties of `global`, the frame's.
   */
  async around<T>(
    extracted: string[],
    module: { names: string[]; read: () => Promise<RemoteObject>; assign: (assigned: RemoteObject) => Promise<void> },
    global: () => Promise<RemoteObject>,
    evaluate: (inScope: (code: string) => string) => Promise<T>,
  ): Promise<T> {
    const { names } = module;
    if (extracted.length === 0 && names.length === 0) return evaluate((code) => code);
    const holder = await this.holderWith(extracted);
    const values = names.length ? toCallArgument(await module.read()) : { value: [] };
    const where = toCallArgument(await global());
    await this.call(holder, BIND, [where, { value: extracted }, values]);
    try {
      return await evaluate((code) => (names.length ? inModuleScope(code, names) : code));
    } finally {
      const assigned = await this.call(holder, UNBIND, [where, { value: names }]);
      if (assigned.objectId) await module.assign(assigned);
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
      await this.call(this.holder, REBUILD, [{ value: extraction.objects }, { value: values }, { value: FROM_EXTRACT }]);
    }
    return this.holder;
  }

  private async call(objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[]): Promise<RemoteObject> {
    const r = await this.client.call('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, silent: true });
    if (r.exceptionDetails) {
      const why = (r.exceptionDetails as Protocol.Runtime.ExceptionDetails).exception?.description?.split('\n')[0];
      throw new EvaluationError(`pmdb cannot bind extracted values or module variables in the program (${why ?? 'it threw'})`);
    }
    return r.result as RemoteObject;
  }
}
