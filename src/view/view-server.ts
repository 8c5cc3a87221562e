// The web viewer's server: node:http on 127.0.0.1 at a port the system picks, every path under a
// random token (request-guard.ts says who else is refused and why). It serves the page, uPlot
// from the package, and a small JSON API over one dump: what the page shows first, a frame's
// scopes, a value's children, a series to plot, and an evaluation in a frame, made exactly as
// `pmdb open` makes it (DumpTarget: a realm that compiles no code, under a time limit).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Dump } from '../dump/format.js';
import { DumpTarget, dumpValueOf } from '../target/dump-target.js';
import { EvaluationError } from '../target/target.js';
import { summarizeSeries } from '../plot/series-summary.js';
import { checkRequest } from './request-guard.js';
import { pageData } from './page-data.js';
import { ValueHandles } from './value-tree.js';

/** Dot columns of a plot: the series is summarized to these (min and max of each) before it is sent. */
const PLOT_COLUMNS = 600;
const MAX_BODY = 64 * 1024;

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

interface Asset {
  type: string;
  body: Buffer;
}

/** The page's files: its own (web/, beside dist/ in the package) and uPlot's, read once. */
function loadAssets(): Map<string, Asset> {
  const web = (name: string) => readFileSync(new URL(`../../web/${name}`, import.meta.url));
  const uplot = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`uplot/dist/${name}`));
  return new Map([
    ['/', { type: 'text/html; charset=utf-8', body: web('index.html') }],
    ['/view.js', { type: 'text/javascript; charset=utf-8', body: web('view.js') }],
    ['/view.css', { type: 'text/css; charset=utf-8', body: web('view.css') }],
    ['/uPlot.iife.min.js', { type: 'text/javascript; charset=utf-8', body: uplot('uPlot.iife.min.js') }],
    ['/uPlot.min.css', { type: 'text/css; charset=utf-8', body: uplot('uPlot.min.css') }],
  ]);
}

export interface ViewServer {
  url: string;
  close(): void;
}

export async function startViewServer(dump: Dump): Promise<ViewServer> {
  const target = new DumpTarget(dump);
  const handles = new ValueHandles();
  const assets = loadAssets();
  const token = randomBytes(24).toString('base64url');
  const page = await pageData(target, dump);
  const guard = { token, port: 0 };

  const api: Record<string, (query: URLSearchParams, body: unknown) => Promise<unknown> | unknown> = {
    'GET /api/page': () => page,
    'GET /api/scopes': (query) => {
      const frame = frameIndex(query.get('frame'), target);
      const { scopes, self } = target.scopes(frame);
      return {
        scopes: scopes.map(({ type, variables }) => ({ type, variables: variables.map((v) => handles.node(v.name, dumpValueOf(v.value))) })),
        self: self && handles.node('this', dumpValueOf(self)),
      };
    },
    'GET /api/children': (query) => handles.children(Number(query.get('handle'))) ?? notFound('no such value'),
    'GET /api/series': (query) => {
      const { found, value } = handles.value(Number(query.get('handle')));
      if (!found) return notFound('no such value');
      return handles.withinLimit(() => summarizeSeries.call(value, { columns: PLOT_COLUMNS, bins: 0 }));
    },
    'POST /api/eval': async (_, body) => {
      const { frame, expression } = (body ?? {}) as { frame?: unknown; expression?: unknown };
      if (typeof expression !== 'string') throw new BadRequest('expression must be a string');
      try {
        const value = await target.evaluate(frameIndex(String(frame), target), expression);
        return { result: handles.node('', dumpValueOf(value)) };
      } catch (err) {
        if (err instanceof EvaluationError) return { error: err.message };
        throw err;
      }
    },
  };

  const server = createServer((request, response) => {
    void answer(request, response).catch((err: unknown) => {
      const status = err instanceof BadRequest ? err.status : 500;
      send(response, status, 'application/json', JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const checked = checkRequest(request, guard);
    if ('status' in checked) return send(response, checked.status, 'text/plain; charset=utf-8', `Forbidden: ${checked.reason}\n`);
    const { rest } = checked;
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    // The page's relative paths need the trailing slash.
    if (rest === '') return send(response, 302, 'text/plain', '', { Location: `/${token}/` });
    const asset = request.method === 'GET' ? assets.get(rest) : undefined;
    if (asset) return send(response, 200, asset.type, asset.body);
    const handler = api[`${request.method} ${rest}`];
    if (!handler) return send(response, 404, 'text/plain', 'Not found\n');
    let body: unknown;
    if (request.method === 'POST') {
      if (request.headers['content-type'] !== 'application/json') throw new BadRequest('JSON only');
      body = await readJson(request);
    }
    send(response, 200, 'application/json', JSON.stringify(await handler(query, body)));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  guard.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${guard.port}/${token}/`,
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}

class BadRequest extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

function notFound(message: string): never {
  throw new BadRequest(message, 404);
}

function frameIndex(text: string | null, target: DumpTarget): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n >= target.frames.length) throw new BadRequest('no such frame');
  return n;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  response.end(body);
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BadRequest('request too large', 413));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadRequest('not JSON'));
      }
    });
    request.on('error', reject);
  });
}
