// Finds the inspector of the process `pmdb attach`/`pmdb stacks` is pointed at: `HOST:PORT` (a
// process started with --inspect), or a PID, whose inspector pmdb opens as `node inspect -p PID`
// does, with SIGUSR1 (process._debugProcess). Node then listens on 127.0.0.1 (the host of its
// --inspect-port, 9229 unless that says otherwise) until pmdb closes it again. Every refusal is
// one line: the signal would kill a process that is not Node, and is lost on one that opted out.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { get } from 'node:http';
import * as path from 'node:path';
import { UsageError } from './args.js';

export interface FoundInspector {
  /** The WebSocket URL of the process's inspector. */
  url: string;
  /** Opened by a signal (pmdb's, or one pmdb gave up waiting on), not by --inspect: pmdb closes it again. */
  openedByPmdb: boolean;
  pid?: number;
}

/** How long a signalled process may take to open its inspector (a loaded machine took 0.1 s). */
const OPEN_TIMEOUT_MS = 5000;

export async function findInspector(spec: string): Promise<FoundInspector> {
  if (/^\d+$/.test(spec)) return openByPid(Number(spec));
  const hostPort = /^(.+):(\d+)$/.exec(spec);
  if (hostPort) return { url: await debuggerUrl(hostPort[1]!.replace(/^\[(.*)\]$/, '$1'), Number(hostPort[2]), spec), openedByPmdb: false };
  throw new UsageError(`'${spec}' is neither a process id nor HOST:PORT`);
}

async function openByPid(pid: number): Promise<FoundInspector> {
  checkOwnNodeProcess(pid);
  const options = nodeOptionsOf(pid);
  if (options.includes('--disable-sigusr1')) {
    throw new UsageError(`process ${pid} was started with --disable-sigusr1: its inspector cannot be opened from outside (start it with --inspect and use pmdb attach HOST:PORT)`);
  }
  const configured = inspectPort(options);
  const before = listeningPorts(pid);
  // Already open: by --inspect, left open as the user wants it; else by an earlier signal (one
  // that reached a blocked thread after pmdb gave up waiting), closed as pmdb closes its own.
  // --inspect with port 0 listens on a port of its own choosing: then each port the process listens on is asked.
  const byFlag = options.some((o) => /^--inspect(-brk|-wait)?(=|$)/.test(o));
  for (const open of before.filter((p) => p.port === configured || (byFlag && configured === 0))) {
    const url = await debuggerUrl(open.host, open.port, `${open.host}:${open.port}`).catch(() => undefined);
    if (url) return { url, openedByPmdb: !byFlag, pid };
  }
  process.kill(pid, 'SIGUSR1');
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  for (;;) {
    const opened = listeningPorts(pid).find((p) => !before.some((b) => b.port === p.port));
    if (opened) return { url: await debuggerUrl(opened.host, opened.port, `${opened.host}:${opened.port}`), openedByPmdb: true, pid };
    if (Date.now() > deadline) {
      // The signal stays delivered: a main thread that gets back to its event loop opens the port then.
      throw new UsageError(
        `process ${pid} did not open its inspector within ${OPEN_TIMEOUT_MS / 1000} s: its main thread is blocked in a synchronous call, or its inspector port (${configured || 'chosen at random'}) is taken; should it open later, pmdb stacks ${pid} closes it`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Refuses what SIGUSR1 would harm or cannot reach: no such process, another user's, not Node. */
function checkOwnNodeProcess(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM') throw new UsageError(`process ${pid} belongs to another user: pmdb opens only your own processes`);
    throw new UsageError(`no process ${pid}`);
  }
  if (process.platform !== 'linux') throw new UsageError('pmdb attach PID needs Linux (/proc); start the program with --inspect and use pmdb attach HOST:PORT');
  let exe: string;
  try {
    exe = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    throw new UsageError(`process ${pid} belongs to another user: pmdb opens only your own processes`);
  }
  // A process's uid: root may signal anyone, but the inspector would run as the other user.
  const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (process.getuid && uid !== undefined && Number(uid) !== process.getuid()) {
    throw new UsageError(`process ${pid} belongs to another user: pmdb opens only your own processes`);
  }
  const name = path.basename(exe.replace(/ \(deleted\)$/, ''));
  if (!/^node(js)?[-.\d]*$/i.test(name)) throw new UsageError(`process ${pid} is not a Node.js process (${name})`);
}

/** The process's Node options: its command line and its NODE_OPTIONS. */
function nodeOptionsOf(pid: number): string[] {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  let env = '';
  try {
    env = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {}
  const nodeOptions = env.split('\0').find((v) => v.startsWith('NODE_OPTIONS='))?.slice('NODE_OPTIONS='.length) ?? '';
  return [...argv.slice(1), ...nodeOptions.split(/\s+/)].filter(Boolean);
}

/** The port the inspector listens on: --inspect-port, --inspect[-brk|-wait]=[host:]port, or 9229. */
function inspectPort(options: string[]): number {
  let port = 9229;
  for (const [i, option] of options.entries()) {
    const m = /^--(?:inspect-port|debug-port|inspect|inspect-brk|inspect-wait)=(?:.*:)?(\d+)$/.exec(option);
    if (m) port = Number(m[1]);
    else if ((option === '--inspect-port' || option === '--debug-port') && /^(?:.*:)?\d+$/.test(options[i + 1] ?? '')) port = Number(/(\d+)$/.exec(options[i + 1]!)![1]);
  }
  return port;
}

/** The TCP ports the process listens on, from its socket descriptors and the kernel's tables. */
function listeningPorts(pid: number): { host: string; port: number }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {}
  }
  const found: { host: string; port: number }[] = [];
  for (const [table, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      // 0A: LISTEN.
      if (state !== '0A' || !local || !inodes.has(inode!)) continue;
      const [address, port] = local.split(':');
      found.push({ host: v6 ? (address === '00000000000000000000000001000000' ? '::1' : '::') : ipv4(address!), port: parseInt(port!, 16) });
    }
  }
  return found;
}

/** /proc/net/tcp's address: 0100007F is 127.0.0.1 (little-endian). */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

async function debuggerUrl(host: string, port: number, name: string): Promise<string> {
  let targets: { webSocketDebuggerUrl?: string }[] | undefined;
  try {
    targets = JSON.parse(await httpGet(host, port, '/json/list')) as typeof targets;
  } catch (err) {
    throw new UsageError(`no Node inspector answers at ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const url = targets?.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) throw new UsageError(`no Node inspector answers at ${name}`);
  return url;
}

function httpGet(host: string, port: number, resource: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get({ host, port, path: resource, timeout: 3000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
  });
}
