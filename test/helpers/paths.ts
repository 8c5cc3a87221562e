// Where the end-to-end tests find the built CLI and their fixture programs.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const GOLDEN = path.join(ROOT, 'test', 'golden');
/** The built `pmdb/register` (what `node --require pmdb/register` loads). */
export const REGISTER = path.join(ROOT, 'dist', 'register.cjs');

/** Absolute path of a fixture file. */
export const fixture = (name: string): string => path.join(FIXTURES, name);
