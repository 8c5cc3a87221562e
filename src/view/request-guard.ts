// Who may talk to the viewer: only the page pmdb printed the address of. The token in the path
// keeps out other local users and pages that guess the port; the Host check keeps out a page on
// another site whose name was made to point at 127.0.0.1 (DNS rebinding: Node's inspector
// CVE-2018-7160, CVE-2022-32212); the Origin check keeps out cross-site requests a browser sends
// with no answer to read (an evaluation has effects even then). The server sends no CORS header,
// so no other origin can read an answer.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The names a browser on this machine may use for the server, with its port. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export type Refusal = { status: 403; reason: string };

export interface Guard {
  token: string;
  port: number;
}

/** Why the request is refused, or undefined; `rest` is the path after the token. */
export function checkRequest(request: IncomingMessage, guard: Guard): Refusal | { rest: string } {
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${guard.port}`);
  if (!allowedHosts.includes(request.headers.host ?? '')) return refuse('Host must be this machine at this port');
  const origin = request.headers.origin;
  const evaluates = request.method !== 'GET' && request.method !== 'HEAD';
  // Browsers send Origin with every request other than a plain GET: one that evaluates must have it.
  if (origin === undefined ? evaluates : !allowedHosts.some((host) => origin === `http://${host}`)) {
    return refuse('Origin must be this page');
  }
  const path = (request.url ?? '').split('?')[0]!;
  const match = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (!match || !sameToken(match[1]!, guard.token)) return refuse('no valid token');
  return { rest: match[2] ?? '' };
}

function refuse(reason: string): Refusal {
  return { status: 403, reason };
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
