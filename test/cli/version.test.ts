// `pmdb --version`: the package's version, exit 0, at a terminal and into a pipe.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { startSession } from '../helpers/pty-session.js';
import { runPmdb } from '../helpers/run-pipe.js';
import { useSessions } from '../helpers/sessions.js';

useSessions();

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

it('prints the package version and exits 0', async () => {
  const s = startSession(['--version']);
  expect(await s.waitExit()).toBe(0);
  expect(s.output).toBe(`${version}\n`);
  const piped = await runPmdb(['--version']);
  expect([piped.code, piped.stdout.toString(), piped.stderr.toString()]).toEqual([0, `${version}\n`, '']);
});
