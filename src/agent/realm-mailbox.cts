// One value on its way between two inspector worlds of the same thread (realm-bridge.ts). Every
// world's `require` (the inspector's command-line API, Node's own) returns this same module, so a
// value put here through a handle of one world is taken out through a handle of another.
let held: unknown;

export function put(value: unknown): void {
  held = value;
}

export function take(): unknown {
  const value = held;
  held = undefined;
  return value;
}
