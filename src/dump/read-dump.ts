// Loads a dump for `pmdb open`, refusing anything that is not one: missing, unreadable, too big,
// not JSON (or gzip of it), another format, a newer version, a structure that does not hold.
// Loading parses data; nothing in the file is ever executed.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DUMP_FORMAT, DUMP_VERSION, type Dump } from './format.js';

/** A dump larger than this is refused before reading: pmdb's own dumps are a few MB. */
const MAX_BYTES = 512 * 1024 * 1024;

export class DumpError extends Error {}

export function readDump(file: string): Dump {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DumpError(`cannot open '${file}': no such file`);
  }
  if (size > MAX_BYTES) throw new DumpError(`'${file}' is ${Math.round(size / 2 ** 20)} MB: too large for a pmdb dump`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new DumpError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch {
    throw new DumpError(`'${file}' is not a pmdb dump (a damaged gzip stream)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DumpError(`'${file}' is not a pmdb dump (not JSON, or truncated)`);
  }
  return validate(data, file);
}

function validate(data: unknown, file: string): Dump {
  const d = data as Partial<Dump> | null;
  if (!d || typeof d !== 'object' || d.format !== DUMP_FORMAT) throw new DumpError(`'${file}' is not a pmdb dump`);
  if (typeof d.version !== 'number') throw new DumpError(`'${file}' has no format version`);
  if (d.version > DUMP_VERSION) {
    throw new DumpError(`'${file}' is dump format version ${d.version}; this pmdb reads up to version ${DUMP_VERSION}: upgrade pmdb`);
  }
  const frames = d.frames;
  const ok =
    Array.isArray(frames) &&
    frames.every(
      (f) =>
        f && typeof f.file === 'string' && typeof f.name === 'string' && Number.isInteger(f.line) && Array.isArray(f.scopes) &&
        f.scopes.every((s) => s && Array.isArray(s.variables) && s.variables.every((v) => Array.isArray(v) && typeof v[0] === 'string')),
    ) &&
    d.objects !== null && typeof d.objects === 'object' &&
    d.sources !== null && typeof d.sources === 'object' &&
    d.exception !== null && typeof d.exception === 'object' && typeof d.exception.text === 'string' &&
    d.process !== null && typeof d.process === 'object' &&
    (d.thread === undefined || (d.thread !== null && Number.isInteger(d.thread.id) && typeof d.thread.file === 'string'));
  if (!ok) throw new DumpError(`'${file}' is a damaged pmdb dump (its structure does not hold)`);
  return d as Dump;
}
