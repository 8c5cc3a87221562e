// Checks parsed JSON against a JSON Schema (draft 2020-12), interpreting the schema as data: no
// code is generated, so checking costs no compile step at `pmdb open`'s start and the CLI
// bundle carries no validator library. It knows the keywords docs/dump-format.schema.json uses
// and refuses a schema with any other, so a keyword added to the schema cannot be silently
// ignored (test/dump/json-schema.property.test.ts checks it against Ajv, on fuzzed documents).
// Each schema is read once into a Plan, an object of one shape whose fields say what to check:
// a 50 MB dump holds ~10^6 values, each checked against several schemas.

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

/** What one schema asks, read once. */
interface Plan {
  types: string[] | undefined;
  hasConst: boolean;
  constant: unknown;
  choices: unknown[] | undefined;
  minimum: number | undefined;
  maximum: number | undefined;
  pattern: RegExp | undefined;
  ref: Plan | undefined;
  forms: Plan[] | undefined;
  /** anyOf (one form holding is enough) rather than oneOf (exactly one). */
  anyForm: boolean;
  /** Forms that one required property tells apart (`t` of a value): the form for each of its values. */
  discriminator: { property: string; forms: Map<unknown, Plan> } | undefined;
  required: string[];
  properties: Map<string, Plan> | undefined;
  additional: Plan | undefined;
  names: Plan | undefined;
  prefix: Plan[];
  items: Plan | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
}

export class SchemaValidator {
  private readonly plans = new Map<Schema, Plan>();
  private readonly rootPlan: Plan;
  /** Parts of the document found to hold so far: how far a failed alternative got. */
  private progress = 0;

  /** `maxDepth` bounds how deep the check follows the document (a crafted chain of `$ref`s). */
  constructor(
    private readonly root: Schema,
    private readonly maxDepth: number,
  ) {
    this.rootPlan = this.planOf(root, '#');
  }

  /** The first place the document breaks the schema; undefined when it holds. */
  check(data: unknown): SchemaFailure | undefined {
    const failure = this.at(this.rootPlan, data, [], 0);
    return failure && { path: pathText(failure.path), problem: failure.problem };
  }

  private planOf(schema: unknown, where: string): Plan {
    if (typeof schema !== 'object' || schema === null) throw new Error(`schema ${where}: not a schema`);
    const s = schema as Schema;
    const known = this.plans.get(s);
    if (known) return known;
    for (const keyword of Object.keys(s)) {
      if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`schema ${where}: keyword '${keyword}' is not one this validator checks`);
    }
    const plan: Plan = {
      types: s.type === undefined ? undefined : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string],
      hasConst: s.const !== undefined,
      constant: s.const,
      choices: s.enum as unknown[] | undefined,
      minimum: s.minimum as number | undefined,
      maximum: s.maximum as number | undefined,
      pattern: typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : undefined,
      ref: undefined,
      forms: undefined,
      anyForm: s.anyOf !== undefined,
      discriminator: undefined,
      required: (s.required as string[] | undefined) ?? [],
      properties: undefined,
      additional: undefined,
      names: undefined,
      prefix: [],
      items: undefined,
      minItems: s.minItems as number | undefined,
      maxItems: s.maxItems as number | undefined,
    };
    // Known before its parts are read: a $ref may lead back to it (a record's cause is a record).
    this.plans.set(s, plan);
    if (s.$ref !== undefined) plan.ref = this.planOf(this.resolve(s.$ref), String(s.$ref));
    const forms = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    if (forms) {
      plan.forms = forms.map((f, i) => this.planOf(f, `${where}/${plan.anyForm ? 'anyOf' : 'oneOf'}/${i}`));
      plan.discriminator = discriminatorOf(plan.forms);
    }
    if (s.properties !== undefined) {
      plan.properties = new Map(Object.entries(s.properties as object).map(([k, sub]) => [k, this.planOf(sub, `${where}/properties/${k}`)]));
    }
    if (s.additionalProperties !== undefined) plan.additional = this.planOf(s.additionalProperties, `${where}/additionalProperties`);
    if (s.propertyNames !== undefined) plan.names = this.planOf(s.propertyNames, `${where}/propertyNames`);
    if (s.prefixItems !== undefined) plan.prefix = (s.prefixItems as unknown[]).map((p, i) => this.planOf(p, `${where}/prefixItems/${i}`));
    if (s.items !== undefined) plan.items = this.planOf(s.items, `${where}/items`);
    for (const [k, sub] of Object.entries((s.$defs as object | undefined) ?? {})) this.planOf(sub, `${where}/$defs/${k}`);
    return plan;
  }

  private resolve(ref: unknown): Schema {
    const m = typeof ref === 'string' ? /^#\/\$defs\/([\w-]+)$/.exec(ref) : null;
    const defs = this.root.$defs as Record<string, Schema> | undefined;
    const target = m && defs && Object.hasOwn(defs, m[1]!) ? defs[m[1]!] : undefined;
    if (!target) throw new Error(`schema: $ref '${String(ref)}' is not one of its $defs`);
    return target;
  }

  /** Checks `data` one level down, at `part` of the path (the path is one array, grown and shrunk). */
  private below(plan: Plan, data: unknown, path: (string | number)[], part: string | number, depth: number): Found | undefined {
    path.push(part);
    const failure = this.at(plan, data, path, depth + 1);
    path.pop();
    return failure;
  }

  private at(plan: Plan, data: unknown, path: (string | number)[], depth: number): Found | undefined {
    const problem = this.problemHere(plan, data, depth);
    if (problem !== undefined) return { path: [...path], problem };
    if (plan.ref) {
      const failure = this.at(plan.ref, data, path, depth + 1);
      if (failure) return failure;
    }
    if (plan.forms) {
      const failure = this.alternatives(plan, plan.forms, data, path, depth);
      if (failure) return failure;
    }
    const failure = Array.isArray(data)
      ? this.array(plan, data, path, depth)
      : isType(data, 'object') ? this.object(plan, data as Record<string, unknown>, path, depth) : undefined;
    if (!failure) this.progress++;
    return failure;
  }

  /** What is wrong with `data` itself (not its parts), in words; undefined when nothing is. */
  private problemHere(plan: Plan, data: unknown, depth: number): string | undefined {
    if (depth > this.maxDepth) return `nested deeper than ${this.maxDepth} levels`;
    const types = plan.types;
    if (types !== undefined && !(types.length === 1 ? isType(data, types[0]!) : types.some((t) => isType(data, t)))) return `must be ${types.join(' or ')}`;
    if (plan.hasConst && data !== plan.constant) return `must be ${JSON.stringify(plan.constant)}`;
    if (plan.choices !== undefined && !plan.choices.includes(data)) return `must be one of ${plan.choices.map((e) => JSON.stringify(e)).join(', ')}`;
    if (typeof data === 'number') {
      if (plan.minimum !== undefined && data < plan.minimum) return `must be at least ${plan.minimum}`;
      if (plan.maximum !== undefined && data > plan.maximum) return `must be at most ${plan.maximum}`;
    }
    if (plan.pattern !== undefined && typeof data === 'string' && !plan.pattern.test(data)) return 'is not in the form the format gives';
    return undefined;
  }

  private alternatives(plan: Plan, forms: Plan[], data: unknown, path: (string | number)[], depth: number): Found | undefined {
    const discriminator = plan.discriminator;
    if (discriminator && isType(data, 'object') && Object.hasOwn(data as object, discriminator.property)) {
      const form = discriminator.forms.get((data as Record<string, unknown>)[discriminator.property]);
      if (form) return this.at(form, data, path, depth + 1);
    }
    let holding = 0;
    let closest: Found | undefined;
    let closestProgress = -1;
    for (const form of forms) {
      const before = this.progress;
      const failure = this.at(form, data, path, depth + 1);
      if (!failure) {
        if (plan.anyForm) return undefined;
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

  private array(plan: Plan, data: unknown[], path: (string | number)[], depth: number): Found | undefined {
    if (plan.minItems !== undefined && data.length < plan.minItems) return { path: [...path], problem: `must have at least ${plan.minItems} items` };
    if (plan.maxItems !== undefined && data.length > plan.maxItems) return { path: [...path], problem: `must have at most ${plan.maxItems} items` };
    const prefix = plan.prefix;
    for (let i = 0; i < data.length; i++) {
      const item = i < prefix.length ? prefix[i] : plan.items;
      if (!item) continue;
      const failure = this.below(item, data[i], path, i, depth);
      if (failure) return failure;
    }
    return undefined;
  }

  private object(plan: Plan, data: Record<string, unknown>, path: (string | number)[], depth: number): Found | undefined {
    for (const key of plan.required) {
      if (!Object.hasOwn(data, key)) return { path: [...path], problem: `lacks '${key}'` };
    }
    const { properties, names, additional } = plan;
    if (!properties && !names && !additional) return undefined;
    for (const key of Object.keys(data)) {
      if (names) {
        const failure = this.below(names, key, path, key, depth);
        if (failure) return { path: failure.path, problem: `(a name) ${failure.problem}` };
      }
      const sub = properties?.get(key) ?? additional;
      if (!sub) continue;
      const failure = this.below(sub, data[key], path, key, depth);
      if (failure) return failure;
    }
    return undefined;
  }
}

/**
 * Forms that all require one property and give it values no other form gives: the value of that
 * property picks the one form to check, as it would be the only one to hold (a value has seven forms).
 */
function discriminatorOf(forms: Plan[]): Plan['discriminator'] {
  for (const property of forms[0]?.required ?? []) {
    const byValue = new Map<unknown, Plan>();
    const disjoint = forms.every((form) => {
      const sub = form.required.includes(property) ? form.properties?.get(property) : undefined;
      const values = sub?.hasConst ? [sub.constant] : sub?.choices;
      if (!values || values.some((v) => byValue.has(v) || (typeof v === 'object' && v !== null))) return false;
      values.forEach((v) => byValue.set(v, form));
      return true;
    });
    if (disjoint) return { property, forms: byValue };
  }
  return undefined;
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
