// The variables the session declared at a live program's prompt or in `interact` (see
// engine/session-declarations.ts), and `require` in every frame. The declared values live in the
// program, in one object the inspector holds (never the program's globals), for as long as the
// program runs: a restart starts without them, as a new Node REPL would. During one evaluation
// they are accessors on globalThis (a `const` refuses assignment as JavaScript does), deleted
// before the program can run again, so the frame's variables, the module's and the program's own
// globals all hide them. `require`, for the frames that have none (ES modules, TypeScript
// compiled as one, callbacks that do not capture CommonJS's), is one resolving from the frame's
// file, given to the code as a parameter.
import path from 'node:path';
import type { Protocol } from 'devtools-protocol';
import { TargetGoneError, type Channel } from './agent-client.js';
import type { DeclaringCode, Declared } from '../engine/session-declarations.js';
import { EvaluationError } from './target.js';

type RemoteObject = Protocol.Runtime.RemoteObject;

/** Where, during one evaluation, the declaring code finds the store. */
const KEY = "Symbol.for('pmdb.session-variables')";
/** The group of the stores: never released, they last as long as their program. */
const GROUP = 'pmdb-session-variables';

const STORE = `(() => {
  const store = Object.create(null);
  Object.defineProperty(store, Symbol.for('pmdb.create-require'), { value: require('node:module').createRequire });
  return store;
})()`;

const BIND = `function (names, requireFrom) {
  const store = this;
  const bound = [];
  const define = (name, descriptor) => {
    if (name in globalThis) return;
    Object.defineProperty(globalThis, name, { ...descriptor, configurable: true });
    bound.push(name);
  };
  for (const name of names) {
    define(name, {
      get: () => store[name],
      set: (value) => {
        if (!Object.getOwnPropertyDescriptor(store, name).writable) throw new TypeError('Assignment to constant variable.');
        store[name] = value;
      },
    });
  }
  // A global require of the program's own (Node's REPL has one) wins.
  const require = !requireFrom ? undefined : 'require' in globalThis ? globalThis.require : store[Symbol.for('pmdb.create-require')](requireFrom);
  const declare = (name, value, constant) =>
    Object.defineProperty(store, name, { value, writable: !constant, enumerable: true, configurable: true });
  Object.defineProperty(globalThis, ${KEY}, { value: { bound, declare, require }, configurable: true });
}`;

const UNBIND = `function () {
  const { bound } = globalThis[${KEY}];
  delete globalThis[${KEY}];
  for (const name of bound) delete globalThis[name];
}`;

/**
 * `code` (already rewritten) run where its declared names are parameters, kept in the store after
 * it ran, and `require` one too when it is given: V8 reports a name that the frame's outer
 * functions have but did not capture (CommonJS's `require` in a callback) as not defined rather
 * than look it up among the globals.
 */
function inSessionScope(code: string, declared: Declared[], withRequire: boolean): string {
  if (declared.length === 0 && !withRequire) return code;
  const names = [...new Set(declared.map((d) => d.name))];
  const keep = declared.map((d) => `declare(${JSON.stringify(d.name)}, ${d.name}, ${d.constant});`).join(' ');
  const params = withRequire && !names.includes('require') ? ['require', ...names] : names;
  const args = withRequire && !names.includes('require') ? `globalThis[${KEY}].require` : '';
  return `((${params.join(', ')}) => {
  try { return eval(${JSON.stringify(code)}); } finally { const { declare } = globalThis[${KEY}]; ${keep} }
})(${args})`;
}

type ThreadState = { store: Promise<string>; names: Set<string> };

/** The session's declared names and their store, per thread of the program. */
export class SessionVariables {
  private readonly threads = new Map<string, ThreadState>();

  /** The session's variables in one thread (`undefined`: the main thread) of the program `client` reaches. */
  in(client: Channel, thread: string | undefined): ThreadVariables {
    return new ThreadVariables(client, this.threads, thread ?? '');
  }
}

export class ThreadVariables {
  constructor(
    private readonly client: Channel,
    private readonly threads: Map<string, ThreadState>,
    private readonly thread: string,
  ) {}

  /**
   * Runs `evaluate` with the session's variables bound; gives it the code to run in place of the
   * (rewritten) code, which keeps what `declaring` declares, and has `require` resolve from
   * `requireFrom` when that is a file (the frame's, when it has no `require` of its own).
   */
  async around<T>(
    declaring: DeclaringCode | undefined,
    requireFrom: string | undefined,
    evaluate: (inScope: (code: string) => string) => Promise<T>,
  ): Promise<T> {
    // All of them: functions the session declared use the others, named or not in the code.
    const known = [...(this.threads.get(this.thread)?.names ?? [])];
    const withRequire = requireFrom !== undefined && path.isAbsolute(requireFrom);
    if (!declaring && known.length === 0 && !withRequire) return evaluate((code) => code);
    const store = await this.bind(known, withRequire ? requireFrom : null);
    try {
      return await evaluate((code) => inSessionScope(code, declaring?.declared ?? [], withRequire));
    } finally {
      await this.call(store, UNBIND, []).catch(() => {});
      for (const { name } of declaring?.declared ?? []) this.threads.get(this.thread)?.names.add(name);
    }
  }

  /** Binds the names, on a store made afresh when the program that held the old one is gone. */
  private async bind(names: string[], requireFrom: string | null): Promise<string> {
    const args = [{ value: names }, { value: requireFrom }];
    const state = this.threads.get(this.thread);
    if (state) {
      const store = await state.store;
      try {
        await this.call(store, BIND, args);
        return store;
      } catch (err) {
        // The program threw: it has the store still. Otherwise V8 lost it (a restarted program).
        if (err instanceof EvaluationError || err instanceof TargetGoneError) throw err;
      }
    }
    const created: ThreadState = { store: this.createStore(), names: new Set() };
    this.threads.set(this.thread, created);
    const store = await created.store;
    await this.call(store, BIND, [{ value: [] }, { value: requireFrom }]);
    return store;
  }

  private async createStore(): Promise<string> {
    // `require` of DevTools' command line: there in every program, ES modules included.
    const r = await this.client.call('Runtime.evaluate', { expression: STORE, includeCommandLineAPI: true, objectGroup: GROUP, silent: true });
    if (r.exceptionDetails || !r.result?.objectId) throw new EvaluationError('pmdb cannot keep declared variables in the program');
    return r.result.objectId as string;
  }

  private async call(objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[]): Promise<RemoteObject> {
    const r = await this.client.call('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, silent: true });
    if (r.exceptionDetails) {
      const why = (r.exceptionDetails as Protocol.Runtime.ExceptionDetails).exception?.description?.split('\n')[0];
      throw new EvaluationError(`pmdb cannot bind the session's variables in the program (${why ?? 'it threw'})`);
    }
    return r.result as RemoteObject;
  }
}
