// Golden tests: each fixture is a real program run under tsx; its output must match the file in golden/.
import { describe, expect, it } from 'vitest';
import { FIXTURES, runTsFixture, withPlaceholders } from './helpers/run-node.js';

const golden = (fixture: string): string => withPlaceholders(runTsFixture(fixture), { '<fixtures>/': FIXTURES });

describe('golden tracebacks', () => {
  it("prints and formats the reference document's lumberjack example", async () => {
    await expect(golden('lumberjack.ts')).toMatchFileSnapshot('golden/lumberjack.txt');
  });

  it('prints and extracts the current stack, and formats lists and bare exceptions', async () => {
    await expect(golden('lumberstack.ts')).toMatchFileSnapshot('golden/lumberstack.txt');
  });

  it('shows causes, groups, limits, cycles and odd thrown values', async () => {
    await expect(golden('chains.ts')).toMatchFileSnapshot('golden/chains.txt');
  });

  it('collapses recursion after three identical frames', async () => {
    await expect(golden('recursion.ts')).toMatchFileSnapshot('golden/recursion.txt');
  });

  it('shows where SyntaxErrors point when Node tells, as Python lays them out', async () => {
    await expect(golden('syntax-errors.ts')).toMatchFileSnapshot('golden/syntax-errors.txt');
  });

  it('draws carets for each kind of failing operation', async () => {
    await expect(golden('carets.ts')).toMatchFileSnapshot('golden/carets.txt');
  });
});
