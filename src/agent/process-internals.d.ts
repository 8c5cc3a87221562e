// Node process internals the agent relies on, stable since Node 12 but absent from @types/node.
declare namespace NodeJS {
  interface Process {
    /** Writes straight to stderr, synchronously, bypassing process.stderr. */
    _rawDebug(...args: unknown[]): void;
    /** What process.exit() calls once the 'exit' listeners have run. */
    reallyExit(code?: number): never;
  }
}
