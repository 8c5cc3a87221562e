// TypeScript runs without a build step; everything the user sees is in .ts coordinates.
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { fixture } from '../helpers/paths.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import { transcript } from '../helpers/transcript.js';

useSessions();

describe('TypeScript', () => {
  it('traceback, where, list and ll show the original .ts lines; top level is <module>', async () => {
    const { s, head } = await runToPrompt('deep-throw.ts');
    expect(head).toContain(`  File "${fixture('deep-throw.ts')}", line 18, in load\n    const load: Loader = (c) => parse(c);\n`);
    expect(head.endsWith(`> ${fixture('deep-throw.ts')}(16)parse()\n-> throw new Error(\`cannot parse \${config.name} at depth \${depth}\`);\n`)).toBe(true);
    expectGolden('typescript.txt', (await transcript(s, ['where', 'list', 'll', 'p config', 'up', 'up', 'args', 'up', 'list 1,12'])));
  });

  it('the first-line stop is at the first statement of the .ts file, not of the compiled code', async () => {
    const { head } = await startAtFirstLine('deep-throw.ts');
    // Lines 2-12 are an interface, a type alias and an enum; the enum is the first code.
    expect(head).toMatch(new RegExp(`^> ${fixture('deep-throw.ts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((9|14|18)\\)<module>\\(\\)\\n-> `));
  });

  it("a cause's traceback, rebuilt from its stack text (which tsx already maps), shows .ts lines too", async () => {
    const { head } = await runToPrompt('cause.ts');
    const cause = head.slice(0, head.indexOf('The above exception was the direct cause'));
    expect(cause).toContain(`  File "${fixture('cause.ts')}", line 9, in start\n    listen(port);\n`);
    expect(cause).toContain(`  File "${fixture('cause.ts')}", line 5, in listen\n    throw new Error(\`port \${port} is taken\`);\nError: port 8080 is taken\n`);
  });

  it('async callers in TypeScript map to their .ts line', async () => {
    const { s } = await runToPrompt('async-reject.ts');
    expectGolden('typescript-async.txt', await transcript(s, ['where', 'up', 'list .']));
  });

  it("a decorated class's #private fields, which esbuild turns into WeakMaps, read as the source spells them", async () => {
    const { s } = await runToPrompt('private-fields.ts');
    // esbuild calls Store's #entries `_entries2` and its #entries2 `_entries22`: each is the field the source map places it on.
    expect(await transcript(s, ['p this.#entries', 'p this.#entries2', 'p #entries in this', 'p #entries in {}', 'p [key, this.#entries.get("a")]'])).toBe(
      [
        "(Pmdb) p this.#entries\nMap(1) { 'a' => 1 }\n",
        "(Pmdb) p this.#entries2\n'second field'\n",
        '(Pmdb) p #entries in this\ntrue\n',
        '(Pmdb) p #entries in {}\nfalse\n',
        `(Pmdb) p [key, this.#entries.get("a")]\n[ 'b', 1 ]\n`,
      ].join(''),
    );
    // Outside both classes, two classes' #entries: pmdb says it cannot tell rather than pick one.
    const after = await transcript(s, ['!this.#entries = null', 'up', 'p this.#entries']);
    expect(after).toContain('*** pmdb cannot assign #entries here');
    expect(after).toContain("*** pmdb cannot tell which class's #entries this is");
  });
});
