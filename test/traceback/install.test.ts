// `--import pmdb/traceback/install`: uncaught errors print as tracebacks, with Node's exit code.
import { describe, expect, it } from 'vitest';
import { FIXTURES, runNode, withPlaceholders } from './helpers/run-node.js';

const HOOK_FROM_SOURCE = ['--import', 'tsx', '--import', './src/traceback/install.ts'];

describe('install hook', () => {
  it('prints an uncaught error as a traceback and exits as Node would', async () => {
    const plain = runNode(['--import', 'tsx', FIXTURES + 'uncaught.ts']);
    const hooked = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'uncaught.ts']);
    expect(hooked.status).toBe(plain.status);
    expect(hooked.status).toBe(1);
    await expect(withPlaceholders(hooked.stderr, { '<fixtures>/': FIXTURES })).toMatchFileSnapshot('golden/install-uncaught.txt');
  });

  it('prints an unhandled rejection with its cause', () => {
    const plain = runNode([FIXTURES + 'rejection.mjs']);
    const hooked = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'rejection.mjs']);
    expect(hooked.status).toBe(plain.status);
    expect(hooked.stderr).toContain('The above exception was the direct cause of the following exception:');
    expect(hooked.stderr).toMatch(/Error: connection refused\n$/);
  });

  it('prints a CommonJS parse failure where it points, and leaves an ES module one to Node', () => {
    const cjs = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'syntax-error.cjs']);
    expect(cjs.status).toBe(1);
    expect(cjs.stderr).toContain(`  File "${FIXTURES}syntax-error.cjs", line 3\n    let total = count items;\n                      ^^^^^\nSyntaxError: Unexpected identifier 'items'\n`);
    const esm = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'syntax-error.mjs']);
    // Node's own report, under the limit the hook raises Error.stackTraceLimit to (Node 24+'s
    // loader has more than Node's 10 frames below this error).
    expect(esm).toEqual(runNode(['--import', 'data:text/javascript,Error.stackTraceLimit=100', FIXTURES + 'syntax-error.mjs']));
    expect(esm.stderr).toContain('syntax-error.mjs:3\n  let total = count items;\n');
  });

  it('stays out of the way of a program that handles uncaught errors itself', () => {
    const handled = runNode([...HOOK_FROM_SOURCE, '--input-type=module', '-e', "process.on('uncaughtException', (e) => console.log('handled', e.message)); throw new Error('mine');"]);
    expect(handled).toEqual({ stdout: 'handled mine\n', stderr: '', status: 0 });
  });

  it('colors the traceback when FORCE_COLOR is set, and not when NO_COLOR is too', () => {
    const colored = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'uncaught.ts'], { FORCE_COLOR: '1' });
    expect(colored.stderr).toContain('\x1b[1;35mTypeError\x1b[0m: \x1b[35mCannot read properties');
    expect(colored.stderr).toContain('\x1b[31m~~~~~~~~~~~~~~~\x1b[0m\x1b[1;31m^^^^^^^^\x1b[0m');
    const plain = runNode([...HOOK_FROM_SOURCE, FIXTURES + 'uncaught.ts'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.stderr).not.toContain('\x1b[');
  });

  it('is importable as pmdb/traceback/install from the built package', () => {
    const hooked = runNode(['--import', 'pmdb/traceback/install', FIXTURES + 'rejection.mjs']);
    expect(hooked.status).toBe(1);
    expect(hooked.stderr).toMatch(/^Traceback \(most recent call last\):\n/);
  });
});
