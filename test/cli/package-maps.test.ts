// Frames in an installed package whose source maps name sources it does not ship (cli-highlight,
// a dependency of pmdb: dist/theme.js.map names ../src/theme.ts): pmdb shows the installed file,
// its lines and its positions, not a file that is not there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { runNode } from '../helpers/run-pipe.js';
import { runToPrompt, useSessions } from '../helpers/sessions.js';

useSessions();

const dist = path.join(ROOT, 'node_modules', 'cli-highlight', 'dist');
const THEME = path.join(dist, 'theme.js');

it('the package ships the map, not its sources (what the other tests rely on)', () => {
  const map = JSON.parse(readFileSync(`${THEME}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown[] };
  expect(map.sources).toEqual(['../src/theme.ts']);
  expect(map.sourcesContent).toBeUndefined();
  expect(existsSync(path.join(dist, '..', 'src', 'theme.ts'))).toBe(false);
});

it('the stop, where, ll and the traceback name the installed file', async () => {
  const { s, head } = await runToPrompt('package-map.js');
  expect(head).toContain(`  File "${THEME}", line 194, in fromJson\n    for (var _i = 0, _a = Object.keys(json); _i < _a.length; _i++) {\n`);
  expect(head).toContain(`> ${THEME}(194)fromJson()\n-> for (var _i = 0, _a = Object.keys(json); _i < _a.length; _i++) {\n`);
  expect(head).not.toContain('theme.ts');
  expect(await s.run('where')).toContain(`  ${THEME}(262)parse()\n-> return fromJson(JSON.parse(json));\n`);
  expect(await s.run('ll')).toContain('192  \tfunction fromJson(json) {\n');
});

it('so does the traceback of pmdb/traceback/install', async () => {
  const r = await runNode(['--import', path.join(ROOT, 'dist', 'traceback', 'install.js'), 'package-map.js']);
  const text = r.stderr.toString();
  expect(text).toContain(`  File "${THEME}", line 262, in parse\n    return fromJson(JSON.parse(json));\n`);
  expect(text).not.toContain('theme.ts');
});
