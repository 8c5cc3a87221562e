/**
 * Property reads that cannot throw: thrown values may be Proxies, revoked Proxies, or objects
 * with throwing getters, and a traceback must still come out.
 */
export function safeGet(value: unknown, key: PropertyKey): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Own enumerable string keys, or none when the object refuses to list them. */
export function safeOwnKeys(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}
