// The main thread's end of its MessageChannel with the agent thread. The agent wakes an idle main
// thread through it (Ctrl-C: V8 pauses only while JavaScript runs), and a long text made on the
// main thread reaches the agent through it (text-transfer.ts): posting a string copies it once,
// where the inspector escapes it into a protocol message that the agent then parses back
// (85 ms for a dump's 3 MB value graph, measured). Functions the agent runs on this thread are
// handed this module.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { wakeUp } from './stop-here.cjs';

let port: MessagePort | undefined;

/** A new channel: this thread keeps one end, the other is for the agent's thread. */
export function openAgentPort(): MessagePort {
  const channel = new MessageChannel();
  channel.port1.on('message', wakeUp);
  channel.port1.unref();
  port = channel.port1;
  return channel.port2;
}

/** Called inside the program by a function the agent runs there (text-transfer.ts). */
export function sendToAgent(text: string): void {
  port?.postMessage(text);
}

/** Numeric arrays' texts made at this pause (dump/serializer-source.cts PREWARM_NUMBERS). */
let prewarmed: WeakMap<object, { count: number; text: string }> | undefined;

export function keepPrewarmed(kept: typeof prewarmed): void {
  prewarmed = kept;
}

/** Once, and only in the pause they were made in: the program changes its arrays when it runs. */
export function takePrewarmed(): typeof prewarmed {
  const kept = prewarmed;
  prewarmed = undefined;
  return kept;
}
