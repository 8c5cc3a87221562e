// `pmdb stacks PID`: every thread's stack in the traceback format (source-mapped), as py-spy's
// dump, then the process goes on untouched: pmdb pauses each thread only while it reads the
// frames (and, with --locals, their variables), and closes the inspector it opened. A thread
// waiting in the event loop has no stack: for the main thread pmdb says what it waits for.
import { answeredWithin, within } from '../util/within.js';
import { UsageError } from './args.js';
import { ScriptTable } from '../engine/scripts.js';
import { LiveTarget } from '../target/live-target.js';
import { InspectorSocket } from '../target/inspector-socket.js';
import { InspectedProcess, type InspectedThread } from '../target/inspected-process.js';
import { frameRecords } from '../engine/exception-record.js';
import { StackSummary, type FrameRecord } from '../traceback/index.js';
import { eventLoopHolders } from '../target/event-loop-holders.js';
import { pendingAwaitLines } from '../target/pending-awaits.js';
import { findInspector } from './open-inspector.js';
import { threadName } from './stop-report.js';
import { writeDump } from '../dump/write-dump.js';

export interface StacksOptions {
  locals: boolean;
  /** Also write a dump of the main thread's frames there (the watchdog). */
  dumpDir?: string;
}

export async function printStacks(spec: string, options: StacksOptions, write: (text: string) => void): Promise<number> {
  write((await readProcessStacks(spec, options)).text);
  return 0;
}

/** The report on the process `spec` names, and the dump written when asked for one. */
export async function readProcessStacks(spec: string, options: StacksOptions): Promise<{ text: string; dump?: string }> {
  const found = await findInspector(spec);
  const name = found.pid === undefined ? spec : `process ${found.pid}`;
  const late = (what: string) => () => new UsageError(`${name} did not answer ${what} within ${OPEN_MS / 1000} s: pmdb gave up`);
  const socket = await answeredWithin(InspectorSocket.connect(found.url), OPEN_MS, late('on its inspector port'));
  const opened = InspectedProcess.open(socket);
  const inspected = await answeredWithin(opened, OPEN_MS, late("pmdb's first calls (the debugger's start)")).catch((err: unknown) => {
    socket.terminate();
    throw err;
  });
  let report: { text: string; dump?: string } | undefined;
  try {
    report = await readStacks(inspected, options);
  } finally {
    if (!(await within(inspected.detach(found.openedByPmdb).then(() => true), OPEN_MS))) {
      socket.terminate();
      if (report) report.text += `pmdb: ${name} did not answer while pmdb left within ${OPEN_MS / 1000} s: its inspector may still be open\n`;
    }
  }
  return report;
}

/** How long a process may take to accept pmdb's connection, to start its debugger, and to let pmdb go. */
const OPEN_MS = 20_000;

/**
 * A thread that has not paused within PAUSE_MS (blocked in a synchronous call), or whose stack
 * has not been read within READ_MS, is reported as such rather than waited for: `pmdb stacks`
 * never hangs. Reading takes a heap walk (the timers: Runtime.queryObjects collects garbage
 * first), which took 4.9 s in a TypeScript program on a loaded machine.
 */
const PAUSE_MS = 5000;
const READ_MS = 20_000;

/**
 * Pauses every thread, reads, and lets them all go on: the text, printed afterwards. The worker
 * threads are paused first, all at once, and the main thread last, once nothing else is on its
 * way to it: a message Node hands the main thread while it is pausing in pmdb's idle probe is
 * never read, and the paused thread then spins without reading any other (Node's inspector
 * drops the wake-up; docs/node-versions.md). Every thread stands still while any is read.
 */
async function readStacks(inspected: InspectedProcess, options: StacksOptions): Promise<{ text: string; dump?: string }> {
  const [main, ...workers] = inspected.threads;
  const workerStops = await Promise.all(workers.map((t) => within(t.pause(), PAUSE_MS)));
  const threads = [main!, ...workers];
  const stops = [await within(main!.pause(), PAUSE_MS), ...workerStops];
  try {
    const parts: string[] = [];
    let dump: string | undefined;
    for (const [i, thread] of threads.entries()) {
      const stop = stops[i];
      const read = async () => {
        const scripts = new ScriptTable(thread.channel);
        const target = await LiveTarget.create(thread.channel, scripts, stop!);
        const text = await threadStack(thread, target, scripts, options);
        if (options.dumpDir && !thread.thread) dump = writeDump(await target.capture(), options.dumpDir);
        return text;
      };
      const label = capitalized(threadLabel(thread));
      if (!stop) parts.push(`${label}: did not pause within ${PAUSE_MS / 1000} s (blocked in a synchronous call?): no stack\n`);
      else parts.push((await within(read(), READ_MS)) ?? `${label}: its stack was not read within ${READ_MS / 1000} s: pmdb gave up\n`);
    }
    return { text: parts.join('\n'), dump };
  } finally {
    await Promise.all(threads.map((t) => within(t.resume(), PAUSE_MS)));
  }
}

function threadLabel(thread: InspectedThread): string {
  return thread.thread ? threadName(thread.thread).replace(/^in /, '') : 'main thread';
}

async function threadStack(thread: InspectedThread, target: LiveTarget, scripts: ScriptTable, options: StacksOptions): Promise<string> {
  const name = threadLabel(thread);
  if (target.frames.length === 0) {
    let text = `${capitalized(name)}: waiting in the event loop\n`;
    if (!thread.thread) {
      const holders = await eventLoopHolders(thread.channel, scripts);
      text += holders.length ? `  held open by:\n${holders.map((h) => `    ${h}\n`).join('')}` : '  nothing holds it open: the process is about to exit\n';
    }
    return text + (await awaitingText(thread, target, scripts));
  }
  const records: FrameRecord[] = await frameRecords(target.frames, (file) => target.sourceLines(file));
  // Oldest first, as the records: the innermost frame is frames[0].
  for (const [k, record] of records.entries()) {
    const index = target.frames.length - 1 - k;
    const frame = target.frames[index]!;
    if (frame.async) record.name += ' [async]';
    else if (options.locals) record.locals = await localsOf(target, index);
  }
  return `${capitalized(name)}: running (most recent call last):\n${StackSummary.fromList(records).format().join('')}${await awaitingText(thread, target, scripts)}`;
}

/** A main thread armed with pmdb/register: what its pending async functions await, as a tree. */
async function awaitingText(thread: InspectedThread, target: LiveTarget, scripts: ScriptTable): Promise<string> {
  if (thread.thread) return '';
  const lines = await pendingAwaitLines(thread.channel, scripts, async (file, line) => (await target.sourceLines(file))?.[line - 1]);
  return lines.length ? `  awaiting (pending async functions, outermost first):\n${lines.map((l) => `    ${l}\n`).join('')}` : '';
}

async function localsOf(target: LiveTarget, frame: number): Promise<Record<string, string>> {
  const locals: Record<string, string> = {};
  for (const { name, value } of await target.variables(frame, 'locals').catch(() => [])) {
    locals[name] = await target.format(value, { pretty: false, colors: false }).catch(() => '<unknown>');
  }
  return locals;
}

const capitalized = (text: string) => text[0]!.toUpperCase() + text.slice(1);
