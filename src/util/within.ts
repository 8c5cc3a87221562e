// Waiting for something, for a while.

/** What the promise gives if it settles within `ms`, else undefined; the timer does not outlive it. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the promise gives if it settles within `ms`; else the error `late` makes is thrown. */
export async function answeredWithin<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  const settled = await within(promise.then((value) => ({ value })), ms);
  if (!settled) throw late();
  return settled.value;
}
