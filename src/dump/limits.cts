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

/** Names whose values are withheld from dumps unless --no-redact. */
export const SECRET_NAME = 'pass(word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth|cookie|credential|session[_-]?id|signature';
