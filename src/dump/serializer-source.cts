// The function that turns a crashed program's values into the dump's value graph. It runs
// inside the debuggee (pmdb.callForText, one call for every frame's variables at once,
// since a protocol call per object would take seconds) and returns JSON text. It is handed V8's
// scope objects themselves, not their values: a 2 MB string in a frame never crosses the
// channel.
//
// It must never run the program's code: only own property descriptors are read (a getter is
// recorded, not called), a Proxy is recognised with util.types.isProxy before anything touches it
// (no trap runs), and built-in behaviour is reached through the intrinsics, never through the
// object's own methods.
import { isSecretName } from './secret-names.cjs';

// Numeric arrays, read without running the program's code. This runs unoptimized (V8 installs
// no optimized code while a thread is paused), where each step of a loop over 100,000 numbers
// counts, so native calls do what they can.
const NUMBERS = `
const hasOwn = Object.prototype.hasOwnProperty;
const getterOf = Object.prototype.__lookupGetter__;

// Numbers go out as one comma-separated text (docs/dump-format.md): a reader parses it only when
// it needs the values, not with the whole file. JSON.stringify writes numbers fastest (2.5x
// join), but NaN and the infinities as null, -0 as 0; join() writes NaN and infinities as
// JavaScript does, and -0 needs marking. Only native scans look for them.
const numbersText = (list) => {
  const text = JSON.stringify(list).slice(1, -1);
  const negativeZero = new BigInt64Array(new Float64Array(list).buffer).includes(-(2n ** 63n));
  if (negativeZero) return list.map((x) => (x === 0 && 1 / x < 0 ? '-0' : x)).join(',');
  return text.includes('null') ? list.join(',') : text;
};

// The text of v's first count elements if all are own numbers: an own element with no getter is
// a value to read (v is no Proxy). No descriptor object each: half the time on big arrays.
const arrayNumbers = (v, count) => {
  const numeric = [];
  for (let i = 0; i < count; i++) {
    if (!hasOwn.call(v, i) || getterOf.call(v, i) !== undefined) return undefined;
    const n = v[i];
    if (typeof n !== 'number') return undefined;
    numeric.push(n);
  }
  return numbersText(numeric);
};

// A typed array's elements run no code when read; Array.prototype.slice makes a plain array of
// them natively (a typed array is no Array, so no species constructor is asked for).
const typedArrayNumbers = (v, count) => {
  if (typeof v[0] !== 'bigint') return numbersText(Array.prototype.slice.call(v, 0, count));
  const out = [];
  for (let i = 0; i < count; i++) out.push(Number(v[i]));
  return numbersText(out);
};
`;

export const SERIALIZE_VALUES = `function (main, types, limits, scopeCount, names, ...inputs) {
  ${NUMBERS}
  // Texts the main thread made for big arrays while the agent was starting (PREWARM_NUMBERS).
  const prewarmed = main ? main.takePrewarmed() : undefined;
  const ids = new Map();
  const objects = {};
  let next = 1;
  let budget = limits.maxBytes;
  const isSecretName = ${isSecretName.toString()};
  // The values withheld under a secret name, for pmdb to remove wherever else the dump holds them
  // (sources, messages, stack text): strings, and the strings a withheld object holds itself.
  const withheld = [];
  const withhold = (v) => {
    if (typeof v === 'string') withheld.push(v);
    else if (typeof v === 'object' && v !== null && !types.isProxy(v)) {
      let keys = [];
      try { keys = Reflect.ownKeys(v).slice(0, limits.maxItems); } catch (e) {}
      for (const k of keys) { const d = own(v, k); if (d && typeof d.value === 'string') withheld.push(d.value); }
    }
  };
  const own = (o, k) => { try { return Object.getOwnPropertyDescriptor(o, k); } catch (e) { return undefined; } };

  const className = (v) => {
    try {
      if (typeof v === 'function') return 'Function';
      const proto = Object.getPrototypeOf(v);
      if (proto === null) return 'Object';
      const ctor = own(proto, 'constructor');
      const name = ctor && typeof ctor.value === 'function' ? own(ctor.value, 'name') : undefined;
      return name && typeof name.value === 'string' && name.value ? name.value : 'Object';
    } catch (e) { return 'Object'; }
  };

  const primitive = (v) => {
    switch (typeof v) {
      case 'undefined': return { t: 'undefined' };
      case 'boolean': return { t: 'boolean', v };
      case 'number':
        if (Number.isNaN(v)) return { t: 'number', v: 'NaN' };
        if (v === Infinity) return { t: 'number', v: 'Infinity' };
        if (v === -Infinity) return { t: 'number', v: '-Infinity' };
        if (Object.is(v, -0)) return { t: 'number', v: '-0' };
        return { t: 'number', v };
      case 'bigint': return { t: 'bigint', v: String(v) };
      case 'symbol': return { t: 'symbol', v: Symbol.prototype.toString.call(v) };
      case 'string': {
        // Past the byte budget, strings keep their beginning only.
        const keep = budget > 0 ? limits.maxString : 1024;
        budget -= Math.min(v.length, keep);
        return v.length > keep ? { t: 'string', v: v.slice(0, keep), truncated: v.length - keep } : { t: 'string', v };
      }
    }
    return null;
  };

  const value = (v, depth, key) => {
    if (limits.redact && typeof key === 'string' && isSecretName(key)) { withhold(v); return { t: 'redacted' }; }
    if (v === null) return { t: 'null' };
    const p = primitive(v);
    if (p) return p;
    if (ids.has(v)) return { t: 'ref', id: ids.get(v) };
    const id = next++;
    ids.set(v, id);
    const o = { kind: 'object', className: 'Object' };
    objects[id] = o;
    budget -= 32;
    if (types.isProxy(v)) { o.kind = 'proxy'; o.className = 'Proxy'; return { t: 'ref', id }; }
    o.className = className(v);
    if (depth >= limits.maxDepth || budget <= 0) { o.elided = true; describeShallow(v, o); return { t: 'ref', id }; }
    describe(v, o, depth + 1);
    return { t: 'ref', id };
  };

  const describeShallow = (v, o) => {
    if (typeof v === 'function') o.kind = 'function';
    else if (Array.isArray(v)) o.kind = 'array';
  };

  const properties = (v, o, depth, skip) => {
    let keys = [];
    try { keys = Reflect.ownKeys(v); } catch (e) { return; }
    const kept = [];
    for (const k of keys) {
      if (skip && skip(k)) continue;
      if (kept.length >= limits.maxItems || budget <= 0) { o.truncated = (o.truncated || 0) + 1; continue; }
      const d = own(v, k);
      if (!d) continue;
      const name = typeof k === 'symbol' ? Symbol.prototype.toString.call(k) : k;
      if ('value' in d) kept.push([name, value(d.value, depth, name)]);
      else (o.accessors || (o.accessors = [])).push(name);
    }
    if (kept.length) o.properties = kept;
  };

  const isIndex = (k) => typeof k === 'string' && /^(0|[1-9][0-9]*)$/.test(k);

  const describe = (v, o, depth) => {
    if (typeof v === 'function') {
      o.kind = 'function';
      const n = own(v, 'name');
      o.name = n && typeof n.value === 'string' ? n.value : '';
      try { o.text = Function.prototype.toString.call(v).slice(0, limits.maxString); } catch (e) {}
      return;
    }
    if (Array.isArray(v)) {
      o.kind = 'array';
      const len = own(v, 'length').value;
      const count = Math.min(len, budget > 0 ? limits.maxNumbers : limits.maxItems);
      const kept = prewarmed && prewarmed.get(v);
      const numbers = len === 0 ? undefined : kept && kept.count === count ? kept.text : arrayNumbers(v, count);
      if (numbers !== undefined) {
        o.numbers = numbers;
        budget -= count * 8;
        if (len > count) o.truncated = len - count;
      } else {
        o.items = [];
        for (let i = 0; i < Math.min(len, limits.maxItems); i++) {
          const d = own(v, i);
          o.items.push(!d ? { t: 'undefined' } : 'value' in d ? value(d.value, depth) : { t: 'unavailable', why: 'getter' });
        }
        if (len > o.items.length) o.truncated = len - o.items.length;
      }
      // Named properties of an array are rare; listing them means listing every index first.
      if (len <= limits.maxItems) properties(v, o, depth, (k) => k === 'length' || isIndex(k));
      return;
    }
    if (types.isTypedArray(v)) {
      o.kind = 'typedarray';
      const len = Math.min(v.length, budget > 0 ? limits.maxNumbers : limits.maxItems);
      o.numbers = typedArrayNumbers(v, len);
      budget -= len * 8;
      if (v.length > len) o.truncated = v.length - len;
      return;
    }
    if (types.isMap(v)) {
      o.kind = 'map';
      o.entries = [];
      for (const [k, x] of Map.prototype.entries.call(v)) {
        if (o.entries.length >= limits.maxItems) { o.truncated = (o.truncated || 0) + 1; continue; }
        o.entries.push([value(k, depth), value(x, depth, typeof k === 'string' ? k : undefined)]);
      }
      properties(v, o, depth);
      return;
    }
    if (types.isSet(v)) {
      o.kind = 'set';
      o.items = [];
      for (const x of Set.prototype.values.call(v)) {
        if (o.items.length >= limits.maxItems) { o.truncated = (o.truncated || 0) + 1; continue; }
        o.items.push(value(x, depth));
      }
      properties(v, o, depth);
      return;
    }
    if (types.isDate(v)) {
      o.kind = 'date';
      try { o.text = Date.prototype.toISOString.call(v); } catch (e) { o.text = 'Invalid Date'; }
      return;
    }
    if (types.isRegExp(v)) {
      o.kind = 'regexp';
      o.text = RegExp.prototype.toString.call(v);
      return;
    }
    if (types.isNativeError(v)) {
      o.kind = 'error';
      const m = own(v, 'message');
      o.text = m && typeof m.value === 'string' ? m.value : '';
    }
    properties(v, o, depth);
    inheritedGetters(v, o);
  };

  // The getters of an object's class (on its prototypes, up to Object.prototype), by name, never
  // called: reading one from the rebuilt object must not answer undefined, as if it were absent.
  const gettersOf = new Map();
  const inheritedGetters = (v, o) => {
    const found = [];
    let p = Object.getPrototypeOf(v);
    for (let hops = 0; p && p !== Object.prototype && hops < 32 && !types.isProxy(p); hops++) {
      let list = gettersOf.get(p);
      if (!list) {
        list = [];
        for (const k of Reflect.ownKeys(p)) {
          const d = typeof k === 'string' && k !== '__proto__' ? own(p, k) : undefined;
          if (d && !('value' in d)) list.push(k);
        }
        gettersOf.set(p, list);
      }
      for (const k of list) if (!found.includes(k) && !hasOwn.call(v, k)) found.push(k);
      p = Object.getPrototypeOf(p);
    }
    if (found.length) o.inheritedGetters = found;
  };

  // A scope object's own data properties are the frame's variables.
  const scopes = inputs.slice(0, scopeCount).map((scope) => {
    const variables = [];
    for (const k of Reflect.ownKeys(scope)) {
      const d = own(scope, k);
      if (typeof k === 'string' && d && 'value' in d) variables.push([k, value(d.value, 0, k)]);
    }
    return variables;
  });
  const refs = inputs.slice(scopeCount).map((v, i) => value(v, 0, names[i]));
  // One string: the inspector converts a nested result value by value, ~1000x slower (measured).
  // The main thread's side of the agent (agent/agent-port.cts) takes it past the inspector.
  const text = JSON.stringify({ scopes, refs, objects, withheld });
  if (!main) return text;
  main.sendToAgent(text);
}`;

/**
 * Run by the main thread itself, at an exception pause for which it starts the agent (agent/
 * on-demand.cts): while the agent thread starts (~60 ms), the texts of the big numeric arrays
 * that the frames' variables hold, most of a heavy dump's work, are made for the serializer, and
 * their long strings made flat.
 * The pause keeps them the same until the serializer takes them (agent/agent-port.cts).
 */
export const PREWARM_NUMBERS = `function (main, types, limits, ...scopes) {
  ${NUMBERS}
  const kept = new WeakMap();
  let left = Math.floor(limits.maxBytes / 8);
  for (const scope of scopes) {
    for (const k of Reflect.ownKeys(scope)) {
      if (left <= 0) break;
      const d = Object.getOwnPropertyDescriptor(scope, k);
      const v = d && 'value' in d ? d.value : undefined;
      // A string built by concatenation or repeat() is a tree until its characters are first
      // read, which copies it out flat (~1 ms a megabyte): the serializer's read is then free.
      if (typeof v === 'string') v.charCodeAt(0);
      if (typeof v !== 'object' || v === null || types.isProxy(v) || !Array.isArray(v)) continue;
      const count = Math.min(Object.getOwnPropertyDescriptor(v, 'length').value, limits.maxNumbers);
      const text = count > limits.maxItems ? arrayNumbers(v, count) : undefined;
      if (text === undefined) continue;
      kept.set(v, { count, text });
      left -= count;
    }
  }
  main.keepPrewarmed(kept);
}`;
