// Whether this process has a V8 inspector to arm. Node creates none for some processes of its
// own: the parent process of `node --test` (its tests run in child processes, which have one) and
// of `node --watch` (Environment::should_create_inspector). There a worker's
// `connectToMainThread()` aborts the whole process (`Assertion failed: (parent_handle_) !=
// nullptr` in inspector::Agent::ConnectToMainThread: the worker got no parent handle), while a
// same-thread `connect()` only throws: that is the question asked here, before any agent starts.
import { Session } from 'node:inspector';

export function inspectorPresent(): boolean {
  const probe = new Session();
  try {
    probe.connect();
  } catch {
    return false;
  }
  probe.disconnect();
  return true;
}
