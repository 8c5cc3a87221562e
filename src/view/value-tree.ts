// Values as the page's trees: one level at a time, each object kept under a number the page asks
// for its children by (so a 5 MB dump sends only what is opened). Describing runs no program
// code: properties are read through their descriptors (getters are named, never called), Proxies
// are never opened, and builtins are asked through pmdb's own copies of their methods. What a
// console expression made is the user's code all the same: every description runs under a time
// limit, as the expression did.
import * as util from 'node:util';
import * as vm from 'node:vm';

export interface ValueNode {
  name: string;
  /** One line: `42`, `'text'`, `Float64Array(200)`, `Config {…}`, `[Getter]`. */
  preview: string;
  /** `number`, `string`, `object`, `array`, `function`, `getter`... for the page's colors. */
  type: string;
  /** The number to ask for its children by; absent when it has none. */
  handle?: number;
  /** Numbers the page may plot (checked again when it asks). */
  plottable?: boolean;
}

export interface Children {
  entries: ValueNode[];
  /** Entries left out past the limit. */
  more: number;
}

/** Children listed per object at most. */
const CHILDREN_LIMIT = 500;
const PREVIEW_LENGTH = 200;
/** How long describing may take (a console value's own code may be hostile). */
const DESCRIBE_MS = 1000;

const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const builtinGetter = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!.get!;
const typedLength = builtinGetter(typedArrayProto, 'length');
const mapSize = builtinGetter(Map.prototype, 'size');
const setSize = builtinGetter(Set.prototype, 'size');
const regexpSource = builtinGetter(RegExp.prototype, 'source');
const regexpFlags = builtinGetter(RegExp.prototype, 'flags');
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const dateText = Date.prototype.toISOString;

/** Values handed out by number, for one page. */
export class ValueHandles {
  private readonly values = new Map<number, unknown>();
  private next = 1;
  /** A script run for its time limit: the work is a host function it calls. */
  private readonly timed = new vm.Script('work()');
  private readonly realm = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });

  /** A node for a top-level value (a variable, a console result). */
  node(name: string, value: unknown): ValueNode {
    return this.withinLimit(() => this.describe(name, value));
  }

  /** The children of a handed-out value; undefined for an unknown handle. */
  children(handle: number): Children | undefined {
    if (!this.values.has(handle)) return undefined;
    const value = this.values.get(handle);
    return this.withinLimit(() => {
      const entries: ValueNode[] = [];
      let more = 0;
      for (const [name, child] of childrenOf(value)) {
        if (entries.length >= CHILDREN_LIMIT) more++;
        else entries.push('getter' in child ? { name, preview: child.getter, type: 'getter' } : this.describe(name, child.value));
      }
      return { entries, more };
    });
  }

  value(handle: number): { found: boolean; value?: unknown } {
    return { found: this.values.has(handle), value: this.values.get(handle) };
  }

  private describe(name: string, value: unknown): ValueNode {
    const { preview, type, expandable, plottable } = describeValue(value);
    const node: ValueNode = { name, preview, type };
    if (expandable) {
      node.handle = this.next++;
      this.values.set(node.handle, value);
    }
    if (plottable) node.plottable = true;
    return node;
  }

  /** Runs `work` under the time limit (a value's own code may never end). */
  withinLimit<T>(work: () => T): T {
    (this.realm as { work?: () => T }).work = work;
    try {
      return this.timed.runInContext(this.realm, { timeout: DESCRIBE_MS }) as T;
    } finally {
      delete (this.realm as { work?: () => T }).work;
    }
  }
}

/** A child: its value, or an accessor, named and never run. */
type Child = { value: unknown } | { getter: string };

function* childrenOf(value: unknown): Generator<[string, Child]> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || util.types.isProxy(value)) return;
  if (util.types.isTypedArray(value)) {
    const length = typedLength.call(value) as number;
    for (let i = 0; i < length; i++) yield [String(i), { value: (value as unknown as ArrayLike<unknown>)[i] }];
    return;
  }
  if (util.types.isMap(value)) {
    for (const [k, v] of mapEntries.call(value as Map<unknown, unknown>)) yield [`${describeValue(k).preview} =>`, { value: v }];
  } else if (util.types.isSet(value)) {
    let i = 0;
    for (const v of setValues.call(value as Set<unknown>)) yield [String(i++), { value: v }];
  }
  for (const key of Reflect.ownKeys(value)) {
    const d = Reflect.getOwnPropertyDescriptor(value, key)!;
    if (Array.isArray(value) && key === 'length') continue;
    const name = typeof key === 'symbol' ? `[${key.toString()}]` : key;
    yield [name, 'value' in d ? { value: d.value } : { getter: d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]' }];
  }
}

interface Description {
  preview: string;
  type: string;
  expandable: boolean;
  plottable: boolean;
}

export function describeValue(value: unknown): Description {
  const plain = (preview: string, type: string): Description => ({ preview, type, expandable: false, plottable: false });
  switch (typeof value) {
    case 'string':
      return plain(short(JSON.stringify(value)), 'string');
    case 'number':
      return plain(Object.is(value, -0) ? '-0' : String(value), 'number');
    case 'bigint':
      return plain(`${value}n`, 'number');
    case 'boolean':
      return plain(String(value), 'boolean');
    case 'undefined':
      return plain('undefined', 'undefined');
    case 'symbol':
      return plain(short(Symbol.prototype.toString.call(value)), 'symbol');
  }
  if (value === null) return plain('null', 'null');
  const object = value as object;
  const expandable = (preview: string, type: string, plottable = false): Description => ({ preview, type, expandable: true, plottable });
  if (util.types.isProxy(object)) return plain('Proxy (not opened: its traps would run)', 'object');
  if (typeof object === 'function') return expandable(`ƒ ${ownData(object, 'name') ?? ''}()`, 'function');
  const name = className(object);
  if (Array.isArray(object)) {
    const length = ownData(object, 'length') as number;
    return expandable(`${name}(${length})`, 'array', length > 1 && looksNumeric(object));
  }
  if (util.types.isTypedArray(object)) {
    const length = typedLength.call(object) as number;
    return expandable(`${name}(${length})`, 'array', length > 1 && !util.types.isBigInt64Array(object) && !util.types.isBigUint64Array(object));
  }
  if (util.types.isMap(object)) return expandable(`${name}(${mapSize.call(object)})`, 'object', mapSize.call(object) > 1);
  if (util.types.isSet(object)) return expandable(`${name}(${setSize.call(object)})`, 'object', setSize.call(object) > 1);
  if (util.types.isDate(object)) {
    let text;
    try {
      text = dateText.call(object);
    } catch {
      text = 'Invalid Date';
    }
    return expandable(`${name} ${text}`, 'object');
  }
  // Its state is V8's to tell: util.inspect reads it, one level deep, running none of the value's code.
  if (util.types.isPromise(object)) return expandable(short(util.inspect(object, { depth: 0, customInspect: false, getters: false, showProxy: true, breakLength: Infinity })), 'object');
  if (util.types.isRegExp(object)) return expandable(short(`/${regexpSource.call(object)}/${regexpFlags.call(object)}`), 'object');
  if (util.types.isNativeError(object)) {
    const message = ownData(object, 'message');
    return expandable(short(`${inheritedData(object, 'name') ?? name}: ${typeof message === 'string' ? message : ''}`), 'error');
  }
  const empty = Reflect.ownKeys(object).length === 0;
  return expandable(`${name === 'Object' ? '' : `${name} `}${empty ? '{}' : '{…}'}`, 'object');
}

/** Whether the first items are numbers or {x, y} points: the plot request says the rest. */
function looksNumeric(items: unknown[]): boolean {
  const first = Reflect.getOwnPropertyDescriptor(items, 0);
  if (!first || !('value' in first)) return false;
  const v: unknown = first.value;
  if (typeof v === 'number') return true;
  return typeof v === 'object' && v !== null && !util.types.isProxy(v) && typeof ownData(v, 'y') === 'number';
}

function ownData(object: object, key: string): unknown {
  const d = Reflect.getOwnPropertyDescriptor(object, key);
  return d && 'value' in d ? d.value : undefined;
}

/** A data property found along the prototypes (no getter run, no Proxy opened). */
function inheritedData(object: object, key: string): unknown {
  for (let o: object | null = object; o && !util.types.isProxy(o); o = Reflect.getPrototypeOf(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, key);
    if (d) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

/** The constructor's name, as util.inspect finds it. */
function className(object: object): string {
  const ctor = inheritedData(object, 'constructor');
  const name = typeof ctor === 'function' && !util.types.isProxy(ctor) ? ownData(ctor, 'name') : undefined;
  return typeof name === 'string' && name ? name : 'Object';
}

function short(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}
