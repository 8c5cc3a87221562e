// `pmdb test`'s judge, at a caught exception: whether a runner's test call is what takes it, and
// which test failed. It reads each frame's source as entry-escape.cts does (a `try` with a
// `catch` around the position catches) down to the runner's test call (runner-catches.ts). Unlike
// `--stop-on escaped` (nearest-handler.ts), reaching library code is not enough: expect(fn).toThrow,
// assert.throws and the runner's own machinery catch too; and an async test whose promise the
// runner took with `.then` (jest, mocha) leaves no runner frame on the stack, so the running test's
// file says whether the error is its failure. Retries left and expected failures do not stop.
import type { Protocol } from 'devtools-protocol';
import { STACK_SITES, positionIn, scriptIdOf, type PausedStack, type Site } from './entry-escape.cjs';
import { MOCHA_FILE, testCatcher, type CurrentTest } from './runner-catches.js';
import { currentTest } from './current-test.js';
import { urlToFile } from '../util/file-url.cjs';
import { escapeRegExp } from '../util/escape-regexp.cjs';
import { ASSERTION_LIBRARIES } from './blackbox.cjs';
import { offsetOf } from '../util/text-offset.cjs';
import type { Debuggee } from './debuggee.js';

/** The last package of a path is an assertion library (blackbox.cts's list). */
const ASSERTION_PACKAGE = new RegExp(`/node_modules/(?:${ASSERTION_LIBRARIES.map(escapeRegExp).join('|')})/(?!.*/node_modules/)`);

export type FailingTest = { name: string; file?: string } | 'unknown';

/** The failing test when a runner's test call takes this exception ('unknown': the runner does not say which); undefined when it does not stop. */
export async function failingTest(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent): Promise<FailingTest | undefined> {
  if (!paused.callFrames[0] || thrownByPackage(debuggee, paused.callFrames)) return undefined;
  // Questions are asked in the innermost frame of the program's: a frame of Node's own code has no
  // `process` in scope (Node 26's node:internal/assert/utils, where a failing assertion throws),
  // and Node's frames above the program's pass the error on.
  const top = paused.callFrames.find((f) => !debuggee.scripts.isInternal(f.location.scriptId));
  if (!top) return undefined;
  const { result } = await debuggee.post<{ result: { value?: PausedStack } }>('Debugger.evaluateOnCallFrame', {
    callFrameId: top.callFrameId,
    expression: STACK_SITES,
    returnByValue: true,
    silent: true,
  });
  const stack = result.value;
  if (!stack) return undefined;
  const topFile = urlToFile(debuggee.scripts.get(top.location.scriptId)?.url ?? '');
  const first = stack.sites.findIndex(([, file, line, column]) => urlToFile(file) === topFile && line === top.location.lineNumber + 1 && column === (top.location.columnNumber ?? 0) + 1);
  if (first < 0) return undefined;
  let outermostUser: string | undefined;
  let inner: Site | undefined;
  for (const site of stack.sites.slice(first)) {
    // An awaiting frame takes the rejection only when it awaits the inner function's own call
    // (`await load()`), not a promise a library took first (`await expect(load()).rejects...`).
    if (site[4].includes('A') && inner && !(await awaitsCallOf(debuggee, site, inner[0]))) return undefined;
    const caught = testCatcher(site);
    if (caught) return testOf(await currentTest(debuggee, top, caught.runner));
    const file = urlToFile(site[1]);
    if (file === '') continue; // A built-in (Array.prototype.map, a Promise executor's caller): it passes errors on.
    if (await catchesAt(debuggee, site)) return undefined;
    if (!file.startsWith('node:') && !file.includes('/node_modules/')) outermostUser = file;
    inner = site;
  }
  // No runner frame under the user's: an async test whose promise the runner took with `.then`
  // (jest, mocha). It failed if the outermost frame is the running test's own file.
  if (!outermostUser) return undefined;
  const test = await currentTest(debuggee, top);
  if (test) return test.file === outermostUser ? testOf(test) : undefined;
  // mocha's Runner out of reach (not the one pmdb knows): a failure there is a test's, which one unknown.
  return [...debuggee.scripts.byUrl.keys()].some((url) => MOCHA_FILE.test(url)) ? 'unknown' : undefined;
}

/**
 * Node's own code that a package called (vite's resolver: `require`, `new URL(...)`, `readFileSync`
 * in a `try`): those throws pause although `node:` is blackboxed, since Node's own scripts cannot
 * be (docs/node-versions.md). Decided from the paused frames alone, with no call into the thread.
 */
function thrownByPackage({ scripts }: Debuggee, frames: Protocol.Debugger.CallFrame[]): boolean {
  const caller = frames.find((f) => !scripts.isInternal(f.location.scriptId));
  const url = caller ? (scripts.get(caller.location.scriptId)?.url ?? '') : '';
  return caller !== frames[0] && url.includes('/node_modules/') && !ASSERTION_PACKAGE.test(url);
}

function testOf(test: CurrentTest | undefined): FailingTest | undefined {
  if (!test) return 'unknown';
  return test.retriesLeft > 0 || test.expectedToFail ? undefined : { name: test.name, file: test.file };
}

/** The frame's own code catches at its position (or pmdb cannot read it: taken as caught). */
async function catchesAt(debuggee: Debuggee, [, file, line, column]: Site): Promise<boolean> {
  const text = await sourceOf(debuggee, file);
  if (text === undefined) return !file.startsWith('node:');
  const at = positionIn(file, text, line, column);
  return !at || at.caught;
}

/** `await name(` (or `await a.b.name(`, `await (0, m.name)(` as bundlers write it) at the site: awaits a call of `name`. */
async function awaitsCallOf(debuggee: Debuggee, [, file, line, column]: Site, name: string): Promise<boolean> {
  if (!name) return true;
  const text = await sourceOf(debuggee, file);
  const at = text === undefined ? '' : text.slice(offsetOf(text, line - 1, column - 1), offsetOf(text, line - 1, column - 1) + 200);
  const callee = /^await\s+(?:\(0,\s*)?([\w$.]+)\)?\s*\(/.exec(at)?.[1];
  return callee === undefined || callee.split('.').pop() === name.split('.').pop();
}

async function sourceOf(debuggee: Debuggee, file: string): Promise<string | undefined> {
  const id = scriptIdOf(file, { id: (url) => debuggee.scripts.byUrl.get(url) });
  if (!id) return undefined;
  return (await debuggee.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: id })).scriptSource;
}
