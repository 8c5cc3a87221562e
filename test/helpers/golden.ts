// Golden files: output is compared exactly after the fixture directory becomes <DIR>.
// Set PMDB_UPDATE_GOLDEN=1 to (re)write a golden file; read every line before committing it.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { FIXTURES, GOLDEN } from './paths.js';

export function normalize(text: string): string {
  return text.split(FIXTURES).join('<DIR>');
}

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  const text = normalize(actual);
  if (process.env.PMDB_UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    if (process.env.PMDB_UPDATE_GOLDEN !== '1') throw new Error(`missing golden file ${file} (run with PMDB_UPDATE_GOLDEN=1)`);
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  expect(text, `golden ${name}`).toBe(fs.readFileSync(file, 'utf8'));
}
