// Worker threads of the debuggee, through the main thread's NodeWorker domain: each new worker
// waits for the agent to arm it (pause on uncaught exceptions) before running any of its code.
import { threadId } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Session } from 'node:inspector';
import { Debuggee, type Post } from './debuggee.js';

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

export async function watchWorkerThreads(session: Session, post: Post, handlers: WorkerHandlers): Promise<void> {
  const workers = new Map<string, { debuggee: Debuggee; pending: Map<number, (m: WorkerMessage) => void> }>();
  let nextId = 1;

  session.on('NodeWorker.attachedToWorker', ({ params }: any) => {
    const { sessionId, workerInfo, waitingForDebugger } = params;
    // The agent's own thread is a worker too.
    if (workerInfo.workerId === String(threadId)) return;
    const pending = new Map<number, (m: WorkerMessage) => void>();
    const postToWorker: Post = (method, p) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as never)));
        post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params: p ?? {} }) }).catch(reject);
      });
    const debuggee = new Debuggee(postToWorker, sessionId, () => parentHandlesErrors(post, workerInfo.workerId));
    workers.set(sessionId, { debuggee, pending });
    handlers.attached(debuggee);
    void debuggee
      .arm()
      .then(() => (waitingForDebugger ? postToWorker('Runtime.runIfWaitingForDebugger') : undefined))
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

/** A worker's uncaught error kills only the worker when its parent listens for 'error'. */
async function parentHandlesErrors(post: Post, workerId: string): Promise<boolean> {
  try {
    const r = await post<{ result: { value?: unknown } }>('Runtime.evaluate', {
      expression: `require(${JSON.stringify(preloadPath)}).workerErrorHandled(${Number(workerId)})`,
      includeCommandLineAPI: true,
      returnByValue: true,
      silent: true,
    });
    return r.result.value === true;
  } catch {
    return false;
  }
}

const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
