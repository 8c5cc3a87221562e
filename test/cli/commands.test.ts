// Command output, compared with golden transcripts (the fixture directory shown as <DIR>).
// Each golden file was checked line by line against pdb's formats (DESIGN.md §2).
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { runToPrompt, startAtFirstLine, useSessions } from '../helpers/sessions.js';
import { transcript } from '../helpers/transcript.js';

useSessions();

const atCrash = async (file: string, commands: string[]): Promise<string> => {
  const { s } = await runToPrompt(file);
  return transcript(s, commands);
};

describe('stack commands', () => {
  it('where: oldest first, > on the current frame, -> source lines', async () => {
    expectGolden('where.txt', await atCrash('inspect.js', ['where', 'up', 'bt']));
  });

  it('up / down / frame N, with the ends of the stack', async () => {
    expectGolden(
      'up-down.txt',
      await atCrash('inspect.js', ['up', 'u', 'up', 'down', 'd', 'down', 'frame 2', 'frame 0', 'frame 9', 'f 1']),
    );
  });
});

describe('source listing', () => {
  it('list: 11 lines around the current line, continuing, ranges, ., [EOF]', async () => {
    expectGolden('list.txt', await atCrash('inspect.js', ['list', '', '', 'list 1,3', 'list .', 'list 10,2', 'l 3']));
  });

  it('ll / longlist: the whole function, or the whole module at top level', async () => {
    expectGolden('longlist.txt', await atCrash('inspect.js', ['ll', 'up', 'longlist', 'up', 'll']));
  });

  it('source EXPR: a function and a class, without the current-line arrow', async () => {
    expectGolden('source.txt', await atCrash('inspect.js', ['source load', 'source Foo', 'source 42']));
  });
});

describe('values', () => {
  it('args in each frame', async () => {
    expectGolden('args.txt', await atCrash('inspect.js', ['args', 'a', 'up', 'args', 'up', 'args']));
  });

  it('p, pp, bare expressions, !statements, ;; and errors', async () => {
    expectGolden(
      'print.txt',
      await atCrash('inspect.js', [
        'p count',
        'p config',
        'pp config',
        'p registry',
        'p foo',
        'count * 2',
        'p count ;; p path',
        '!x = 5',
        'p x',
        '',
        'p nope',
        'p (() => { throw new Error("bad") })()',
        'nope',
      ]),
    );
  });

  it('whatis', async () => {
    expectGolden(
      'whatis.txt',
      await atCrash('inspect.js', ['whatis count', 'whatis load', 'whatis Foo', 'whatis registry', 'whatis foo', 'whatis path']),
    );
  });

  it('display while stepping with next', async () => {
    const { s, head } = await startAtFirstLine('step.js');
    expectGolden(
      'display.txt',
      head + (await transcript(s, ['display x', 'n', 'n', 'n', 'n', 'display', 'undisplay x', 'display', 'n'])),
    );
  });
});

describe('exceptions', () => {
  it('lists the cause chain and AggregateError members, and switches between them', async () => {
    expectGolden(
      'exceptions.txt',
      await atCrash('chain.js', ['exceptions', 'exceptions 3', 'where', 'exceptions 4', 'p stage', 'exceptions 9']),
    );
  });
});

describe('help', () => {
  it("help: pdb's column layout", async () => {
    const { s } = await startAtFirstLine('step.js');
    const out = await transcript(s, ['help']);
    expectGolden('help.txt', out);
    // Every documented command line fits in 79 columns, like cmd.Cmd.columnize.
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(79);
  });

  it('help COMMAND and unknown topics', async () => {
    const { s } = await startAtFirstLine('step.js');
    expectGolden('help-where.txt', await transcript(s, ['help where', 'h list', 'help nosuch']));
  });
});

describe('stepping', () => {
  it('next stops at every line of the module', async () => {
    const { s } = await startAtFirstLine('step.js');
    for (const line of [2, 3, 4, 5, 6]) expect(await s.run('n')).toMatch(new RegExp(`^> \\S+step\\.js\\(${line}\\)<module>\\(\\)\\n`));
  });

  it('next past the last line ends the program and restarts it', async () => {
    const { s } = await startAtFirstLine('step.js');
    let out = '';
    for (let i = 0; i < 8 && !out.includes('The program finished'); i++) out += await s.run('n');
    expect(out).toContain('total 20\n');
    expect(out).toContain('The program finished and will be restarted\n');
    expect(out).not.toContain('no JavaScript frame');
  });
});
