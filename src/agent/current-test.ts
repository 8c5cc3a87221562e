// Which test a runner is running, read at a pause in one of its threads (runner-catches.ts says
// where each runner keeps it): vitest and jest keep it in the test's global, read in the paused
// frame; node:test and mocha keep it out of the program's reach, read through the inspector.
import type { Protocol } from 'devtools-protocol';
import { MOCHA_FILE, MOCHA_LISTENERS, MOCHA_TEST, NODE_TEST, NODE_TEST_FILE, TEST_IN_FRAME, type CurrentTest, type Runner } from './runner-catches.js';
import { closureVariables, internalProperty } from './remote-scopes.js';
import { urlToFile } from '../util/file-url.cjs';
import type { Post, ThreadScripts } from './debuggee.js';

/** The thread's inspector, and its scripts: which runner's files it has loaded. */
export interface PausedThread {
  post: Post;
  scripts: ThreadScripts;
}

type Reader = (thread: PausedThread, frame: Protocol.Debugger.CallFrame) => Promise<CurrentTest | undefined>;

/** Handles of one reading, released after it. */
const GROUP = 'pmdb-current-test';

const READERS: Record<Runner, Reader> = {
  vitest: (thread, frame) => inFrame(thread, frame, TEST_IN_FRAME.vitest),
  jest: (thread, frame) => inFrame(thread, frame, TEST_IN_FRAME.jest),
  mocha: mochaTest,
  'node:test': nodeTest,
};

/** The test `runner` runs (any runner's, when not told), read in `frame` of the paused thread; undefined when none or unreadable. */
export async function currentTest(thread: PausedThread, frame: Protocol.Debugger.CallFrame, runner?: Runner): Promise<CurrentTest | undefined> {
  try {
    for (const reader of runner ? [READERS[runner]] : Object.values(READERS)) {
      const test = await reader(thread, frame).catch(() => undefined);
      if (test) return test.file === undefined ? test : { ...test, file: urlToFile(test.file) };
    }
    return undefined;
  } finally {
    await thread.post('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => {});
  }
}

async function inFrame({ post }: PausedThread, frame: Protocol.Debugger.CallFrame, expression: string): Promise<CurrentTest | undefined> {
  const { result } = await post<{ result: { value?: CurrentTest } }>('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression, returnByValue: true, silent: true });
  return result.value;
}

/** mocha: its Runner, the receiver of the uncaughtException listener it binds. */
async function mochaTest(thread: PausedThread): Promise<CurrentTest | undefined> {
  if (!loaded(thread, (url) => MOCHA_FILE.test(url))) return undefined;
  const listeners = (await evaluate(thread.post, MOCHA_LISTENERS)).objectId;
  if (!listeners) return undefined;
  const { result } = await thread.post<Protocol.Runtime.GetPropertiesResponse>('Runtime.getProperties', { objectId: listeners, ownProperties: true });
  for (const listener of result) {
    if (!/^\d+$/.test(listener.name) || !listener.value?.objectId) continue;
    const runner = (await internalProperty(thread.post, listener.value.objectId, '[[BoundThis]]'))?.objectId;
    const test = runner && (await callOn(thread.post, runner, MOCHA_TEST));
    if (test) return test;
  }
  return undefined;
}

/** node:test: its harness's map of async resources to tests, in the closure of node:test's `test`. */
async function nodeTest(thread: PausedThread): Promise<CurrentTest | undefined> {
  if (!loaded(thread, (url) => NODE_TEST_FILE.test(url))) return undefined;
  const test = (await evaluate(thread.post, `require('node:test').test`)).objectId;
  const resources = test && (await closureVariables(thread.post, test, ['testResources'])).get('testResources')?.objectId;
  return resources ? callOn(thread.post, resources, NODE_TEST) : undefined;
}

function loaded({ scripts }: PausedThread, runnerFile: (url: string) => boolean): boolean {
  for (const url of scripts.byUrl.keys()) if (runnerFile(url)) return true;
  return false;
}

/** In the thread's main context (a test's own frame may be Node's, or a vm context's, with no `require`). */
async function evaluate(post: Post, expression: string): Promise<Protocol.Runtime.RemoteObject> {
  return (await post<Protocol.Runtime.EvaluateResponse>('Runtime.evaluate', { expression, includeCommandLineAPI: true, objectGroup: GROUP, silent: true })).result;
}

async function callOn(post: Post, objectId: string, functionDeclaration: string): Promise<CurrentTest | undefined> {
  const { result } = await post<Protocol.Runtime.CallFunctionOnResponse>('Runtime.callFunctionOn', { objectId, functionDeclaration, returnByValue: true, silent: true });
  return result.value as CurrentTest | undefined;
}
