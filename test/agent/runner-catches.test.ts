// runner-catches.ts against the real runners: probes (test/fixtures/runners/probe) record, inside
// each runner's tests, the stack the agent sees at a throw there and, for vitest and jest, what
// the runner's current-test expression gives in the test's global. The test-call frame must be on
// a failing test's stack, and the expression must name the test, its retries left and whether it
// is expected to fail. (mocha's and node:test's running test, out of the program's reach, are
// read through the inspector: test/cli/pmdb-test.test.ts shows them named, retries included.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TEST_IN_FRAME, testCatcher, type CurrentTest, type Runner } from '../../src/agent/runner-catches.js';
import type { Site } from '../../src/agent/entry-escape.cjs';
import { runProcess } from '../helpers/run-pipe.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

const RUNNERS = path.join(FIXTURES, 'runners');
const PROBE = path.join(RUNNERS, 'probe');
const ROOT_BIN = path.join(ROOT, 'node_modules', '.bin');
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const VITEST5_RUNS = major > 22 || (major === 22 && minor >= 12);

interface Probe {
  label: string;
  sites: Site[];
  test?: CurrentTest;
}

async function probe(runner: Runner, command: string[], cwd = PROBE): Promise<Map<string, Probe[]>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-probe-'));
  const out = path.join(dir, 'probes.jsonl');
  const ran = await runProcess(command[0]!, command.slice(1), {
    cwd,
    timeoutMs: 60_000,
    env: { PROBE_OUT: out, PROBE_EXPRESSION: runner === 'vitest' || runner === 'jest' ? TEST_IN_FRAME[runner] : undefined },
  });
  expect(ran.signal, ran.stderr.toString()).toBeNull();
  const probes = new Map<string, Probe[]>();
  for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
    const found = JSON.parse(line) as Probe;
    probes.set(found.label, [...(probes.get(found.label) ?? []), found]);
  }
  rmSync(dir, { recursive: true, force: true });
  return probes;
}

/** The runner's test call among the sites of a probe. */
const catcher = (p: Probe) => p.sites.map((site) => testCatcher(site)).find(Boolean);
const only = (probes: Map<string, Probe[]>, label: string): Probe => probes.get(label)![0]!;

function vitestChecks(dir: string) {
  return async () => {
    const probes = await probe('vitest', [process.execPath, path.join(RUNNERS, dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(PROBE, 'vitest.probe.config.mjs')], path.join(RUNNERS, dir));
    for (const label of ['sync', 'async']) expect(catcher(only(probes, label))?.runner, label).toBe('vitest');
    const file = path.join(PROBE, 'vitest.probe.ts');
    expect(only(probes, 'sync').test).toEqual({ name: 'probe > sync', file, retriesLeft: 0, expectedToFail: false });
    expect(only(probes, 'async').test).toEqual({ name: 'probe > async', file, retriesLeft: 0, expectedToFail: false });
    expect(probes.get('retried')!.map((p) => p.test?.retriesLeft)).toEqual([1, 0]);
    expect(only(probes, 'fails').test?.expectedToFail).toBe(true);
  };
}

describe('runner-catches on the real runners', () => {
  it('vitest 4: the test call takes sync and async failures; the task names the test, its retries, it.fails', vitestChecks('vitest4'), 60_000);

  it.skipIf(!VITEST5_RUNS)('vitest 5 (needs Node 22.12+): the same', vitestChecks('vitest5'), 60_000);

  it("jest 30: callAsyncCircusFn's executor takes a sync failure; an async one has no runner frame; circus's state names the test", async () => {
    const probes = await probe('jest', [path.join(ROOT_BIN, 'jest'), '--config', path.join(PROBE, 'jest.probe.config.cjs')]);
    expect(catcher(only(probes, 'sync'))?.runner).toBe('jest');
    expect(catcher(only(probes, 'async'))).toBeUndefined();
    const file = path.join(PROBE, 'jest.probe.ts');
    expect(only(probes, 'sync').test).toEqual({ name: 'probe › sync', file, retriesLeft: 1, expectedToFail: false });
    expect(only(probes, 'async').test?.name).toBe('probe › async');
    expect(probes.get('retried')!.map((p) => p.test?.retriesLeft)).toEqual([1, 0]);
    expect(only(probes, 'fails').test?.expectedToFail).toBe(true);
  }, 60_000);

  it("mocha 12: Runnable's callFn takes a sync failure; an async one has no runner frame", async () => {
    const probes = await probe('mocha', [path.join(ROOT_BIN, 'mocha'), 'mocha.probe.cjs']);
    expect(catcher(only(probes, 'sync'))?.runner).toBe('mocha');
    expect(catcher(only(probes, 'async'))).toBeUndefined();
  }, 60_000);

  it('node:test: Test#run takes sync and async failures', async () => {
    const probes = await probe('node:test', [process.execPath, '--test', 'node.probe.cjs']);
    for (const label of ['sync', 'async']) expect(catcher(only(probes, label))?.runner, label).toBe('node:test');
  }, 60_000);

  it('no other site is a test call: user code, an assertion library, another function of the runner', () => {
    expect(testCatcher(['priceOf', path.join(RUNNERS, 'code', 'cart.ts'), 16, 17, ''])).toBeUndefined();
    expect(testCatcher(['throws', 'node:assert', 1, 1, ''])).toBeUndefined();
    expect(testCatcher(['next', '/app/node_modules/mocha/lib/runner.js', 724, 14, ''])).toBeUndefined();
    expect(testCatcher(['run', 'node:internal/test_runner/runner', 1, 1, ''])).toBeUndefined();
  });
});
