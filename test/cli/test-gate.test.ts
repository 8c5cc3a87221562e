// `pmdb test` pauses on caught exceptions only once a test runner's code is loaded
// (src/agent/test-gate.ts). node:test runs a top-level test's function inside `test()`, right after
// `require('node:test')` loads the runner: the gate must be open by then, or the failing test would
// run unobserved. Before the runner, the program's own caught errors (Node's, here) must not stop.
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';

useSessions();

const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-test-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('node:test run directly: a test failing at once, right after the runner loads, stops in its frame', async () => {
  const file = path.join(dir, 'first.test.cjs');
  writeFileSync(
    file,
    [
      "for (const bad of ['nope', 'also nope']) { try { new URL(bad); } catch {} }",
      "const test = require('node:test');",
      "const assert = require('node:assert');",
      "test('fails at once', () => { const seen = 1; assert.strictEqual(seen, 2); });",
      '',
    ].join('\n'),
  );
  const s = startSession(['test', '--', process.execPath, file], { cwd: dir });
  const head = await s.prompt(60_000);
  expect(head).toContain('Test failed: fails at once');
  expect(head).toContain(`> ${file}(4)`);
  s.send('p seen');
  expect(await s.prompt()).toContain('1');
  s.send('c');
  expect(await s.waitExit(60_000)).toBe(1);
}, 120_000);
