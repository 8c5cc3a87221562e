// Values on their way between two inspector worlds of the same thread (realm-bridge.ts). Every
// world's `require` (the inspector's command-line API, Node's own) returns this same module, so a
// value put here through a handle of one world is taken out through a handle of another; by its
// number, so that carries made at the same time never take each other's values.
// preload.cts loads it with the program, before any pause.
const held = new Map<number, unknown>();
let last = 0;

export function put(value: unknown): number {
  held.set(++last, value);
  return last;
}

export function take(key: number): unknown {
  const value = held.get(key);
  held.delete(key);
  return value;
}
