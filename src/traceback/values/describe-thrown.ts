/**
 * What a traceback needs from any thrown value, read defensively: non-Error values, throwing
 * getters, Proxies and huge messages all yield a description, never an exception.
 */
import { clip, safeRepr } from './safe-repr.js';
import { safeGet, safeOwnKeys } from './safe-get.js';

export interface ThrownDescription {
  /** `TypeError`, `AggregateError`; for non-Error values their type: `string`, `Object`, `null`. */
  excType: string;
  message: string;
  /** Own properties worth printing after the message (`code`, `errno`, `path`), as reprs. */
  properties: Array<[name: string, repr: string]>;
  hasCause: boolean;
  cause: unknown;
  /** Members when the value is a group: AggregateError's `errors`, SuppressedError's two. */
  members: unknown[] | undefined;
}

// Shown elsewhere in the traceback, or noise.
const NOT_PROPERTIES = new Set(['name', 'message', 'stack', 'cause', 'errors', 'error', 'suppressed']);
const MESSAGE_FAILED = '<exception str() failed>';

export function isErrorLike(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

export function describeThrown(value: unknown): ThrownDescription {
  if (!isErrorLike(value)) {
    return { excType: typeLabel(value), message: value == null ? '' : safeRepr(value), properties: [], hasCause: false, cause: undefined, members: undefined };
  }
  const cause = safeGet(value, 'cause');
  return {
    excType: errorTypeName(value),
    message: messageOf(value),
    properties: safeOwnKeys(value)
      .filter((key) => !NOT_PROPERTIES.has(key))
      .map((key) => [key, safeRepr(safeGet(value, key))]),
    hasCause: cause !== undefined,
    cause,
    members: membersOf(value),
  };
}

function errorTypeName(error: object): string {
  const name = safeGet(error, 'name');
  if (typeof name === 'string' && name !== '') return clip(name);
  return constructorName(error) ?? 'Error';
}

function messageOf(error: object): string {
  try {
    const message = (error as { message?: unknown }).message;
    if (message === undefined) return '';
    return clip(typeof message === 'string' ? message : String(message));
  } catch {
    return MESSAGE_FAILED;
  }
}

function membersOf(error: object): unknown[] | undefined {
  const errors = safeGet(error, 'errors');
  try {
    if (Array.isArray(errors)) return [...errors];
  } catch {
    return undefined; // A revoked Proxy around the array.
  }
  if (safeGet(error, 'name') === 'SuppressedError') return [safeGet(error, 'error'), safeGet(error, 'suppressed')];
  return undefined;
}

function typeLabel(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return constructorName(value) ?? 'Object';
}

function constructorName(value: object): string | undefined {
  const name = safeGet(safeGet(value, 'constructor'), 'name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}
