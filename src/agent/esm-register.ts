// Loaded with `--import` for ES module entries, after tsx's hooks for TypeScript: registers the
// hooks that make the entry debuggable at the throw (see wrap-entry.ts). Registered last, they
// run first.
import { createRequire, register } from 'node:module';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const script = process.argv[1];
if (script) {
  register('./esm-entry-hooks.js', import.meta.url, {
    data: { entry: pathToFileURL(realpathSync(script)).href },
  });
}

// The last preload of an ES module program: hold it until the agent is ready (see preload.cts).
createRequire(import.meta.url)('./preload.cjs').agentReady();
