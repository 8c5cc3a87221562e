// URL patterns of library code: stepping never enters Node, tsx or pmdb's own agent, and V8 does
// not pause on an uncaught exception when every frame is library code. Every session that pauses
// on exceptions blackboxes them (V8 blackboxes a frame only when all sessions agree);
// stop-here.cjs stays visible (see there). CommonJS: the preload's own session needs them too.
import * as path from 'node:path';
import { escapeRegExp } from '../util/escape-regexp.cjs';

const tsxDir = path.dirname(path.dirname(require.resolve('tsx/cjs')));

export const BLACKBOX = ['^node:', `${escapeRegExp(__dirname)}/(?!stop-here\\.cjs)`, `^(file://)?${escapeRegExp(tsxDir)}/`];

/**
 * Whether a script is library code, asked on the agent's own thread: the agent blackboxes each such
 * script by its range (Debugger.setBlackboxedRanges) instead of setting BLACKBOX as patterns, which
 * V8's inspector matches with a RegExp run in the debuggee's isolate; on Node 20 and 22 that run,
 * at an exception vm rethrows, cost the error its report (vm-rethrow.cts).
 */
const LIBRARY = BLACKBOX.map((pattern) => new RegExp(pattern));
export const isLibrary = (url: string): boolean => LIBRARY.some((re) => re.test(url));
