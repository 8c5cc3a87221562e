// README's quick start, as a user types it: `npx pmdb -c continue examples/job.ts` from the
// repository (npx runs the package's own bin, which must be executable after `npm ci`).
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-pipe.js';

describe('quick start', () => {
  it('npx pmdb -c continue examples/job.ts stops in the throwing frame', async () => {
    const r = await runProcess('npx', ['--no-install', 'pmdb', '-c', 'continue', 'examples/job.ts'], {
      cwd: ROOT,
      input: 'p config\nq\n',
      timeoutMs: 60_000,
    });
    const out = r.stdout.toString();
    expect(out).toContain('Uncaught exception. Entering post mortem debugging\n');
    expect(out).toMatch(/> \S+examples\/job\.ts\(\d+\)\w+\(\)\n/);
    expect(r.code).toBe(1);
  });
});
