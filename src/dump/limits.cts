// A dump's bounds (docs/dump-format.md), shared by the capture (dump/capture.ts) and the main
// thread's own preparation for it (agent/on-demand.cts).

export interface CaptureLimits {
  maxDepth: number;
  maxItems: number;
  maxString: number;
  maxNumbers: number;
  maxBytes: number;
  redact: boolean;
}

export const DEFAULT_LIMITS: CaptureLimits = {
  maxDepth: 6,
  maxItems: 1000,
  maxString: 64 * 1024,
  maxNumbers: 100_000,
  maxBytes: 3 * 1024 * 1024,
  redact: true,
};

/** What `--dump-limits` and PMDB_DUMP_LIMITS name each bound (docs/dump-format.md). */
const NAMES: Record<string, keyof Omit<CaptureLimits, 'redact'>> = {
  depth: 'maxDepth',
  items: 'maxItems',
  string: 'maxString',
  numbers: 'maxNumbers',
  size: 'maxBytes',
};

/**
 * The bounds a spec such as `depth=8,items=2000,string=128k,size=8M` sets over the defaults (k
 * and M multiply by 1024 and 1024²). Throws one line on anything else.
 */
export function limitsFrom(spec: string | undefined, redact: boolean): CaptureLimits {
  const limits: CaptureLimits = { ...DEFAULT_LIMITS, redact };
  for (const part of (spec ?? '').split(',').filter((p) => p.trim())) {
    const m = /^\s*(\w+)\s*=\s*(\d+)([kKmM]?)\s*$/.exec(part);
    const key = m && NAMES[m[1]!];
    if (!m || !key) throw new Error(`'${part.trim()}' is not a bound: give name=number, names ${Object.keys(NAMES).join(', ')}`);
    const value = Number(m[2]) * ({ k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2 }[m[3]!] ?? 1);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`'${part.trim()}': a bound is a whole number above 0`);
    limits[key] = value;
  }
  return limits;
}
