// pmdb checks dumps against docs/dump-format.schema.json with its own small validator
// (src/dump/json-schema.ts). Ajv, the reference implementation of JSON Schema, is the oracle: on
// real dumps and on thousands of mutated ones, both say the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { SchemaValidator, type Schema } from '../../src/dump/json-schema.js';
import { seed, seedPlaces } from '../helpers/seed-dump.js';
import { runPmdb } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { fuzzRuns, fuzzTimeout } from '../helpers/fuzz-runs.js';
import { ROOT } from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(`${ROOT}/docs/dump-format.schema.json`, 'utf8')) as Schema;
const ours = new SchemaValidator(schema, 200);
const ajv = new Ajv2020({ strict: false, allErrors: false }).compile(schema);

/** Both validators' verdicts on `data`, with ours' reason when it refuses. */
const verdicts = (data: unknown) => {
  const failure = ours.check(data);
  return { ours: failure === undefined, ajv: ajv(data), why: failure && `${failure.path} ${failure.problem}`, ajvWhy: JSON.stringify(ajv.errors?.[0]) };
};

describe('the dump schema validator', () => {
  it('agrees with Ajv on real dumps (all of them valid)', async () => {
    const dir = freshDir();
    for (const script of ['dump-crash.js', 'chain.js', 'worker-throw.js']) await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, script]);
    const files = dumpsIn(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(verdicts(JSON.parse(readFileSync(file, 'utf8')))).toMatchObject({ ours: true, ajv: true });
    expect(verdicts(seed)).toMatchObject({ ours: true, ajv: true });
  });

  const runs = fuzzRuns(2000, 100_000);
  it(`agrees with Ajv on ${runs} dumps with one part replaced by anything`, () => {
    const anything = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(-1, 0, 1.5, 2 ** 53, '', 'x', null, true, [], {}, [1], ['a', { t: 'null' }], ['a', { t: 'null' }, 3], { t: 'ref', id: -1 }, { t: 'ref', id: 1.5 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...seedPlaces.slice(1)), anything, (place, value) => {
        const dump = structuredClone(seed) as unknown as Record<string, unknown>;
        let holder = dump;
        for (const k of place.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
        holder[place[place.length - 1]!] = value;
        const v = verdicts(dump);
        expect(v.ours, `${place.join('.')} = ${JSON.stringify(value)}: ours ${v.why ?? 'valid'}, Ajv ${v.ajvWhy ?? 'valid'}`).toBe(v.ajv);
      }),
      { numRuns: runs },
    );
  }, fuzzTimeout(runs, 1));

  it('names where a document breaks the schema, in one line', () => {
    const dump = structuredClone(seed) as unknown as { frames: { scopes: { variables: unknown[][] }[] }[] };
    dump.frames[0]!.scopes[0]!.variables[1]![1] = { t: 'number', v: 'lots' };
    expect(ours.check(dump)).toEqual({ path: 'frames[0].scopes[0].variables[1][1].v', problem: 'is none of the forms the format allows' });
  });

  it('refuses a schema with a keyword it does not check, rather than ignore it', () => {
    expect(() => new SchemaValidator({ type: 'object', properties: { a: { type: 'string', maxLength: 3 } } }, 10)).toThrow(
      "schema #/properties/a: keyword 'maxLength' is not one this validator checks",
    );
    expect(() => new SchemaValidator({ $ref: '#/$defs/missing' }, 10)).toThrow("schema: $ref '#/$defs/missing' is not one of its $defs");
  });
});
