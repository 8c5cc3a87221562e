// The agent with no front end (`pmdb/register`): production, cron, CI. Nobody will answer a
// prompt, so a crash is captured into a dump right where it stopped, one line says where the
// dump is, and the process goes on to fail exactly as it would have. postMortem(err) gets the
// same: a dump of what was kept at the throw, and the program goes on; so does a failing test
// under `pmdb test` without a terminal (its runner then reports it as usual).
import { writeSync } from 'node:fs';
import type { Channel } from '../target/agent-client.js';
import type { AgentEvent } from '../protocol/messages.js';
import type { CaptureLimits } from '../dump/limits.cjs';
import { dumpThread } from './worker-crashes.js';
import { terminalText } from '../cli/terminal-text.js';

export interface StandaloneOptions {
  dumpDir?: string;
  limits: CaptureLimits;
}

export function standaloneOutlet(
  local: (session: string | undefined) => Channel,
  options: StandaloneOptions,
  ready: () => void,
): { emit(event: AgentEvent, flushed?: () => void): void } {
  // This agent was started because the program needs it, most often for a crash: the capture
  // code loads while the agent connects, which waits on the main thread anyway (~20 ms sooner).
  const capture = captureModules();
  capture.catch(() => {});
  return {
    emit(event, flushed) {
      if (event.event === 'hello') ready();
      if (event.event !== 'stopped') {
        flushed?.();
        return;
      }
      const channel = local(event.session);
      if (event.kind === 'pause') {
        void channel.call('Debugger.resume').catch(() => {});
        return;
      }
      void dumpAndGo(channel, event, options, capture);
    },
  };
}

async function dumpAndGo(
  channel: Channel,
  stop: Extract<AgentEvent, { event: 'stopped' }>,
  options: StandaloneOptions,
  capture: ReturnType<typeof captureModules>,
) {
  const what = stop.kind === 'postMortem' ? 'post-mortem' : 'crash';
  try {
    const { dumpDirectory, writeDump } = await capture;
    // An error a worker thread died of, ending the process through its parent: the worker's frames.
    const dump = stop.fromWorker?.dump ?? (await dumpThread(channel, stop, options.limits));
    // `pmdb test` without a terminal: a failing test's dump is named after the test.
    const file = writeDump(dump, dumpDirectory(options.dumpDir), stop.test?.name);
    // Straight to fd 2: the main thread, which would carry a worker's stderr, is paused.
    writeSync(2, terminalText(`pmdb: ${what} dump written to ${file}\n`, false));
  } catch (err) {
    writeSync(2, terminalText(`pmdb: could not write a ${what} dump: ${err instanceof Error ? err.message : String(err)}\n`, false));
  }
  await channel.call('Debugger.resume').catch(() => {});
}

/** Loaded only by an agent that was started: an armed process that never crashes pays nothing for them. */
function captureModules() {
  return Promise.all([import('../engine/scripts.js'), import('../target/live-target.js'), import('../dump/write-dump.js')]).then(([, , write]) => write);
}
