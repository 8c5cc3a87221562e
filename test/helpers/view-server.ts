// The web viewer from the outside: a dump of view-crash.js served by `pmdb view`, and raw HTTP
// requests to it with any header a test chooses (Host, Origin), as an attacker's would be sent.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { runPmdb } from './run-pipe.js';
import { dumpsIn, freshDir } from './dumps.js';
import { CLI, FIXTURES } from './paths.js';
import { baseEnv } from './env.js';

/** `pmdb run` view-crash.js into a fresh directory: its dump's path. */
export async function viewCrashDump(): Promise<string> {
  const dir = freshDir();
  await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, 'view-crash.js']);
  const [dump] = dumpsIn(dir);
  if (!dump) throw new Error('view-crash.js left no dump');
  return dump;
}

export interface Viewer {
  child: ChildProcess;
  /** The printed address: http://127.0.0.1:PORT/TOKEN/ */
  url: string;
  port: number;
  token: string;
  exited: Promise<number | null>;
}

/** `pmdb view FILE`, once it printed where it serves. */
export function startViewer(dump: string): Promise<Viewer> {
  const child = spawn(process.execPath, [CLI, 'view', dump], { cwd: FIXTURES, env: { ...baseEnv(), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pmdb view printed no address: ${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/([\w-]+)\/)\n/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, url: m[1]!, port: Number(m[2]), token: m[3]!, exited });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => reject(new Error(`pmdb view exited: ${output}`)));
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to 127.0.0.1:port with exactly these headers (Host included). */
export function rawRequest(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers a same-origin page sends with an evaluation. */
export const pageHeaders = (port: number): Record<string, string> => ({
  Host: `127.0.0.1:${port}`,
  Origin: `http://127.0.0.1:${port}`,
  'Content-Type': 'application/json',
});

/** An evaluation in `frame`, as the page's console sends it: the parsed answer. */
export async function evaluate(viewer: Viewer, frame: number, expression: string): Promise<{ result?: { preview: string; handle?: number }; error?: string }> {
  const r = await rawRequest(viewer.port, `/${viewer.token}/api/eval`, { method: 'POST', headers: pageHeaders(viewer.port), body: JSON.stringify({ frame, expression }) });
  if (r.status !== 200) throw new Error(`eval answered ${r.status}: ${r.body}`);
  return JSON.parse(r.body);
}
