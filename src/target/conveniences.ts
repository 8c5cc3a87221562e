// pdb's convenience variables at a live stop: `$_frame`, `$_retval`, `$_exception` and the user's
// own `$name = value`. They are properties of one object pmdb creates in the program at each stop
// and releases when it resumes (so they are cleared then, as pdb 3.12+ clears them). During one
// evaluation the object is reachable under a symbol on globalThis, deleted before the program
// can run again: the program's globals never show it.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from './agent-client.js';
import { dollarNames, replaceNames } from '../engine/dollar-names.js';
import { toCallArgument } from '../util/call-argument.cjs';

type RemoteObject = Protocol.Runtime.RemoteObject;

const KEY = "Symbol.for('pmdb.conveniences')";
/** An unset variable reads as JavaScript's unknown names do. */
const HOLDER = `new Proxy({}, { get(vars, name) {
  if (typeof name === 'string' && !(name in vars)) throw new ReferenceError(name + ' is not defined');
  return vars[name];
} })`;
const BUILTIN_CONVENIENCES = ['$_frame', '$_retval', '$_exception'];

/** What the frame being evaluated in says about names. */
export interface FrameNames {
  isProgramName(name: string): Promise<boolean>;
  /** The value of a built-in variable there, undefined when it has none. */
  builtin(name: string): Promise<RemoteObject | undefined>;
  /** The global object the frame's code sees: its realm's (a vm context has its own). */
  global(): Promise<RemoteObject>;
}

export class Conveniences {
  private holder?: string;

  constructor(
    private readonly client: Channel,
    private readonly group: string,
  ) {}

  /**
   * Runs `evaluate` on the expression with its `$name`s that are not the program's own
   * variables turned into properties of the holder.
   */
  async around<T>(expression: string, frame: FrameNames, evaluate: (expression: string) => Promise<T>): Promise<T> {
    const ours = [];
    for (const found of dollarNames(expression)) {
      if (BUILTIN_CONVENIENCES.includes(found.name) || !(await frame.isProgramName(found.name))) ours.push(found);
    }
    if (ours.length === 0) return evaluate(expression);
    const holder = await this.holderId();
    for (const name of new Set(ours.map((n) => n.name).filter((n) => BUILTIN_CONVENIENCES.includes(n)))) {
      const value = await frame.builtin(name);
      if (!value) continue;
      await this.call(holder, 'function (name, value) { this[name] = value; }', [{ value: name }, toCallArgument(value)]);
    }
    const global = (await frame.global()).objectId!;
    await this.call(global, `function (holder) { Object.defineProperty(this, ${KEY}, { value: holder, configurable: true }); }`, [{ objectId: holder }]);
    try {
      return await evaluate(replaceNames(expression, ours, (name) => `globalThis[${KEY}][${JSON.stringify(name)}]`));
    } finally {
      await this.call(global, `function () { delete this[${KEY}]; }`);
    }
  }

  private async holderId(): Promise<string> {
    if (!this.holder) {
      const r = await this.client.call('Runtime.evaluate', { expression: HOLDER, objectGroup: this.group, silent: true });
      this.holder = r.result.objectId as string;
    }
    return this.holder;
  }

  private async call(objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[] = []): Promise<void> {
    await this.client.call('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, silent: true });
  }
}
