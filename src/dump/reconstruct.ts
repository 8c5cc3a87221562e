// Rebuilds a dump's value graph as real JavaScript values inside an isolated vm context, so that
// expressions typed at the prompt run against them. Objects keep their class names (for
// util.inspect), identity and cycles; functions are stand-ins that refuse to be called. Nothing
// from the file runs: property keys are defined, never assigned (no `__proto__` setter), and
// function text is kept as data.
import * as vm from 'node:vm';
import type { Dump, DumpObject, ValueRef } from './format.js';

export class FunctionFromDumpError extends TypeError {}

export class Reconstructor {
  readonly context: vm.Context;
  private readonly built = new Map<number, unknown>();
  private readonly classes = new Map<string, () => object>();
  /** Function stand-ins and what the dump says of them, for `source` and `whatis`. */
  readonly functions = new WeakMap<object, DumpObject>();

  constructor(private readonly dump: Dump) {
    this.context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
  }

  value(ref: ValueRef | undefined): unknown {
    if (!ref || typeof ref !== 'object') return undefined;
    switch (ref.t) {
      case 'undefined':
        return undefined;
      case 'null':
        return null;
      case 'boolean':
        return Boolean(ref.v);
      case 'number':
        return typeof ref.v === 'number' ? ref.v : { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 }[ref.v];
      case 'bigint':
        return /^-?\d+$/.test(ref.v) ? BigInt(ref.v) : undefined;
      case 'string':
        return ref.truncated ? `${ref.v}... <${ref.truncated} more characters not kept>` : String(ref.v);
      case 'symbol':
        return Symbol(String(ref.v).replace(/^Symbol\((.*)\)$/, '$1'));
      case 'redacted':
        return '<redacted>';
      case 'unavailable':
        return `<not kept: ${ref.why}>`;
      case 'ref':
        return this.object(Number(ref.id));
    }
    return undefined;
  }

  private object(id: number): unknown {
    if (this.built.has(id)) return this.built.get(id);
    const o = this.dump.objects[String(id)];
    // A damaged file may hold anything here: such an object rebuilds as what its valid parts say.
    if (!o || typeof o !== 'object') return '<missing object>';
    const target = this.shell(o);
    this.built.set(id, target);
    this.fill(target as Record<PropertyKey, unknown>, o);
    return target;
  }

  /** An empty value of the right kind and class name, before its contents (cycles need it first). */
  private shell(o: DumpObject): object {
    const className = typeof o.className === 'string' ? o.className : 'Object';
    switch (o.kind) {
      case 'array':
        return [];
      case 'typedarray':
        return new (typedArrayOf(className))(Math.min(arrayOf(o.numbers).length, 1e7));
      case 'map':
        return new Map();
      case 'set':
        return new Set();
      case 'date':
        return new Date(typeof o.text === 'string' ? o.text : NaN);
      case 'regexp': {
        const m = /^\/(.*)\/([a-z]*)$/s.exec(typeof o.text === 'string' ? o.text : '');
        try {
          return m ? new RegExp(m[1]!, m[2]) : /(?:)/;
        } catch {
          return /(?:)/;
        }
      }
      case 'function': {
        const name = typeof o.name === 'string' ? o.name : '';
        const stub = {
          [name]: function () {
            throw new FunctionFromDumpError(`${name || 'this function'} comes from a dump: functions cannot be called`);
          },
        }[name]!;
        this.functions.set(stub, o);
        return stub;
      }
      case 'error': {
        const e = new Error(typeof o.text === 'string' ? o.text : '');
        Object.defineProperty(e, 'name', { value: className, configurable: true, writable: true });
        return e;
      }
      default: {
        const make = this.classes.get(className) ?? this.classOf(className);
        return make();
      }
    }
  }

  private classOf(name: string): () => object {
    // A class of the same name, so util.inspect prints `Inventory { ... }` as the program would.
    const valid = /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'Object';
    const ctor = valid ? { [name]: class {} }[name]! : undefined;
    const make = ctor ? () => new ctor() : () => ({});
    this.classes.set(name, make);
    return make;
  }

  private fill(target: Record<PropertyKey, unknown>, o: DumpObject): void {
    const numbers = arrayOf(o.numbers).filter((n): n is number => typeof n === 'number');
    if (Array.isArray(target)) target.push(...numbers);
    else if (ArrayBuffer.isView(target)) numbers.forEach((n, i) => ((target as unknown as number[])[i] = n));
    const items = arrayOf(o.items);
    if (Array.isArray(target)) for (const item of items) target.push(this.value(item as ValueRef));
    if (target instanceof Set) for (const item of items) target.add(this.value(item as ValueRef));
    if (target instanceof Map) {
      for (const pair of arrayOf(o.entries)) if (Array.isArray(pair)) target.set(this.value(pair[0]), this.value(pair[1]));
    }
    for (const pair of arrayOf(o.properties)) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
      Object.defineProperty(target, pair[0], { value: this.value(pair[1]), enumerable: true, writable: true, configurable: true });
    }
    for (const key of arrayOf(o.accessors)) {
      if (typeof key !== 'string') continue;
      Object.defineProperty(target, key, { value: '<getter: not run when the dump was taken>', enumerable: true, configurable: true });
    }
    if (o.truncated) {
      Object.defineProperty(target, '<truncated>', { value: `${o.truncated} more not kept`, enumerable: true, configurable: true });
    }
    if (o.elided) Object.defineProperty(target, '<elided>', { value: 'deeper than the dump keeps', enumerable: true, configurable: true });
  }
}

const arrayOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

const TYPED: Record<string, new (n: number) => ArrayLike<number>> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
};

function typedArrayOf(name: string): new (n: number) => ArrayLike<number> {
  return TYPED[name] ?? Float64Array;
}
