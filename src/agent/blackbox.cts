// URL patterns V8 treats as library code: stepping never enters Node, tsx or pmdb's own agent,
// and V8 does not pause on an uncaught exception when every frame is library code. Every session
// that pauses on exceptions sets them (V8 blackboxes a frame only when all sessions agree);
// stop-here.cjs stays visible (see there). CommonJS: the preload's own session needs them too.
import * as path from 'node:path';
import { escapeRegExp } from '../util/escape-regexp.cjs';

const tsxDir = path.dirname(path.dirname(require.resolve('tsx/cjs')));

const OWN = [`${escapeRegExp(__dirname)}/(?!stop-here\\.cjs)`, `^(file://)?${escapeRegExp(tsxDir)}/`];

export const BLACKBOX = ['^node:', ...OWN];
/** Packages whose throws are failing assertions: the test's failure, which must pause under `pmdb test`. */
export const ASSERTION_PACKAGES = ['assert', 'chai', 'expect', '@vitest/expect', '@jest/expect', 'jest-matcher-utils', 'should', 'power-assert'];

/**
 * `pmdb test`: caught exceptions pause, and V8 never pauses at a caught throw whose top frame is
 * blackboxed: installed packages are (their own caught throws cost nothing then: vite's and
 * vitest's thousands while they start), but not assertion libraries, node:assert included. A
 * package file is the last `node_modules/NAME/` of its path (`vitest/node_modules/chai` is chai).
 */
export const BLACKBOX_BUT_ASSERT = [
  '^node:(?!assert|internal/assert/)',
  `/node_modules/(?!(?:${ASSERTION_PACKAGES.map(escapeRegExp).join('|')})/)(?!(?:@[^/]+/)?[^/]+/(?:.*/)?node_modules/)`,
  ...OWN,
];
