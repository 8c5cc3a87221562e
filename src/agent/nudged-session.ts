// Calls from the agent thread to the main thread's inspector. Node 26 now and then leaves a call
// to the paused main thread unread: the main thread waits for a message
// (MainThreadInterface::WaitForFrontendEvent, seen with gdb) while the agent waits for the answer,
// until some other message arrives and the main thread reads both. A call still unanswered after
// a while sends a cheap one that runs no JavaScript (docs/node-versions.md).
import type { Session } from 'node:inspector';
import type { Post } from './debuggee.js';

const NUDGE_AFTER_MS = 100;

export function nudgedPost(session: Session): Post {
  return (method, params) =>
    new Promise((resolve, reject) => {
      let nudge: NodeJS.Timeout | undefined;
      const again = () => {
        session.post('Runtime.getIsolateId', () => {});
        nudge = setTimeout(again, NUDGE_AFTER_MS).unref();
      };
      nudge = setTimeout(again, NUDGE_AFTER_MS).unref();
      session.post(method, params ?? {}, (err, result) => {
        clearTimeout(nudge);
        if (err) reject(err);
        else resolve(result as never);
      });
    });
}
