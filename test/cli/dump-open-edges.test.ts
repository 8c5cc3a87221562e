// pmdb open on what a dump must not break: a crafted 200,000-long chain of references, and exceptions N.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runPmdb } from '../helpers/run-pipe.js';
import { PROMPT } from '../helpers/pty-session.js';
import { openCrashDump, useSessions } from '../helpers/sessions.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { fixture } from '../helpers/paths.js';

useSessions();

describe('pmdb open', () => {
  it('a valid dump whose objects are a 200,000-long chain of references: each command answers in one line', async () => {
    const dir = freshDir();
    await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'dump-crash.js']);
    const dump = JSON.parse(readFileSync(dumpsIn(dir)[0]!, 'utf8'));
    const N = 200_000, base = 1_000_000;
    for (let i = 0; i < N; i++) dump.objects[base + i] = { kind: 'object', className: 'Object', properties: [['next', { t: 'ref', id: base + i + 1 }]] };
    dump.objects[base + N - 1].properties = [];
    dump.frames[0].scopes[0].variables.push(['head', { t: 'ref', id: base }]);
    const file = path.join(path.dirname(dir), 'chain.pmdump');
    writeFileSync(file, JSON.stringify(dump));
    const r = await runPmdb(['open', file], { input: 'p head.next.next\np head.next.next\nw\nq\n', timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stderr.toString()).toBe('');
    const answers = r.stdout.toString().split(PROMPT).slice(1, 3);
    expect(answers).toEqual(['{ next: { next: { next: [Object] } } }\n', '{ next: { next: { next: [Object] } } }\n']);
  });

  it('exceptions N on a dump: that exception becomes the current one, at the frames of its stack', async () => {
    const { s } = await openCrashDump('chain.js');
    expect(await s.run('exceptions 3')).toBe(
      'pmdb: the frames of exception 3 are rebuilt from its stack: not live, no locals (exceptions 4 goes back)\n' +
        `> ${fixture('chain.js')}(10)openDb()\n-> throw new Error('database unavailable', { cause: err });\n`,
    );
    expect(await s.run('where')).toBe(
      `  ${fixture('chain.js')}(21)<module>()\n-> boot();\n  ${fixture('chain.js')}(16)boot()\n-> openDb();\n> ${fixture('chain.js')}(10)openDb()\n-> throw new Error('database unavailable', { cause: err });\n`,
    );
  });
});
