// Redaction: a corpus of secrets, placed where programs keep them (variables, object keys, a
// request's headers on an error, the error's message, string literals in the code, argv, the
// environment), and harmless look-alikes. Each secret is gone from every string of the dump,
// keys included, unless --no-redact; each look-alike stays readable.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPmdb } from '../helpers/run-pipe.js';
import { PROMPT } from '../helpers/pty-session.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { isSecretName } from '../../src/dump/secret-names.cjs';

/** Secrets by their name: [name, value]. */
const BY_NAME: [string, string][] = [
  ['password', 'Tr0ub4dor-and-3'], ['passwd', 'passwd-value-1'], ['pwd', 'pwd-value-22'], ['pass', 'pass-value-333'],
  ['passphrase', 'correct horse battery staple'], ['clientSecret', 'client-secret-4444'], ['api_key', 'apikey-value-55555'],
  ['apiKey', 'apiKey-value-666'], ['x-api-key', 'x-api-key-77777'], ['accessToken', 'access-token-888'],
  ['refresh_token', 'refresh-token-999'], ['authorization', 'Custom sekrit-header-1'], ['cookie', 'session=cookie-value-1'],
  ['privateKey', 'private-key-value-2'], ['private_key', 'private-key-value-3'], ['sessionId', 'session-id-value-4'],
  ['credentials', 'cred-value-5'], ['STRIPE_SK', 'stripe-sk-value-6'], ['SENTRY_DSN', 'https://abc123def@o1.ingest.sentry.io/77'],
  ['signature', 'sig-value-7777'], ['secret', 'plain-secret-88'], ['auth', 'user:auth-value-9'],
];

/** Secrets by their shape, kept under harmless names: [what, value, the part that must go]. */
const BY_SHAPE: [string, string, string][] = [
  ['a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['an AWS secret access key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['a Bearer header', 'Bearer ya29.a0AfH6SMBx-token-value', 'ya29.a0AfH6SMBx-token-value'],
  ['a Basic header', 'Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
  ['a URL with a password', 'postgres://app:S3cr3t-pw@db.internal:5432/prod', 'S3cr3t-pw'],
  ['a GitHub token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
  ['a Slack token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
  ['a Stripe key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ['an OpenAI key', 'sk-proj-abcdefghijklmnopqrstuvwx1234', 'sk-proj-abcdefghijklmnopqrstuvwx1234'],
  ['a Google API key', 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'],
  ['an npm token', 'npm_abcdefghijklmnopqrstuvwxyz0123456789', 'npm_abcdefghijklmnopqrstuvwxyz0123456789'],
  ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98z\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7bq98z'],
];

/** Secrets from outside the program's code: argv and the environment. */
const ARGV = ['--password=argv-pass-123', '--token', 'argv-token-456'];
const ENV = { DATABASE_URL: 'postgres://u:env-db-pass@h/db', MY_API_TOKEN: 'env-token-value', GITHUB_TOKEN: 'env-github-token-1', PGPASSWORD: 'env-pg-password' };
const SECRETS = [
  ...BY_NAME.map(([, v]) => v), ...BY_SHAPE.map(([, , part]) => part),
  'argv-pass-123', 'argv-token-456', 'env-db-pass', 'env-token-value', 'env-github-token-1', 'env-pg-password',
];

/** Look-alikes that hold nothing secret: [name, value]. */
const HARMLESS: [string, string][] = [
  ['author', 'Jane Austen'], ['authority', 'example-authority'], ['tokens', 'lexer-tokens'], ['maxTokens', 'max-tokens-4096'],
  ['passenger', 'Ford Prefect'], ['bypass', 'bypass-cache'], ['compass', 'north-north-west'], ['primaryKey', 'user_id_column'],
  ['keyboard', 'dvorak-layout'], ['monkey', 'banana-split'], ['secretary', 'Miss Moneypenny'], ['tokenizer', 'wordpiece-v2'],
  ['publicKey', 'ssh-ed25519-public-part'], ['noteUrl', 'https://user@example.com/a:b'], ['shortBase64', 'eyJub3QiOiJqd3QifQ'],
  ['headline', 'Bearer of bad news'],
];
const HARMLESS_ENV = { PWD: '/srv/app-working-dir', EDITOR: 'vim-editor-choice' };

function corpusProgram(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-secrets-'));
  const file = path.join(dir, 'leaky.js');
  const entries = (pairs: [string, string][]) => pairs.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n');
  writeFileSync(file, [
    '// A service that crashes holding every kind of secret: every literal below is in the dump\'s copy of this file too.',
    `const byName = {\n${entries(BY_NAME)}\n};`,
    `const notes = ${JSON.stringify(BY_SHAPE.map(([, v]) => v), null, 2)};`,
    `const harmless = {\n${entries(HARMLESS)}\n};`,
    `const password = ${JSON.stringify(BY_NAME[0]![1])};`,
    'function call(job, extra) {',
    "  const err = new Error(`login failed for ${job.passwd} with ${notes[0]} at ${notes[5]}`);",
    '  err.config = { headers: { Authorization: notes[3], cookie: job.cookie } };',
    '  throw err;',
    '}',
    'call(byName, harmless);',
    '',
  ].join('\n'));
  return file;
}

/** Every string of a dump, keys too, as one text (JSON's escapes undone). */
function stringsOf(file: string): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(k), walk(x);
  };
  walk(JSON.parse(readFileSync(file, 'utf8')));
  return out.join('\u0000');
}

async function dumpOf(program: string, extra: string[] = []): Promise<string> {
  const dir = freshDir();
  await runPmdb(['run', '--dump-dir', dir, ...extra, '--', process.execPath, program, ...ARGV], { env: { ...ENV, ...HARMLESS_ENV } });
  const [file] = dumpsIn(dir);
  return stringsOf(file!);
}

describe('redaction', () => {
  it(`the corpus: ${SECRETS.length} secrets and ${HARMLESS.length + 2} look-alikes`, () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(30);
    for (const [name] of BY_NAME) expect(isSecretName(name), name).toBe(true);
    for (const [name] of HARMLESS) expect(isSecretName(name), name).toBe(false);
  });

  it('removes every secret from every string of the dump, sources, message and stack text included; look-alikes stay', async () => {
    const text = await dumpOf(corpusProgram());
    for (const secret of SECRETS) expect(text.includes(secret), `${secret} is still in the dump`).toBe(false);
    for (const [, value] of HARMLESS) expect(text.includes(value), `${value} was redacted`).toBe(true);
    for (const value of Object.values(HARMLESS_ENV)) expect(text.includes(value), `${value} was redacted`).toBe(true);
    // What is left of a redacted URL and header still says what they were.
    expect(text).toContain('postgres://app:<redacted>@db.internal:5432/prod');
    expect(text).toContain('Error: login failed for <redacted> with <redacted> at postgres://app:<redacted>@db.internal:5432/prod');
  });

  it('--no-redact keeps every secret', async () => {
    const text = await dumpOf(corpusProgram(), ['--no-redact']);
    for (const secret of SECRETS) expect(text.includes(secret), `${secret} is not in the dump`).toBe(true);
  });

  it("a withheld value that is also a number in the program's arrays leaves the dump readable: numbers and ids are the dump's structure", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-secrets-'));
    const program = path.join(dir, 'pin.js');
    writeFileSync(program, "const password = '123456';\nconst samples = [1, 123456, 7];\nnull.go(password, samples);\n");
    const dumps = freshDir();
    await runPmdb(['run', '--dump-dir', dumps, '--', process.execPath, program]);
    const r = await runPmdb(['open', dumpsIn(dumps)[0]!], { input: 'p samples\np password\nl 1, 2\nq\n' });
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString().split(PROMPT).slice(1)).toEqual([
      '[ 1, 123456, 7 ]\n',
      "'<redacted>'\n",
      "  1  \tconst password = '<redacted>';\n  2  \tconst samples = [1, <redacted>, 7];\n",
      '',
    ]);
  });
});
