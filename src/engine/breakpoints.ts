// The user's breakpoints, numbered and described as pdb's bdb.Breakpoint does. Plain data: the
// session keeps one store across restarts, and each run of the program binds it to V8 afresh
// (breakpoint-binder.ts).

/** An original (TypeScript) position: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface BreakpointCommands {
  lines: string[];
  /** `silent`: no location line when the breakpoint stops. */
  silent: boolean;
  /** False when the list ends with a command that resumes the program. */
  prompt: boolean;
}

export interface Breakpoint {
  readonly number: number;
  /** Original file and line, as the table shows them. */
  readonly file: string;
  readonly line: number;
  /** A function breakpoint stops at its function's first statement, not at the header line. */
  readonly at?: SourcePosition;
  readonly temporary: boolean;
  enabled: boolean;
  condition?: string;
  ignore: number;
  hits: number;
  commands?: BreakpointCommands;
}

export type NewBreakpoint = Pick<Breakpoint, 'file' | 'line' | 'at' | 'temporary' | 'condition'>;

export class BreakpointStore {
  /** pdb's bpbynumber: index = number, never reused; deleted ones leave a hole. */
  private readonly byNumber: (Breakpoint | undefined)[] = [undefined];

  add(spec: NewBreakpoint): Breakpoint {
    const bp: Breakpoint = { ...spec, number: this.byNumber.length, enabled: true, ignore: 0, hits: 0 };
    this.byNumber.push(bp);
    return bp;
  }

  /** The breakpoint a command argument names; throws pdb's messages otherwise. */
  get(arg: string | undefined): Breakpoint {
    if (!arg) throw new Error('Breakpoint number expected');
    if (!/^\s*[-+]?\d+\s*$/.test(arg)) throw new Error(`Non-numeric breakpoint number ${arg}`);
    const number = Number(arg);
    if (number < 0 || number >= this.byNumber.length) throw new Error(`Breakpoint number ${number} out of range`);
    const bp = this.byNumber[number];
    if (!bp) throw new Error(`Breakpoint ${number} already deleted`);
    return bp;
  }

  /** The highest number handed out so far (`commands` without an argument). */
  get lastNumber(): number {
    return this.byNumber.length - 1;
  }

  delete(bp: Breakpoint): void {
    this.byNumber[bp.number] = undefined;
  }

  all(): Breakpoint[] {
    return this.byNumber.filter((bp): bp is Breakpoint => bp !== undefined);
  }

  at(file: string, line: number): Breakpoint[] {
    return this.all().filter((bp) => bp.file === file && bp.line === line);
  }

  /**
   * pdb's `effective` for one breakpoint V8 stopped at (enabled, its condition true): count the
   * hit, and use up one ignored crossing if any are left. True when the program should stop.
   */
  crossed(bp: Breakpoint): boolean {
    bp.hits++;
    if (bp.ignore > 0) {
      bp.ignore--;
      return false;
    }
    return true;
  }
}

/** `breakpoint 1 at /abs/job.ts:6`, as in `Deleted breakpoint 1 at ...`. */
export function describe(bp: Breakpoint): string {
  return `breakpoint ${bp.number} at ${bp.file}:${bp.line}`;
}

/** pdb's `b` listing: a header and bdb's bpformat for each breakpoint. */
export function formatTable(breakpoints: Breakpoint[]): string {
  if (breakpoints.length === 0) return '';
  const rows = breakpoints.map((bp) => {
    const disp = `${bp.temporary ? 'del ' : 'keep'} ${bp.enabled ? 'yes' : 'no '}  `;
    let row = `${String(bp.number).padEnd(4)}breakpoint   ${disp} at ${bp.file}:${bp.line}\n`;
    if (bp.condition) row += `\tstop only if ${bp.condition}\n`;
    if (bp.ignore) row += `\tignore next ${bp.ignore} hits\n`;
    if (bp.hits) row += `\tbreakpoint already hit ${bp.hits} time${bp.hits > 1 ? 's' : ''}\n`;
    return row;
  });
  return `Num Type         Disp Enb   Where\n${rows.join('')}`;
}
