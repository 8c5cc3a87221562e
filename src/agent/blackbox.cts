// URL patterns V8 treats as library code: stepping never enters Node, tsx or pmdb's own agent,
// and V8 does not pause on an uncaught exception when every frame is library code. Every session
// that pauses on exceptions sets them (V8 blackboxes a frame only when all sessions agree);
// stop-here.cjs stays visible (see there). CommonJS: the preload's own session needs them too.
import * as path from 'node:path';
import { escapeRegExp } from '../util/escape-regexp.cjs';

const tsxDir = path.dirname(path.dirname(require.resolve('tsx/cjs')));

const OWN = [`${escapeRegExp(__dirname)}/(?!stop-here\\.cjs)`, `^(file://)?${escapeRegExp(tsxDir)}/`];

export const BLACKBOX = ['^node:', ...OWN];
/** `pmdb test`: node:assert stays visible, or V8 would not pause at a failing assertion's throw (a caught throw in blackboxed code never pauses). */
export const BLACKBOX_BUT_ASSERT = ['^node:(?!assert)', ...OWN];
