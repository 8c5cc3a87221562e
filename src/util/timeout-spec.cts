// PMDB_TIMEOUT's value, in the words of `pmdb run`'s flags: `SECONDS [--repeat] [--exit]`.

export interface TimeoutSpec {
  seconds: number;
  repeat: boolean;
  exit: boolean;
}

/** The spec, or undefined when it says something else. */
export function parseTimeout(spec: string): TimeoutSpec | undefined {
  const [seconds, ...flags] = spec.trim().split(/\s+/);
  if (!(Number(seconds) > 0) || flags.some((f) => f !== '--repeat' && f !== '--exit')) return undefined;
  return { seconds: Number(seconds), repeat: flags.includes('--repeat'), exit: flags.includes('--exit') };
}
