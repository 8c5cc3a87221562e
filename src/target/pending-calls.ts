// Calls numbered on the way out and answered by number, as the agent's channel and a Chrome
// DevTools Protocol endpoint both speak: which are still waiting, and how each ends.

type Waiter = { resolve: (value: any) => void; reject: (error: Error) => void };

export class PendingCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();

  /** A new call: `send` writes it under its number; the promise settles with its answer. */
  start<T>(send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  /** The answer to call `id` (an unknown number is ignored). */
  answer(id: number, { error, result }: { error?: { message: string }; result?: unknown }): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    if (error) waiter.reject(new Error(error.message));
    else waiter.resolve(result);
  }

  /** The other end is gone: every call still waiting fails with `error`. */
  failAll(error: () => Error): void {
    for (const { reject } of this.waiting.values()) reject(error());
    this.waiting.clear();
  }
}
