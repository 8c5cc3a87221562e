// The private channel between pmdb and the agents it armed (docs/security.md): a process of the
// same user that finds its socket and writes to it is not heard, and neither pmdb nor the program
// suffers; the socket's directory goes with the pmdb that made it, or with the next one.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { runPmdb } from '../helpers/run-pipe.js';

useSessions();

const INTRUDER = path.join('channel', 'intruder.js');

describe('the private channel', () => {
  it('drops what a process pmdb did not arm writes to it; the crash that follows still stops, and ends as under node', async () => {
    const s = startSession(['run', '--', process.execPath, INTRUDER], { env: { PMDB_DEBUG: '1' } });
    const head = await s.prompt();
    // pmdb's trace (stderr) and the program's lines (stdout) interleave as they come.
    const programLines = head
      .split('\n')
      .filter((line) => !line.startsWith('pmdb-debug: '))
      .join('\n');
    expect(programLines).toContain(
      'malformed line: ignored\nno handshake: closed by pmdb\nwrong secret: closed by pmdb\nsecret then garbage: ignored\n',
    );
    expect(head).toContain('pmdb-debug: dropped a connection to the agent socket: wrong handshake\n');
    expect(head).toContain('pmdb-debug: dropped a line on the private channel that is not JSON: not json\n');
    expect(head).toContain('pmdb-debug: dropped a line on the private channel that is not an object: 42\n');
    expect(head).toContain('Error: the intruder is done');
    s.send('c');
    expect(await s.waitExit()).toBe(1);
    expect(s.rest).toContain('Error: the intruder is done');
  });

  it("pmdb SCRIPT: the secret is not in the program's initial environment (/proc/PID/environ), which the same user can read", async () => {
    const r = await runPmdb(['-c', 'continue', 'deep-throw.js'], {
      input: "p /[0-9a-f]{64}/.test(require('fs').readFileSync('/proc/self/environ', 'utf8'))\nq\n",
    });
    expect(r.stdout.toString()).toContain('(Pmdb) false\n');
  });

  it("removes its directory when it ends, and a dead pmdb's at the next start", async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'pmdb-channel-test-'));
    // A PID above Linux's largest: no process has it.
    const stale = 'pmdb-channel-2147483646-AbC123';
    // This test's own process runs: a directory in its name stays.
    const running = `pmdb-channel-${process.pid}-XyZ789`;
    for (const name of [stale, running]) mkdirSync(path.join(tmp, name), { mode: 0o700 });
    try {
      const r = await runPmdb(['-c', 'continue', 'deep-throw.js'], { input: 'q\n', env: { TMPDIR: tmp } });
      expect(r.code).toBe(1);
      expect(r.stderr.toString()).toBe('');
      expect(readdirSync(tmp)).toEqual([running]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
