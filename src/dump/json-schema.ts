// Checks parsed JSON against a JSON Schema (draft 2020-12), interpreting the schema as data: no
// code is generated, so checking costs no compile step at `pmdb open`'s start and the CLI
// bundle carries no validator library. It knows the keywords docs/dump-format.schema.json uses
// and refuses a schema with any other, so a keyword added to the schema cannot be silently
// ignored (test/dump/json-schema.test.ts checks it against Ajv, on fuzzed documents).

export type Schema = { [keyword: string]: unknown };

/** Keywords that only describe: nothing to check. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const CHECKED = new Set([
  'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'propertyNames', 'items', 'prefixItems',
  'minItems', 'maxItems', 'minimum', 'maximum', 'pattern', 'anyOf', 'oneOf', '$ref',
]);

/** Where a document breaks its schema, and how: `frames[0].line: must be integer`. */
export interface SchemaFailure {
  path: string;
  problem: string;
}

/** A failure as found: its path is made text only if it is the one reported (most are alternatives tried). */
interface Found {
  path: (string | number)[];
  problem: string;
}

export class SchemaValidator {
  private readonly patterns = new Map<string, RegExp>();
  private readonly refs = new Map<string, Schema>();
  /** anyOf/oneOf lists whose forms a property tells apart (`t` of a value): the form for each of its values. */
  private readonly discriminated = new Map<Schema[], { property: string; forms: Map<unknown, Schema> }>();
  /** Parts of the document found to hold so far: how far a failed alternative got. */
  private progress = 0;

  /** `maxDepth` bounds how deep the check follows the document (a crafted chain of `$ref`s). */
  constructor(
    private readonly root: Schema,
    private readonly maxDepth: number,
  ) {
    this.knowAll(root, '#');
  }

  /** The first place the document breaks the schema; undefined when it holds. */
  check(data: unknown): SchemaFailure | undefined {
    const failure = this.at(this.root, data, [], 0);
    return failure && { path: pathText(failure.path), problem: failure.problem };
  }

  /** Checks `data` one level down, at `part` of the path (the path is one array, grown and shrunk). */
  private below(schema: Schema, data: unknown, path: (string | number)[], part: string | number, depth: number): Found | undefined {
    path.push(part);
    const failure = this.at(schema, data, path, depth + 1);
    path.pop();
    return failure;
  }

  private knowAll(schema: unknown, where: string): void {
    if (typeof schema !== 'object' || schema === null) throw new Error(`schema ${where}: not a schema`);
    for (const [keyword, sub] of Object.entries(schema)) {
      if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`schema ${where}: keyword '${keyword}' is not one this validator checks`);
      if (keyword === '$defs' || keyword === 'properties') for (const [k, s] of Object.entries(sub as object)) this.knowAll(s, `${where}/${keyword}/${k}`);
      if (['additionalProperties', 'propertyNames', 'items'].includes(keyword)) this.knowAll(sub, `${where}/${keyword}`);
      if (['prefixItems', 'anyOf', 'oneOf'].includes(keyword)) (sub as unknown[]).forEach((s, i) => this.knowAll(s, `${where}/${keyword}/${i}`));
      if (keyword === 'anyOf' || keyword === 'oneOf') this.discriminate(sub as Schema[]);
      if (keyword === '$ref') this.refs.set(sub as string, this.resolve(sub));
      if (keyword === 'pattern') this.patterns.set(sub as string, new RegExp(sub as string, 'u'));
    }
  }

  /**
   * Forms that all require one property and give it values no other form gives: the value of that
   * property picks the one form to check, as it would be the only one to hold (a value has seven forms).
   */
  private discriminate(forms: Schema[]): void {
    const candidates = forms.map((f) => new Set((f.required as string[] | undefined) ?? []));
    for (const property of candidates[0] ?? []) {
      const byValue = new Map<unknown, Schema>();
      const disjoint = forms.every((form, i) => {
        const sub = candidates[i]!.has(property) ? (form.properties as Record<string, Schema> | undefined)?.[property] : undefined;
        const values = sub?.const !== undefined ? [sub.const] : Array.isArray(sub?.enum) ? sub.enum : undefined;
        if (!values || values.some((v) => byValue.has(v) || (typeof v === 'object' && v !== null))) return false;
        values.forEach((v) => byValue.set(v, form));
        return true;
      });
      if (disjoint) return void this.discriminated.set(forms, { property, forms: byValue });
    }
  }

  private resolve(ref: unknown): Schema {
    const m = typeof ref === 'string' ? /^#\/\$defs\/([\w-]+)$/.exec(ref) : null;
    const defs = this.root.$defs as Record<string, Schema> | undefined;
    const target = m && defs && Object.hasOwn(defs, m[1]!) ? defs[m[1]!] : undefined;
    if (!target) throw new Error(`schema: $ref '${String(ref)}' is not one of its $defs`);
    return target;
  }

  private at(schema: Schema, data: unknown, path: (string | number)[], depth: number): Found | undefined {
    const problem = this.problemHere(schema, data, depth);
    if (problem !== undefined) return { path: [...path], problem };
    if (schema.$ref !== undefined) {
      const failure = this.at(this.refs.get(schema.$ref as string)!, data, path, depth + 1);
      if (failure) return failure;
    }
    if (schema.anyOf !== undefined || schema.oneOf !== undefined) {
      const failure = this.alternatives(schema, data, path, depth);
      if (failure) return failure;
    }
    const failure = Array.isArray(data)
      ? this.array(schema, data, path, depth)
      : isType(data, 'object') ? this.object(schema, data as Record<string, unknown>, path, depth) : undefined;
    if (!failure) this.progress++;
    return failure;
  }

  /** What is wrong with `data` itself (not its parts), in words; undefined when nothing is. */
  private problemHere(schema: Schema, data: unknown, depth: number): string | undefined {
    if (depth > this.maxDepth) return `nested deeper than ${this.maxDepth} levels`;
    const type = schema.type;
    if (type !== undefined && !(Array.isArray(type) ? type.some((t: string) => isType(data, t)) : isType(data, type as string))) {
      return `must be ${Array.isArray(type) ? type.join(' or ') : String(type)}`;
    }
    if (schema.const !== undefined && data !== schema.const) return `must be ${JSON.stringify(schema.const)}`;
    if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(data)) return `must be one of ${(schema.enum as unknown[]).map((e) => JSON.stringify(e)).join(', ')}`;
    if (typeof data === 'number') {
      if (typeof schema.minimum === 'number' && data < schema.minimum) return `must be at least ${schema.minimum}`;
      if (typeof schema.maximum === 'number' && data > schema.maximum) return `must be at most ${schema.maximum}`;
    }
    if (typeof data === 'string' && typeof schema.pattern === 'string' && !this.patterns.get(schema.pattern)!.test(data)) return 'is not in the form the format gives';
    return undefined;
  }

  private alternatives(schema: Schema, data: unknown, path: (string | number)[], depth: number): Found | undefined {
    const any = schema.anyOf !== undefined;
    const choices = (any ? schema.anyOf : schema.oneOf) as Schema[];
    const discriminated = this.discriminated.get(choices);
    if (discriminated && isType(data, 'object')) {
      const value = (data as Record<string, unknown>)[discriminated.property];
      const form = Object.hasOwn(data as object, discriminated.property) ? discriminated.forms.get(value) : undefined;
      if (form) return this.at(form, data, path, depth + 1);
    }
    let holding = 0;
    let closest: Found | undefined;
    let closestProgress = -1;
    for (const choice of choices) {
      const before = this.progress;
      const failure = this.at(choice, data, path, depth + 1);
      if (!failure) {
        if (any) return undefined;
        holding++;
      } else if (this.progress - before > closestProgress) {
        closest = failure;
        closestProgress = this.progress - before;
      }
    }
    if (holding === 1) return undefined;
    if (holding > 1) return { path: [...path], problem: 'matches more than one of the forms the format allows' };
    // The form whose checks held longest (`t` matched, then `v` did not) says best what is wrong.
    return closest && closestProgress > 0 ? closest : { path: [...path], problem: 'is none of the forms the format allows' };
  }

  private array(schema: Schema, data: unknown[], path: (string | number)[], depth: number): Found | undefined {
    if (typeof schema.minItems === 'number' && data.length < schema.minItems) return { path: [...path], problem: `must have at least ${schema.minItems} items` };
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) return { path: [...path], problem: `must have at most ${schema.maxItems} items` };
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
    for (let i = 0; i < data.length; i++) {
      const item = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined);
      if (!item) continue;
      const failure = this.below(item, data[i], path, i, depth);
      if (failure) return failure;
    }
    return undefined;
  }

  private object(schema: Schema, data: Record<string, unknown>, path: (string | number)[], depth: number): Found | undefined {
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!Object.hasOwn(data, key)) return { path: [...path], problem: `lacks '${key}'` };
    }
    const properties = schema.properties as Record<string, Schema> | undefined;
    const names = schema.propertyNames as Schema | undefined;
    const others = schema.additionalProperties as Schema | undefined;
    for (const key of Object.keys(data)) {
      if (names) {
        const failure = this.below(names, key, path, key, depth);
        if (failure) return { path: failure.path, problem: `(a name) ${failure.problem}` };
      }
      const sub = properties && Object.hasOwn(properties, key) ? properties[key] : others;
      if (!sub) continue;
      const failure = this.below(sub, data[key], path, key, depth);
      if (failure) return failure;
    }
    return undefined;
  }
}

function isType(data: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'array':
      return Array.isArray(data);
    case 'integer':
      return Number.isInteger(data);
    case 'null':
      return data === null;
    default:
      return typeof data === type;
  }
}

/** `frames[0].scopes`, names and paths kept short: they come from the file. */
function pathText(path: (string | number)[]): string {
  if (path.length > 10) return `${pathText(path.slice(0, 5))} ... (${path.length - 8} more) ... ${pathText(path.slice(-3)).replace(/^(?=\w)/, '.')}`;
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else {
      const name = part.length > 40 ? `${part.slice(0, 40)}...` : part;
      text += /^[A-Za-z_$][\w$]*$/.test(name) ? `${text ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return text || 'the document';
}
