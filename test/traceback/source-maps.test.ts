// The same TypeScript error, run from tsx's in-memory output and from tsc/esbuild builds with
// external, inline and bundled maps: every traceback must show the original TypeScript lines.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runTsFixture, withPlaceholders } from './helpers/run-node.js';

let build: string;

const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

beforeAll(() => {
  build = mkdtempSync(join(tmpdir(), 'pmdb-maps-'));
  mkdirSync(join(build, 'src'));
  copyFileSync(join(FIXTURES, 'job.ts'), join(build, 'src', 'job.ts'));
  writeFileSync(join(build, 'package.json'), '{"type":"module"}');
  // Run in the build directory so that tsc does not pick up this repository's @types.
  execFileSync(bin('tsc'), ['--outDir', 'tsc', '--sourceMap', '--target', 'es2022', '--module', 'es2022', join('src', 'job.ts')], { cwd: build });
  execFileSync(bin('esbuild'), [join(build, 'src', 'job.ts'), '--sourcemap=inline', '--format=esm', `--outfile=${join(build, 'inline', 'job.js')}`], { stdio: 'pipe' });
  execFileSync(bin('esbuild'), [join(build, 'src', 'job.ts'), '--bundle', '--sourcemap', '--format=esm', `--outfile=${join(build, 'bundle', 'job.js')}`], { stdio: 'pipe' });
});

afterAll(() => rmSync(build, { recursive: true, force: true }));

function traceback(modulePath: string, ...flags: string[]): string {
  const output = runTsFixture('print-traceback.ts', modulePath, ...flags);
  return withPlaceholders(output, { '<fixtures>/': FIXTURES, '<fixtures>': join(build, 'src') });
}

describe('source-mapped tracebacks', () => {
  it('maps tsx in-memory output through the map Node registered', async () => {
    await expect(traceback(join(FIXTURES, 'job.ts'))).toMatchFileSnapshot('golden/job.txt');
  });

  it('maps tsc output through its external .map file', () => {
    expect(readFileSync(join(build, 'tsc', 'job.js'), 'utf8')).toContain('//# sourceMappingURL=job.js.map');
    const expected = traceback(join(FIXTURES, 'job.ts'));
    expect(traceback(join(build, 'tsc', 'job.js'), '--no-node-maps')).toBe(expected);
  });

  it('maps tsc output when Node has source maps on too', () => {
    expect(traceback(join(build, 'tsc', 'job.js'))).toBe(traceback(join(FIXTURES, 'job.ts')));
  });

  it('maps esbuild output with an inline data: map', () => {
    expect(traceback(join(build, 'inline', 'job.js'), '--no-node-maps')).toBe(traceback(join(FIXTURES, 'job.ts')));
  });

  it('maps a bundle through its external map with relative sources', () => {
    expect(traceback(join(build, 'bundle', 'job.js'), '--no-node-maps')).toBe(traceback(join(FIXTURES, 'job.ts')));
  });
});
