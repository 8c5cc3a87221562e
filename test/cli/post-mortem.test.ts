// postMortem(err) and pm() from the `pmdb` package in a program: the prompt on the state kept
// when the error was thrown; one plain line on stderr when nothing was kept, and the program
// goes on.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { fixture, REGISTER, ROOT } from '../helpers/paths.js';
import { runNode } from '../helpers/run-pipe.js';
import { FINISHED, runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

const FILE = 'post-mortem.mjs';
const NO_CAPTURE = 'pmdb: no capture of that error (it was caught where it was thrown)';
const at = (line: number, fn: string, source: string) => `> ${fixture(FILE)}(${line})${fn}()\n-> ${source}\n`;
const REJECT = at(10, '<anonymous>', 'reject(new Error(`no such user ${key}`));');

describe('postMortem(err) under pmdb', () => {
  it("stops on the frames kept when the error was thrown; c lets the program go on", async () => {
    const { s, head } = await runToPrompt(FILE);
    expect(head).toContain(
      'Error: no such user user:7\n' +
        'pmdb: the frames are a snapshot taken at the throw, not live\n' +
        "Running 'cont' will return to the program\n" +
        REJECT,
    );
    expect(head).not.toContain('Uncaught exception');
    expect(await s.run('p key')).toBe("'user:7'\n");
    expect(await s.run('w')).toBe(
      at(35, '<anonymous>', 'handle(7).then((user) => {').replace('> ', '  ') +
        at(15, 'handle', 'const pending = lookup(id);').replace('> ', '  ') +
        at(8, 'lookup', 'return new Promise((resolve, reject) => {').replace('> ', '  ') +
        REJECT,
    );
    expect(await s.run('up')).toBe(at(8, 'lookup', 'return new Promise((resolve, reject) => {'));
    expect(await s.run('p id')).toBe('7\n');
    // The second postMortem: an error caught where it was thrown was never kept.
    expect(await s.run('c')).toBe(`${NO_CAPTURE}\nhandled: null\n${FINISHED}\n${at(34, '<module>', 'setTimeout(() => {')}`);
  });

  it("each frame of the snapshot answers with its own scopes' values, where frames share scopes", async () => {
    // snapshot-scopes-body.mjs: step (made by make('first')) calls through an arrow into step
    // (made by make('second')), whose promise executor rejects.
    const { s, head } = await runToPrompt('snapshot-scopes.mjs');
    expect(head).toContain('Error: second failed at depth 1 in eu\npmdb: the frames are a snapshot taken at the throw, not live\n');
    const values = async (...names: string[]) => {
      let out = '';
      for (const name of names) out += await s.run(`p ${name}`);
      return out;
    };
    // The module's scope, seen from its functions; two activations of make's scope, in the same
    // code; the module body's own locals, which its functions do not see.
    expect(await values('tag', 'depth', 'config.region')).toBe("'second'\n1\n'eu'\n");
    await s.run('up');
    expect(await values('tag', 'depth', 'config.region')).toBe("'second'\n1\n'eu'\n");
    await s.run('up');
    expect(await values('d', 'config.region')).toBe("1\n'eu'\n");
    await s.run('up');
    expect(await values('tag', 'depth', 'config.region')).toBe("'first'\n0\n'eu'\n");
    expect(await s.run('up')).toContain('(18)<module>()');
    expect(await values('bodyOnly', 'config.region', 'typeof first')).toBe("42\n'eu'\n'function'\n");
  });

  it('q at its prompt quits pmdb with status 0', async () => {
    const { s } = await runToPrompt(FILE);
    s.send('q');
    expect(await s.waitExit()).toBe(0);
  });
});

describe('pm() under pmdb', () => {
  it('in an uncaughtException handler: the prompt on the error that reached it', async () => {
    const { s, head } = await runToPrompt('pm-handler.mjs');
    expect(head).toContain('handler: attempt 3 failed\nTraceback (most recent call last):\n');
    expect(head).toContain(
      `pmdb: the frames are a snapshot taken at the throw, not live\nRunning 'cont' will return to the program\n` +
        `> ${fixture('pm-handler.mjs')}(11)<anonymous>()\n-> throw new Error(\`attempt \${attempt} failed\`);\n`,
    );
    expect(await s.run('p attempt')).toBe('3\n');
    expect(await s.run('c')).toContain(FINISHED);
  });

  // Node hands a rejection to an unhandledRejection listener instead of its fatal path, where
  // pm() learns of escapes: pm() there takes the rejection Node is handing out.
  it('in an unhandledRejection listener: the prompt on that rejection, as it was thrown', async () => {
    const file = 'pm-rejection-handler.mjs';
    const { s, head } = await runToPrompt(file);
    expect(head).toContain('listener: card declined for 1200 cents\nTraceback (most recent call last):\n');
    expect(head).not.toContain('no error has escaped yet');
    expect(head).toContain(
      `pmdb: the frames are a snapshot taken at the throw, not live\nRunning 'cont' will return to the program\n` +
        `> ${fixture(file)}(7)charge()\n-> throw new Error(\`card declined for \${cents} cents\`);\n`,
    );
    expect(await s.run('p cents')).toBe('1200\n');
    expect(await s.run('p order')).toBe('{ total: 12 }\n');
    expect(await s.run('c')).toContain(FINISHED);
  });
});

describe('postMortem(err) elsewhere', () => {
  it('without pmdb: one line on stderr per call, and the program runs as it would', async () => {
    const r = await runNode([FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('handled: null\n');
    expect(r.stderr.toString()).toBe('pmdb: not running under pmdb\n'.repeat(2));
  });

  it('under pmdb/register: a dump of what was kept, and the program goes on', async () => {
    const dir = freshDir();
    const r = await runNode(['--require', REGISTER, FILE], { env: { PMDB_DUMP_DIR: dir } });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('handled: null\n');
    const dumps = dumpsIn(dir);
    expect(dumps).toHaveLength(1);
    expect(r.stderr.toString()).toBe(`pmdb: post-mortem dump written to ${dumps[0]}\n${NO_CAPTURE}\n`);
  });
});

describe("pm() and postMortem(err) imported by the package's name", () => {
  /** A copy of a fixture that imports pmdb by its name, in a directory where node_modules/pmdb is this checkout. */
  function installed(name: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-test-'));
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(ROOT, path.join(dir, 'node_modules', 'pmdb'), 'dir');
    const text = readFileSync(fixture(name), 'utf8');
    expect(text).toContain("from '../../dist/index.js';");
    writeFileSync(path.join(dir, name), text.replace("from '../../dist/index.js';", "from 'pmdb';"));
    return path.join(dir, name);
  }

  it('under pmdb: postMortem(err) opens its snapshot, pm() in an uncaughtException handler too', async () => {
    const app = installed(FILE);
    const { s, head } = await runToPrompt(app);
    expect(head).toContain(`Error: no such user user:7\npmdb: the frames are a snapshot taken at the throw, not live\nRunning 'cont' will return to the program\n> ${app}(10)<anonymous>()\n`);
    expect(await s.run('p key')).toBe("'user:7'\n");
    const handler = installed('pm-handler.mjs');
    const pm = await runToPrompt(handler);
    expect(pm.head).toContain(`handler: attempt 3 failed\n`);
    expect(pm.head).toContain(`> ${handler}(11)<anonymous>()\n`);
    expect(await pm.s.run('p attempt')).toBe('3\n');
  });

  it('without pmdb: the import resolves, each call says so in one line, and the program runs as it would', async () => {
    const r = await runNode([installed(FILE)]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('handled: null\n');
    expect(r.stderr.toString()).toBe('pmdb: not running under pmdb\n'.repeat(2));
  });
});
