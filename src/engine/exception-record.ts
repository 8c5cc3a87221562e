// The record the traceback library formats, built from what the debuggee says about the thrown
// value: the escaping error gets the stopped frames (live or rebuilt), every cause and group
// member gets frames parsed from its own stack text, mapped through source maps.
import type { ExceptionRecord, FrameRecord } from '../traceback/index.js';
import type { Frame } from '../target/target.js';
import type { ScriptTable } from './scripts.js';
import { framesFromStack } from './unwound-frames.js';

/** What the debuggee reports for one thrown value; see DEBUGGEE_FUNCTIONS.exceptionRecord. */
export interface ThrownRecord {
  type: string;
  message: string;
  stack: string;
  properties?: Record<string, string>;
  cause?: ThrownRecord | null;
  exceptions?: ThrownRecord[];
}

export async function toExceptionRecord(
  scripts: ScriptTable,
  thrown: ThrownRecord,
  frames: Frame[] | undefined,
  lines: (file: string) => Promise<string[] | undefined>,
): Promise<ExceptionRecord> {
  const own = frames ?? (thrown.stack ? await framesFromStack(scripts, thrown.stack) : []);
  const record: ExceptionRecord = {
    type: thrown.type,
    message: thrown.message,
    frames: await frameRecords(own, lines),
  };
  if (thrown.properties && Object.keys(thrown.properties).length) record.properties = thrown.properties;
  if (thrown.cause) record.cause = await toExceptionRecord(scripts, thrown.cause, undefined, lines);
  if (thrown.exceptions) {
    record.exceptions = [];
    for (const member of thrown.exceptions) {
      record.exceptions.push(await toExceptionRecord(scripts, member, undefined, lines));
    }
  }
  return record;
}

/** Oldest first, as a traceback reads; columns become 0-based for the caret planner. */
export async function frameRecords(frames: Frame[], lines: (file: string) => Promise<string[] | undefined>): Promise<FrameRecord[]> {
  const records: FrameRecord[] = [];
  for (const frame of [...frames].reverse()) {
    const line = (await lines(frame.file))?.[frame.line - 1];
    records.push({ filename: frame.file, lineno: frame.line, name: frame.name, colno: frame.column - 1, ...(line !== undefined ? { line } : {}) });
  }
  return records;
}
