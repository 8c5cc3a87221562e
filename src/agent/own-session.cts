// An inspector session of the main thread with itself. It answers before `post` returns, so its
// users run synchronously, even inside a pause it reports.
import { Session } from 'node:inspector';

export type SyncPost = <T>(method: string, params?: object) => T;

export function ownSession(): { session: Session; post: SyncPost } {
  const session = new Session();
  session.connect();
  const post: SyncPost = <T,>(method: string, params?: object): T => {
    let answer: { err: Error | null; result?: unknown } | undefined;
    session.post(method, params ?? {}, (err, result) => (answer = { err, result }));
    if (answer?.err) throw answer.err;
    return answer?.result as T;
  };
  return { session, post };
}
