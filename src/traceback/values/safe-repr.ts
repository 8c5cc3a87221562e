/**
 * `repr()` for JavaScript values: util.inspect with bounds, and a placeholder when inspecting
 * itself throws (a hostile Proxy, a getter that throws under `getters: true`, ...).
 */
import { inspect } from 'node:util';

/** Longer texts are cut so that a huge message cannot exhaust memory or the maximum string length. */
export const MAX_TEXT_LENGTH = 100_000;

export function safeRepr(value: unknown): string {
  try {
    return clip(inspect(value, { depth: 2, maxArrayLength: 20, maxStringLength: 1000, breakLength: Infinity }));
  } catch {
    return '<unrepresentable value>';
  }
}

export function clip(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  return `${text.slice(0, MAX_TEXT_LENGTH)}... [${text.length - MAX_TEXT_LENGTH} more characters]`;
}
