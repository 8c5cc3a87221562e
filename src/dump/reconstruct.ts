// Rebuilds a value graph (a dump's, or one `extract` took) as real JavaScript values, so that
// expressions typed at the prompt run against them. Objects keep their class names (for
// util.inspect), identity and cycles; functions are stand-ins that refuse to be called. Nothing
// from the graph runs: property keys are defined, never assigned (no `__proto__` setter), and
// function text is kept as data.
//
// `valueBuilder` is the one implementation for both sides: pmdb calls it for dumps, and sends its
// text into a live program to rebuild extracted values there (see target/extracted.ts). So it
// names nothing outside itself, and a damaged file may hold anything where it expects a part.
import * as vm from 'node:vm';
import type { DumpObject, ValueRef } from './format.js';

/** Where rebuilt values come from, in the words of what they cannot do. */
export interface Provenance {
  /** Completes "greet ...: functions cannot be called". */
  functions: string;
  /** Completes "getter: not run ...". */
  when: string;
}

const FROM_DUMP: Provenance = { functions: 'comes from a dump', when: 'when the dump was taken' };

/** Values from `objects`, one per reference, identity kept; `onFunction` learns each function stand-in. */
export function valueBuilder(
  objects: Record<string, DumpObject>,
  provenance: Provenance,
  onFunction?: (stub: object, o: DumpObject) => void,
): (ref: ValueRef | undefined) => unknown {
  const built = new Map<number, unknown>();
  const classes = new Map<string, () => object>();
  const arrayOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  const isNumber = (x: unknown): x is number => typeof x === 'number';
  // Version 2 writes `numbers` as one comma-separated text, version 1 as an array.
  const numbersOf = (o: DumpObject): number[] => {
    if (typeof o.numbers !== 'string') return arrayOf(o.numbers).filter(isNumber);
    if (o.numbers === '') return [];
    // Mostly JSON's own numbers, which JSON.parse reads 2x faster than Number() one by one;
    // NaN and the infinities are not JSON, and a damaged text may be anything.
    try {
      const list: unknown = JSON.parse(`[${o.numbers}]`);
      if (Array.isArray(list) && list.every(isNumber)) return list;
    } catch {
      // Read number by number below.
    }
    return o.numbers.split(',').map(Number);
  };
  const TYPED: Record<string, new (n: number) => ArrayLike<number | bigint>> = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
    BigInt64Array, BigUint64Array,
  };

  const value = (ref: ValueRef | undefined): unknown => {
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
        return object(Number(ref.id));
    }
    return undefined;
  };

  /** Shells made and not yet filled: filled by a loop, not by recursion, whatever the depth. */
  const unfilled: [target: object, o: DumpObject, numbers: number[]][] = [];

  const object = (id: number): unknown => {
    if (built.has(id)) return built.get(id);
    const o = objects[String(id)];
    // A damaged file may hold anything here: such an object rebuilds as what its valid parts say.
    if (!o || typeof o !== 'object') return '<missing object>';
    const numbers = numbersOf(o);
    const target = shell(o, numbers.length);
    built.set(id, target);
    unfilled.push([target, o, numbers]);
    return target;
  };

  // A class of the same name, so util.inspect prints `Inventory { ... }` as the program would.
  const classOf = (name: string): (() => object) => {
    const valid = /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'Object';
    const ctor = valid ? { [name]: class {} }[name]! : undefined;
    const make = ctor ? () => new ctor() : () => ({});
    classes.set(name, make);
    return make;
  };

  /** An empty value of the right kind and class name, before its contents (cycles need it first). */
  const shell = (o: DumpObject, numberCount: number): object => {
    const className = typeof o.className === 'string' ? o.className : 'Object';
    switch (o.kind) {
      case 'array':
        return [];
      case 'typedarray':
        return new (Object.hasOwn(TYPED, className) ? TYPED[className]! : Float64Array)(Math.min(numberCount, 1e7));
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
            throw new TypeError(`${name || 'this function'} ${provenance.functions}: functions cannot be called`);
          },
        }[name]!;
        onFunction?.(stub, o);
        return stub;
      }
      case 'error': {
        const e = new Error(typeof o.text === 'string' ? o.text : '');
        Object.defineProperty(e, 'name', { value: className, configurable: true, writable: true });
        return e;
      }
      default:
        return (classes.get(className) ?? classOf(className))();
    }
  };

  const fill = (target: Record<PropertyKey, unknown>, o: DumpObject, numbers: number[]): void => {
    // One by one: spreading a damaged file's millions of numbers as arguments would overflow the stack.
    if (Array.isArray(target)) for (const n of numbers) target.push(n);
    else if (target instanceof BigInt64Array || target instanceof BigUint64Array) {
      // Kept as numbers (docs/dump-format.md); a damaged file's NaN must not throw here.
      numbers.forEach((n, i) => (target[i] = Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n));
    } else if (ArrayBuffer.isView(target)) numbers.forEach((n, i) => ((target as unknown as number[])[i] = n));
    const items = arrayOf(o.items);
    if (Array.isArray(target)) for (const item of items) target.push(value(item as ValueRef));
    if (target instanceof Set) for (const item of items) target.add(value(item as ValueRef));
    if (target instanceof Map) {
      for (const pair of arrayOf(o.entries)) if (Array.isArray(pair)) target.set(value(pair[0]), value(pair[1]));
    }
    for (const pair of arrayOf(o.properties)) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
      Object.defineProperty(target, pair[0], { value: value(pair[1]), enumerable: true, writable: true, configurable: true });
    }
    for (const key of arrayOf(o.accessors)) {
      if (typeof key !== 'string') continue;
      Object.defineProperty(target, key, { value: `<getter: not run ${provenance.when}>`, enumerable: true, configurable: true });
    }
    // Hidden, as on the program's object, and honest when read: the class's code did not run.
    for (const key of arrayOf(o.inheritedGetters)) {
      if (typeof key !== 'string' || Object.prototype.hasOwnProperty.call(target, key)) continue;
      const why = `${key} is a getter of ${typeof o.className === 'string' ? o.className : 'its class'}: not run ${provenance.when}`;
      Object.defineProperty(target, key, { get: () => { throw new Error(why); }, enumerable: false, configurable: true });
    }
    if (o.truncated) {
      Object.defineProperty(target, '<truncated>', { value: `${o.truncated} more not kept`, enumerable: true, configurable: true });
    }
    if (o.elided) Object.defineProperty(target, '<elided>', { value: 'deeper than the depth bound: not kept', enumerable: true, configurable: true });
  };

  // A chain of references as long as a file can hold (a crafted one) fills as a short one does.
  return (ref) => {
    const result = value(ref);
    for (let next = unfilled.pop(); next; next = unfilled.pop()) fill(next[0] as Record<PropertyKey, unknown>, next[1], next[2]);
    return result;
  };
}

/**
 * A graph's values rebuilt in pmdb, with what the graph says of each function (for `source`,
 * `whatis`). They are built in a realm of their own that cannot compile code: an object made in
 * pmdb's realm would hand any expression pmdb's Function (`x.constructor.constructor('...')()`),
 * and with it pmdb's process.
 */
export class Reconstructor {
  readonly functions = new WeakMap<object, DumpObject>();
  readonly value: (ref: ValueRef | undefined) => unknown;

  constructor(objects: Record<string, DumpObject>, provenance: Provenance = FROM_DUMP) {
    this.value = realmBuilder()(objects, provenance, (stub, o) => this.functions.set(stub, o));
  }
}

let builder: typeof valueBuilder | undefined;

/** valueBuilder, compiled in the realm that rebuilt values live in (one for the whole session). */
function realmBuilder(): typeof valueBuilder {
  const realm = () => vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
  return (builder ??= vm.runInContext(`(${valueBuilder.toString()})`, realm()) as typeof valueBuilder);
}
