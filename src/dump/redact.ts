// Redaction of a dump as a whole (docs/dump-format.md, Redaction). The serializer withholds the
// values of secret names where it finds them; this removes those values wherever else the dump
// holds them (embedded sources, messages, stack text, other values, argv, the environment), and
// every credential its shape gives away, whatever it is named: JSON Web Tokens, cloud and
// service keys, `Bearer ...` headers, passwords in URLs, private key blocks.
import type { Dump } from './format.js';
import { isSecretName } from './secret-names.cjs';

export const REDACTED = '<redacted>';

/**
 * Withheld values shorter than this are withheld where their name is, not searched for elsewhere:
 * removing every `admin` or `none` from the sources would hide code, not secrets.
 */
export const MIN_SEARCHED_LENGTH = 6;

/** Credentials by their shape; where a group is given, only that group is the secret. */
const SHAPES: { pattern: RegExp; secret?: number }[] = [
  { pattern: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g }, // JSON Web Token
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g }, // AWS access key id
  { pattern: /(aws.{0,20}?secret.{0,20}?[=:'"\s]+)([A-Za-z0-9/+]{40})\b/gi, secret: 2 }, // AWS secret access key
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_\w{22,}/g }, // GitHub
  { pattern: /\bglpat-[\w-]{20,}/g }, // GitLab
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g }, // Slack
  { pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/g }, // Stripe
  { pattern: /\bsk-(?:proj-|ant-(?:api\d+-)?)?[\w-]{20,}/g }, // OpenAI, Anthropic
  { pattern: /\bAIza[\w-]{35}\b/g }, // Google API key
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/g }, // npm
  { pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/g }, // SendGrid
  { pattern: /-----BEGIN[A-Z ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY( BLOCK)?-----|$)/g }, // PEM
  { pattern: /(\b(?:Bearer|Basic|Token|Digest)\s+)([\w.~+/=-]{8,})/g, secret: 2 }, // Authorization header values
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`]*:)([^\s@/'"`]+)(?=@)/gi, secret: 2 }, // URL user:password@
];

/** Any of the shapes, case aside: one scan tells the few strings that hold one from the many that do not. */
const ANY_SHAPE = new RegExp(SHAPES.map(({ pattern }) => pattern.source).join('|'), 'i');

/** `text` with every withheld value and every credential shape replaced by `<redacted>`. */
export function redactText(text: string, withheld: readonly string[]): string {
  // Most of a dump's strings are its own words (`ref`, `string`, `object`): too short to hold any.
  if (text.length < MIN_SEARCHED_LENGTH) return text;
  let out = text;
  for (const secret of withheld) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  if (!ANY_SHAPE.test(out)) return out;
  for (const { pattern, secret } of SHAPES) {
    out = out.replace(pattern, (_whole, ...groups: unknown[]) => {
      if (secret === undefined) return REDACTED;
      const parts = groups.slice(0, secret) as (string | undefined)[];
      return `${parts.slice(0, -1).join('')}${REDACTED}`;
    });
  }
  return out;
}

/**
 * The process facts with secret-named environment variables and command-line values withheld
 * (`--password=x`, `--token x`); the values withheld join `withheld`.
 */
export function redactProcess(facts: Dump['process'], withheld: string[]): Dump['process'] {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(facts.env)) {
    if (isSecretName(key)) withheld.push(value);
    env[key] = isSecretName(key) ? REDACTED : value;
  }
  const argv = [...facts.argv];
  for (let i = 0; i < argv.length; i++) {
    const option = /^(--?[\w.-]+)(=(.*))?$/s.exec(argv[i]!);
    if (!option || !isSecretName(option[1]!.replace(/^-+/, ''))) continue;
    if (option[2] !== undefined) {
      withheld.push(option[3]!);
      argv[i] = `${option[1]}=${REDACTED}`;
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) {
      withheld.push(argv[i + 1]!);
      argv[++i] = REDACTED;
    }
  }
  return { ...facts, argv, env };
}

/**
 * The dump's own words, which say how to read it rather than what the program held: an object's
 * id (a key of `objects`), a value's form (`t`), an object's kind, and the numbers text, where a
 * withheld `123456` would cut numbers in two and leave a dump its schema refuses.
 */
const STRUCTURE = new Set(['t', 'kind', 'numbers']);

/** Every string of the dump but its structure, keys included, through redactText: a value withheld anywhere is gone everywhere. */
export function redactEverywhere(dump: Dump, withheld: readonly string[]): Dump {
  // Longest first: a secret that contains another is removed whole.
  const searched = [...new Set(withheld)].filter((s) => s.length >= MIN_SEARCHED_LENGTH && s !== REDACTED).sort((a, b) => b.length - a.length);
  const walk = (v: unknown, keepKeys = false): unknown => {
    if (typeof v === 'string') return redactText(v, searched);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, x] of Object.entries(v)) {
        const name = keepKeys ? key : redactText(key, searched);
        const value = STRUCTURE.has(key) ? x : walk(x, x === dump.objects);
        // A key named __proto__ stays a key, as JSON.parse made it.
        if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        else out[name] = value;
      }
      return out;
    }
    return v;
  };
  return walk(dump) as Dump;
}
