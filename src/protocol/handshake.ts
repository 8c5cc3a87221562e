// The first line on the private channel: an agent proves that pmdb armed it by the secret pmdb
// put in its config (docs/security.md). Until it has, the front end reads nothing else from it.

/** Hex digits of a secret: 32 random bytes. */
export const SECRET_LENGTH = 64;

/** What an agent writes first, before any message. */
export const handshakeLine = (secret: string): string => JSON.stringify({ pmdb: secret }) + '\n';
