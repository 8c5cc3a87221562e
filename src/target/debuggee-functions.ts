// Small functions that run inside the debuggee through Runtime.callFunctionOn, with the value
// as `this`. They must never throw out (getters may throw, values may be Proxies) and never
// keep state.
export const DEBUGGEE_FUNCTIONS = {
  inspect: `function (value, options) { return this(value, options); }`,

  errorSummary: `function () {
    const read = (k) => { try { return { v: this[k] }; } catch (e) { return null; } };
    let isErrorLike = false;
    try { isErrorLike = this instanceof Error || Object.prototype.toString.call(this) === '[object Error]'; } catch (e) {}
    if (!isErrorLike) return null;
    const n = read('name');
    const m = read('message');
    let name = 'Error';
    try { if (n && n.v !== undefined) name = String(n.v); } catch (e) {}
    // Python's words for a message that cannot be read.
    let message = '<exception str() failed>';
    try { if (m) message = m.v === undefined ? '' : String(m.v); } catch (e) {}
    return message ? name + ': ' + message : name;
  }`,

  /**
   * The thrown value as a traceback record (see traceback's ExceptionRecord), causes and group
   * members included, cycles cut. \`inspect\` is Node's util.inspect, passed in.
   */
  exceptionRecord: `function (inspect) {
    const seen = new Set();
    const SKIP = new Set(['name', 'message', 'stack', 'cause', 'errors', 'error', 'suppressed']);
    const get = (o, k) => { try { return o[k]; } catch (e) { return undefined; } };
    const repr = (v) => { try { return inspect(v, { depth: 1, breakLength: Infinity }); } catch (e) { return '<unrepresentable>'; } };
    const isError = (v) => { try { return v instanceof Error || Object.prototype.toString.call(v) === '[object Error]'; } catch (e) { return false; } };
    const typeOf = (v) => {
      if (v === null) return 'null';
      if (typeof v !== 'object') return typeof v;
      try { const c = Object.getPrototypeOf(v); return (c && c.constructor && c.constructor.name) || 'Object'; } catch (e) { return 'Object'; }
    };
    const describe = (v, depth) => {
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v) || depth > 20) return null;
        seen.add(v);
      }
      if (!isError(v)) return { type: typeOf(v), message: v == null ? '' : repr(v), stack: '' };
      const name = get(v, 'name');
      let message;
      try { message = v.message; } catch (e) { message = '<exception str() failed>'; }
      const record = {
        type: typeof name === 'string' && name ? name : 'Error',
        message: message === undefined ? '' : String(message).slice(0, 100000),
        stack: String(get(v, 'stack') || ''),
        properties: {},
      };
      let keys = [];
      try { keys = Object.keys(v); } catch (e) {}
      for (const k of keys) if (!SKIP.has(k)) record.properties[k] = repr(get(v, k));
      const cause = get(v, 'cause');
      if (cause !== undefined) record.cause = describe(cause, depth + 1);
      const errors = get(v, 'errors');
      if (Array.isArray(errors)) record.exceptions = errors.slice(0, 50).map((m) => describe(m, depth + 1)).filter(Boolean);
      return record;
    };
    return describe(this, 0);
  }`,

  /** The message of a compile error (esbuild's TransformError, as tsx rethrows it), else null. */
  compileErrorMessage: `function () {
    try { return this.name === 'TransformError' ? String(this.message) : null; } catch (e) { return null; }
  }`,

  stackText: `function () {
    try { return typeof this.stack === 'string' ? this.stack : ''; } catch (e) { return ''; }
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
  exceptionChain: `function () {
    const out = [];
    const seen = new Set();
    const walk = (e) => {
      if (out.length >= 100 || (typeof e === 'object' && e !== null && seen.has(e))) return;
      if (typeof e === 'object' && e !== null) seen.add(e);
      try { if (e && typeof e === 'object' && 'cause' in e) walk(e.cause); } catch (x) {}
      try { if (e && Array.isArray(e.errors)) for (const m of e.errors) walk(m); } catch (x) {}
      out.push(e);
    };
    walk(this);
    return out;
  }`,
} as const;
