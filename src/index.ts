// The `pmdb` package's debugger API.

/**
 * Stop here at the pmdb prompt, as Python's pdb.set_trace() or breakpoint(): the prompt opens in
 * the caller (pmdb hides this file's frames). Does nothing when the program does not run under
 * pmdb, or when PMDB_BREAKPOINT=0, as PYTHONBREAKPOINT=0 turns breakpoint() off.
 */
export function setTrace(): void {
  if (process.env.PMDB_BREAKPOINT === '0') return;
  debugger;
}
