// Which names hold secrets (docs/dump-format.md, Redaction). A name is read as words, whatever
// its style (`apiKey`, `API_KEY`, `x-api-key`, `apikey`), and is secret when a word is one of
// SECRET_WORDS (or ends with one of five letters or more: PGPASSWORD), or two neighbours make one
// of SECRET_PAIRS: `author`, `tokens`, `passenger`,
// `primaryKey` or `keyboard` stay readable where a search for `auth`, `token`, `pass` or `key` in
// the text would hide them.
//
// isSecretName runs in pmdb and, as text, inside the debuggee (the serializer): it names nothing
// outside itself.
export function isSecretName(name: string): boolean {
  const SECRET_WORDS = [
    'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'auth', 'authorization',
    'cookie', 'cookies', 'credential', 'credentials', 'creds', 'signature', 'privatekey', 'accesskey', 'secretkey',
    'sessionid', 'dsn', 'sk', 'jwt', 'bearer', 'otp', 'mfa', 'totp', 'salt', 'pepper', 'cvv', 'cvc', 'ssn',
  ];
  const SECRET_PAIRS = ['api key', 'private key', 'access key', 'secret key', 'signing key', 'encryption key', 'master key', 'client key', 'session id', 'card number'];
  // The shell's working directories, not passwords.
  if (name === 'PWD' || name === 'OLDPWD') return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A word glued to another in one case (PGPASSWORD, csrftoken): a long secret word ending it.
    if (SECRET_WORDS.some((secret) => word === secret || (secret.length >= 5 && word.endsWith(secret)))) return true;
    if (i > 0 && SECRET_PAIRS.includes(`${words[i - 1]} ${words[i]}`)) return true;
  }
  return false;
}
