// Small functions that run inside the debuggee through Runtime.callFunctionOn, with the value
// as `this`. They must never throw out (getters may throw, values may be Proxies) and never
// keep state.
export const DEBUGGEE_FUNCTIONS = {
  inspect: `function (value, options) { return this(value, options); }`,

  errorSummary: `function () {
    try {
      const isErrorLike = this instanceof Error ||
        (typeof this === 'object' && this !== null && typeof this.message === 'string' && typeof this.name === 'string');
      if (!isErrorLike) return null;
      const name = String(this.name);
      const message = String(this.message);
      return message ? name + ': ' + message : name;
    } catch (e) { return null; }
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
