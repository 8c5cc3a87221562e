// Loads a dump for `pmdb open`, refusing anything that is not one: missing, unreadable, too big
// (on disk or once inflated), not JSON (or gzip of it), another format, a newer version, a
// document its schema (docs/dump-format.schema.json) refuses, a reference to an object it does
// not hold. A dump is untrusted input: loading parses data and never executes anything from it.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DUMP_FORMAT, DUMP_VERSION, type Dump } from './format.js';
import { SchemaValidator, type Schema } from './json-schema.js';
import { danglingReference } from './dump-references.js';

/**
 * The most a dump may hold, on disk and again once inflated (docs/dump-format.md, Loading): pmdb's
 * own dumps are a few MB. Inflating stops as soon as the output passes it, so a gzip bomb costs
 * this much memory at most before it is refused.
 */
export const MAX_DUMP_BYTES = 128 * 1024 * 1024;

/** How deep the schema check follows a document: a record's chain of causes is ~45 levels at most. */
const MAX_NESTING = 200;

export class DumpError extends Error {}

export function readDump(file: string): Dump {
  const text = inflated(readBounded(file), file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DumpError(`'${file}' is not a pmdb dump (not JSON, or truncated)`);
  }
  return validate(data, file);
}

/** The file's bytes, its size checked on the descriptor that is read (the file may change meanwhile). */
function readBounded(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DumpError(code === 'ENOENT' ? `cannot open '${file}': no such file` : `cannot read '${file}': ${code ?? 'error'}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DumpError(`'${file}' is not a file`);
    if (stat.size > MAX_DUMP_BYTES) throw new DumpError(`'${file}' is ${megabytes(stat.size)}: more than a pmdb dump holds (${megabytes(MAX_DUMP_BYTES)})`);
    // One byte more than allowed: a file that grew since fstat is seen to be too large.
    const bytes = Buffer.allocUnsafe(Math.min(stat.size, MAX_DUMP_BYTES) + 1);
    let length = 0;
    for (let n; length < bytes.length && (n = readSync(fd, bytes, length, bytes.length - length, null)) > 0; ) length += n;
    if (length > MAX_DUMP_BYTES) throw new DumpError(`'${file}' is more than a pmdb dump holds (${megabytes(MAX_DUMP_BYTES)})`);
    return bytes.subarray(0, length);
  } catch (err) {
    if (err instanceof DumpError) throw err;
    throw new DumpError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  } finally {
    closeSync(fd);
  }
}

function inflated(bytes: Buffer, file: string): string {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_DUMP_BYTES }).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DumpError(`'${file}' inflates to more than a pmdb dump holds (${megabytes(MAX_DUMP_BYTES)}): refused`);
    }
    throw new DumpError(`'${file}' is not a pmdb dump (a damaged gzip stream)`);
  }
}

const megabytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

let validator: SchemaValidator | undefined;

/** The schema docs/dump-format.md documents, read where it is (two levels above this module, built or not). */
function schemaValidator(): SchemaValidator {
  const schema = () => JSON.parse(readFileSync(new URL('../../docs/dump-format.schema.json', import.meta.url), 'utf8')) as Schema;
  return (validator ??= new SchemaValidator(schema(), MAX_NESTING));
}

function validate(data: unknown, file: string): Dump {
  const d = data as Partial<Dump> | null;
  if (!d || typeof d !== 'object' || d.format !== DUMP_FORMAT) throw new DumpError(`'${file}' is not a pmdb dump`);
  if (typeof d.version !== 'number') throw new DumpError(`'${file}' has no format version`);
  if (d.version > DUMP_VERSION) {
    throw new DumpError(`'${file}' is dump format version ${d.version}; this pmdb reads up to version ${DUMP_VERSION}: upgrade pmdb`);
  }
  const failure = schemaValidator().check(d);
  if (failure) throw new DumpError(`'${file}' is a damaged pmdb dump: ${failure.path} ${failure.problem}`);
  const dump = d as Dump;
  const dangling = danglingReference(dump);
  if (dangling) throw new DumpError(`'${file}' is a damaged pmdb dump: ${dangling}`);
  return withoutPrototypes(dump);
}

/**
 * The dump's maps named by text as objects without a prototype: a name the file lacks
 * (`constructor`, `__proto__`, `toString`) must read as absent, not as Object.prototype's member.
 * `objects` is named by digits only (the schema), which Object.prototype has no member for.
 */
function withoutPrototypes(dump: Dump): Dump {
  const bare = <T>(map: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, map);
  return {
    ...dump,
    sources: bare(dump.sources),
    process: { ...dump.process, env: bare(dump.process.env), memory: bare(dump.process.memory) },
  };
}
