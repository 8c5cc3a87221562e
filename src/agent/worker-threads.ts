// Worker threads of the debuggee, through the main thread's NodeWorker domain: each new worker
// waits for the agent to arm it (pause on uncaught exceptions) before running any of its code.
import { fileURLToPath } from 'node:url';
import { urlToFile } from '../util/file-url.cjs';
import type { Session } from 'node:inspector';
import { Debuggee, type DebuggeeOptions, type Post } from './debuggee.js';

interface WorkerMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
  method?: string;
  params?: any;
}

export interface WorkerHandlers {
  attached(debuggee: Debuggee): void;
  event(debuggee: Debuggee, method: string, params: any): void;
  detached(debuggee: Debuggee): void;
}

/** What every thread stops at besides crashes (`pmdb test`, `--trace`, `--stop-on escaped`), as the main thread does. */
export type ThreadStops = Pick<DebuggeeOptions, 'stopOn' | 'trace'>;

export async function watchWorkerThreads(session: Session, post: Post, handlers: WorkerHandlers, stops: ThreadStops = {}): Promise<void> {
  const workers = new Map<string, { debuggee: Debuggee; pending: Map<number, (m: WorkerMessage) => void> }>();
  let nextId = 1;

  session.on('NodeWorker.attachedToWorker', ({ params }: any) => {
    const { sessionId, workerInfo } = params;
    // The agent's own thread is a worker too, known by its script (a workerId is only this
    // session's count of the workers it saw).
    if (workerInfo.url === agentUrl) return;
    const pending = new Map<number, (m: WorkerMessage) => void>();
    const postToWorker: Post = (method, p) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as never)));
        post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params: p ?? {} }) }).catch(reject);
      });
    const threadId = askedOnce(() => evaluate(postToWorker, `require('node:worker_threads').threadId`).then(Number));
    // Node runs a worker's entry inside a handler that catches what it throws: a window (entry-escape.cts).
    const file = urlToFile(workerInfo.url);
    const debuggee = new Debuggee(postToWorker, {
      session: sessionId,
      survives: parentHandlesErrors(post, threadId),
      entryWindow: file,
      thread: async () => ({ id: await threadId(), file }),
      ...stops,
    });
    workers.set(sessionId, { debuggee, pending });
    handlers.attached(debuggee);
    // Let it go whether or not we are told it waits: Node says so only to the session whose
    // NodeWorker.enable saw it start, and pmdb/register's main thread may have been that one
    // (agent/on-demand.cts). Said to a worker that does not wait, it changes nothing.
    void debuggee
      .arm()
      .then(() => postToWorker('Runtime.runIfWaitingForDebugger'))
      .catch(() => {});
  });

  session.on('NodeWorker.receivedMessageFromWorker', ({ params }: any) => {
    const worker = workers.get(params.sessionId);
    if (!worker) return;
    const message = JSON.parse(params.message) as WorkerMessage;
    if (message.id !== undefined) {
      const resolve = worker.pending.get(message.id);
      worker.pending.delete(message.id);
      resolve?.(message);
    } else if (message.method) {
      handlers.event(worker.debuggee, message.method, message.params);
    }
  });

  session.on('NodeWorker.detachedFromWorker', ({ params }: any) => {
    const worker = workers.get(params.sessionId);
    workers.delete(params.sessionId);
    if (worker) handlers.detached(worker.debuggee);
  });

  await post('NodeWorker.enable', { waitForDebuggerOnStart: true });
}

/** A worker's thread id, asked of the worker itself once it answers (a NodeWorker workerId is only a count of the workers the session saw). */
function askedOnce(ask: () => Promise<number>): () => Promise<number> {
  let asked: Promise<number> | undefined;
  return () => (asked ??= ask().catch((err: unknown) => {
    asked = undefined;
    throw err;
  }));
}

const evaluate = async (to: Post, expression: string) =>
  (await to<{ result: { value?: unknown } }>('Runtime.evaluate', { expression, includeCommandLineAPI: true, returnByValue: true, silent: true }))
    .result.value;

/** A worker's uncaught error kills only the worker when its parent listens for 'error': the listeners are looked at each time. */
function parentHandlesErrors(post: Post, threadId: () => Promise<number>): () => Promise<boolean> {
  return async () => {
    try {
      return (await evaluate(post, `require(${JSON.stringify(preloadPath)}).workerErrorHandled(${await threadId()})`)) === true;
    } catch {
      return false;
    }
  };
}

const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const agentUrl = new URL('./worker.js', import.meta.url).href;
