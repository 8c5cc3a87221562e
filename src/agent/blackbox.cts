// URL patterns V8 treats as library code: stepping never enters Node, tsx or pmdb's own agent,
// and V8 does not pause on an uncaught exception when every frame is library code. Every session
// that pauses on exceptions sets them (V8 blackboxes a frame only when all sessions agree);
// stop-here.cjs stays visible (see there). CommonJS: the preload's own session needs them too.
import * as path from 'node:path';
import { escapeRegExp } from '../util/escape-regexp.cjs';

const tsxDir = path.dirname(path.dirname(require.resolve('tsx/cjs')));

const OWN = [`${escapeRegExp(__dirname)}/(?!stop-here\\.cjs)`, `^(file://)?${escapeRegExp(tsxDir)}/`];

export const BLACKBOX = ['^node:', ...OWN];

/**
 * Assertion libraries: their throws are the user's failures (a failing test's), so they stay
 * visible (V8 skips a caught exception whose top frame is blackboxed) and the judge looks past
 * their frames.
 */
export const ASSERTION_LIBRARIES = ['assert', 'chai', 'expect', '@vitest/expect', '@jest/expect', 'jest-matcher-utils', 'should', 'power-assert'];

/** Node's assert, or one of ASSERTION_LIBRARIES (as libraryOf names them). */
export function isAssertion(library: string): boolean {
  return library === 'node:assert' || library.startsWith('node:assert/') || ASSERTION_LIBRARIES.includes(library);
}

/**
 * `--stop-on escaped` and `pmdb test` pause on every exception: library code (any installed
 * package, Node but its assert) is blackboxed too, so that a library's throws that it catches
 * itself never pause (vite's and vitest's thousands while they start cost nothing then). A
 * package file is the last `node_modules/NAME/` of its path (`vitest/node_modules/chai` is chai).
 */
export const LIBRARY_BLACKBOX = [
  '^node:(?!assert|internal/assert/)',
  `/node_modules/(?!(?:${ASSERTION_LIBRARIES.map(escapeRegExp).join('|')})/)(?!(?:@[^/]+/)?[^/]+/(?:.*/)?node_modules/)`,
  ...OWN,
];

/** The package (or `node:` module) a file of library code belongs to, or undefined for the user's code. */
export function libraryOf(file: string): string | undefined {
  if (file.startsWith('node:')) return file.replace(/^node:(internal\/)?/, 'node:');
  const at = file.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [scope, name] = file.slice(at + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const path = file.replace(/^file:\/\//, '');
  if (path.startsWith(tsxDir + '/')) return 'tsx';
  if (path.startsWith(__dirname + '/')) return 'pmdb';
  return undefined;
}
