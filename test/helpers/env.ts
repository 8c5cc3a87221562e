// The environment every test runs pmdb (or plain node) in: the developer's own settings that
// would change what pmdb prints are removed, and HOME is an empty directory so that a
// developer's ~/.pmdbrc never runs in a test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const EMPTY_HOME = mkdtempSync(path.join(tmpdir(), 'pmdb-test-home-'));

export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const k of ['FORCE_COLOR', 'NODE_OPTIONS', 'NODE_DEBUG', 'PMDB_BREAKPOINT', 'PMDB_DUMP_DIR', 'PMDB_NO_REDACT', 'PMDB_TIMEOUT', 'PMDB_AWAITS']) delete env[k];
  env.HOME = EMPTY_HOME;
  return env;
}
