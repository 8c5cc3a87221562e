// `debugger;` statements obey PMDB_BREAKPOINT=0 (DESIGN §1), which the program inherits from
// pmdb. V8 reports them as pauses like any other, so the source at the pause tells.
import type { Protocol } from 'devtools-protocol';
import type { ScriptTable } from '../engine/scripts.js';
import { offsetOf } from '../util/text-offset.cjs';

export const debuggerStatementsOff = process.env.PMDB_BREAKPOINT === '0';

export async function atDebuggerStatement(scripts: ScriptTable, paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
  const at = paused.callFrames[0]?.location;
  const source = at && (await scripts.generatedSource(at.scriptId));
  if (!at || !source) return false;
  return source.startsWith('debugger', offsetOf(source, at.lineNumber, at.columnNumber ?? 0));
}
