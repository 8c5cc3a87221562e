// Small functions that run inside the debuggee through Runtime.callFunctionOn, with the value
// as `this`. They must never throw out (getters may throw, values may be Proxies) and never
// keep state.

/**
 * What the functions about a thrown value share. They read it as Node does when it prints an
 * error that kills the process, and run none of the program's code beyond that: a property's
 * value is read only from a data property (own or inherited), a getter is not called, a Proxy is
 * not entered (util.types, passed in as `util`), values are printed without their
 * util.inspect.custom. V8's own accessor of `stack` is called: formatting a stack may read a
 * `name` or `message` getter, as it does when Node prints the error. A `name` or `message` that is
 * a getter is read from that stack's first line instead.
 */
const THROWN_VALUE_READS = `
    const types = util.types;
    const own = (o, k) => { try { return Object.getOwnPropertyDescriptor(o, k); } catch (e) { return undefined; } };
    const isV8Accessor = (f) => { try { return /^function [\\w ]*\\(\\) \\{ \\[native code\\] \\}$/.test(Function.prototype.toString.call(f)); } catch (e) { return false; } };
    // o[k] as { value } when reading it runs no code of the program; { getter: true } when it would.
    const lookup = (o, k) => {
      for (let p = o, hops = 0; p !== null && typeof p === 'object' || typeof p === 'function'; hops++) {
        if (hops > 64 || types.isProxy(p)) return { getter: true };
        const d = own(p, k);
        if (d) {
          if ('value' in d) return { value: d.value };
          if (!d.get || !isV8Accessor(d.get)) return { getter: true };
          try { return { value: d.get.call(o) }; } catch (e) { return { threw: true }; }
        }
        try { p = Object.getPrototypeOf(p); } catch (e) { return {}; }
      }
      return {};
    };
    const repr = (v) => {
      try { return util.inspect(v, { depth: 1, breakLength: Infinity, customInspect: false, getters: false, showProxy: false }); } catch (e) { return '<unrepresentable>'; }
    };
    const isError = (v) => {
      if (typeof v !== 'object' || v === null || types.isProxy(v)) return false;
      if (types.isNativeError(v)) return true;
      try {
        for (let p = Object.getPrototypeOf(v), hops = 0; p && hops < 64 && !types.isProxy(p); p = Object.getPrototypeOf(p), hops++) if (p === Error.prototype) return true;
      } catch (e) {}
      return false;
    };
    const className = (v) => {
      if (v === null) return 'null';
      if (typeof v !== 'object') return typeof v;
      if (types.isProxy(v)) return 'Proxy';
      let proto = null;
      try { proto = Object.getPrototypeOf(v); } catch (e) {}
      const ctor = proto && !types.isProxy(proto) ? own(proto, 'constructor') : undefined;
      const name = ctor && typeof ctor.value === 'function' ? own(ctor.value, 'name') : undefined;
      return name && typeof name.value === 'string' && name.value ? name.value : 'Object';
    };
    const NOT_READ = '<exception str() failed>';
    // An error's type, message and stack text, as a traceback shows them.
    const errorText = (v) => {
      const name = lookup(v, 'name');
      const message = lookup(v, 'message');
      const stack = lookup(v, 'stack');
      const stackText = typeof stack.value === 'string' ? stack.value : '';
      const header = stackText.split(/\\n\\s+at /)[0];
      let type = typeof name.value === 'string' && name.value ? name.value : 'Error';
      if (name.getter) type = header.includes(': ') ? header.slice(0, header.indexOf(': ')) : header || className(v);
      let text;
      if (message.getter) text = stack.threw || !header ? NOT_READ : header.startsWith(type + ': ') ? header.slice(type.length + 2) : header === type ? '' : header;
      else if (message.threw) text = NOT_READ;
      else text = message.value === undefined ? '' : typeof message.value === 'string' ? message.value : repr(message.value);
      return { type, message: text.slice(0, 100000), stack: stackText };
    };
    // The elements of a program's array, read as data (no species, no getters).
    const elements = (a, max) => {
      const out = [];
      const length = own(a, 'length');
      const n = length && typeof length.value === 'number' ? Math.min(length.value, max) : 0;
      for (let i = 0; i < n; i++) { const d = own(a, i); if (d && 'value' in d) out.push(d.value); }
      return out;
    };
    const causeOf = (v) => lookup(v, 'cause').value;
    const membersOf = (v) => { const e = lookup(v, 'errors').value; return Array.isArray(e) && !types.isProxy(e) ? elements(e, 50) : []; };
`;

export const DEBUGGEE_FUNCTIONS = {
  inspect: `function (value, options) { return this(value, options); }`,

  /**
   * A long string as util.inspect prints it, from its head and length: it prints only the first
   * maxStringLength characters and the count of the rest, so any rest of that length prints the
   * same. null when the program's util.inspect would print more than the head.
   */
  inspectLongString: `function (head, length, options) {
    let max;
    try { max = this.defaultOptions.maxStringLength; } catch (e) { return null; }
    if (typeof max !== 'number' || max > head.length) return null;
    return this(head + ' '.repeat(length - head.length), options);
  }`,

  /** `TypeError: message` for an error, `Uncaught <the value>` for any other object thrown. */
  errorSummary: `function (util) {
    ${THROWN_VALUE_READS}
    if (!isError(this)) return 'Uncaught ' + repr(this);
    const { type, message } = errorText(this);
    return message ? type + ': ' + message : type;
  }`,

  /**
   * The thrown value as a traceback record (see traceback's ExceptionRecord), causes and group
   * members included, cycles cut. \`inspect\` is Node's util.inspect, passed in.
   */
  exceptionRecord: `function (util) {
    ${THROWN_VALUE_READS}
    const seen = new Set();
    const SKIP = new Set(['name', 'message', 'stack', 'cause', 'errors', 'error', 'suppressed']);
    const describe = (v, depth) => {
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v) || depth > 20) return null;
        seen.add(v);
      }
      if (!isError(v)) return { type: className(v), message: v == null ? '' : repr(v), stack: '' };
      const record = { ...errorText(v), properties: {} };
      let keys = [];
      try { keys = Object.keys(v); } catch (e) {}
      for (const k of keys) {
        if (SKIP.has(k)) continue;
        const d = own(v, k);
        // As util.inspect shows an accessor it does not call.
        if (d) record.properties[k] = 'value' in d ? repr(d.value) : d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]';
      }
      const cause = causeOf(v);
      if (cause !== undefined) record.cause = describe(cause, depth + 1);
      const members = membersOf(v);
      if (members.length) record.exceptions = members.map((m) => describe(m, depth + 1)).filter(Boolean);
      return record;
    };
    return describe(this, 0);
  }`,

  /** The message of a compile error (esbuild's TransformError, as tsx rethrows it), else null. */
  compileErrorMessage: `function () {
    try { return this.name === 'TransformError' ? String(this.message) : null; } catch (e) { return null; }
  }`,

  stackText: `function (util) {
    ${THROWN_VALUE_READS}
    return isError(this) ? errorText(this).stack : '';
  }`,

  /** Error.stackTraceLimit of the error's realm, read without running a getter the program put there. */
  stackTraceLimit: `function () {
    const limit = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    return limit && typeof limit.value === 'number' ? limit.value : null;
  }`,

  typeName: `function () {
    try {
      if (typeof this === 'function') {
        const src = Function.prototype.toString.call(this);
        return (/^class\\b/.test(src) ? 'Class ' : 'Function ') + (this.name || '<anonymous>');
      }
      const proto = Object.getPrototypeOf(this);
      const ctor = proto && proto.constructor;
      return ctor && ctor.name ? ctor.name : 'Object';
    } catch (e) { return 'object'; }
  }`,

  propertyNames: `function () {
    const names = new Set();
    try {
      for (let o = this, depth = 0; o && depth < 8; o = Object.getPrototypeOf(o), depth++) {
        for (const k of Object.getOwnPropertyNames(o)) names.add(k);
      }
    } catch (e) {}
    return [...names].filter((n) => /^[A-Za-z_$][\\w$]*$/.test(n));
  }`,

  /** The exception and everything under it, oldest cause first and the exception itself last. */
  exceptionChain: `function (util) {
    ${THROWN_VALUE_READS}
    const out = [];
    const seen = new Set();
    const walk = (e) => {
      if (out.length >= 100 || (typeof e === 'object' && e !== null && seen.has(e))) return;
      if (typeof e === 'object' && e !== null) seen.add(e);
      if (isError(e)) {
        const cause = causeOf(e);
        if (cause !== undefined) walk(cause);
        for (const m of membersOf(e)) walk(m);
      }
      out.push(e);
    };
    walk(this);
    return out;
  }`,
} as const;
