// The web viewer's server, tried with raw HTTP requests as another local user, a hostile web page
// or a rebinding DNS name would send them: each is refused, and the console can neither hang pmdb
// nor reach its process, files or environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, pageHeaders, rawRequest, startViewer, viewCrashDump, type RawResponse, type Viewer } from '../helpers/view-server.js';
import { startSession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { runPmdb } from '../helpers/run-pipe.js';

useSessions();

let viewer: Viewer;
beforeAll(async () => {
  viewer = await startViewer(await viewCrashDump());
});
afterAll(() => {
  viewer.child.kill('SIGKILL');
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(viewer.port, path, { headers: { Host: `127.0.0.1:${viewer.port}`, ...headers } });
const noCors = (r: RawResponse) => expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);

describe('pmdb view: who may ask', () => {
  it('answers the printed address, and 403 without the token or with a wrong one', async () => {
    const page = await get(`/${viewer.token}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="view.js"');
    for (const path of ['/', '/api/page', '/view.js', `/${viewer.token.slice(1)}/api/page`, `/x${viewer.token}/api/page`, `/${viewer.token.toUpperCase()}x/`]) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 403]);
      expect(r.body).not.toContain('RangeError');
    }
  });

  it('403 unless Host names this machine at this port (DNS rebinding)', async () => {
    const path = `/${viewer.token}/api/page`;
    for (const host of ['evil.example', `evil.example:${viewer.port}`, `127.0.0.1:${viewer.port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${viewer.port}`, `[::1]x:${viewer.port}`]) {
      const r = await get(path, { Host: host });
      expect([host, r.status]).toEqual([host, 403]);
    }
    expect((await get(path, { Host: `localhost:${viewer.port}` })).status).toBe(200);
  });

  it('403 for an evaluation without this page as its Origin, and for any request from another origin', async () => {
    const path = `/${viewer.token}/api/eval`;
    const body = JSON.stringify({ frame: 0, expression: 'reading.value' });
    const { Origin: _, ...noOrigin } = pageHeaders(viewer.port);
    for (const headers of [noOrigin, { ...noOrigin, Origin: 'http://evil.example' }, { ...noOrigin, Origin: `http://127.0.0.1:${viewer.port + 1}` }, { ...noOrigin, Origin: 'null' }]) {
      const r = await rawRequest(viewer.port, path, { method: 'POST', headers, body });
      expect([headers.Origin, r.status]).toEqual([headers.Origin, 403]);
      noCors(r);
    }
    const read = await get(`/${viewer.token}/api/page`, { Origin: 'http://evil.example' });
    expect(read.status).toBe(403);
    const ok = await rawRequest(viewer.port, path, { method: 'POST', headers: pageHeaders(viewer.port), body });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.preview).toBe('42');
  });

  it('sends no CORS header: a preflight is refused, and no answer allows another origin', async () => {
    const preflight = await rawRequest(viewer.port, `/${viewer.token}/api/eval`, {
      method: 'OPTIONS',
      headers: { Host: `127.0.0.1:${viewer.port}`, Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    noCors(preflight);
    for (const path of ['/', 'view.js', 'uPlot.iife.min.js', 'api/page', 'api/scopes?frame=0']) noCors(await get(`/${viewer.token}/${path.replace(/^\//, '')}`));
  });
});

describe('pmdb view: the console', () => {
  it('evaluates in the frame chosen, against its captured values', async () => {
    expect((await evaluate(viewer, 0, 'reading.value + threshold')).result?.preview).toBe('54');
    expect((await evaluate(viewer, 3, 'seen * 10')).result?.preview).toBe('20');
    expect((await evaluate(viewer, 3, 'reading')).error).toBe('ReferenceError: reading is not defined');
  });

  it('stops an expression that does not end, and still answers after', async () => {
    const started = Date.now();
    expect((await evaluate(viewer, 0, 'while (true) {}')).error).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await evaluate(viewer, 0, 'threshold')).result?.preview).toBe('12');
  });

  it('survives the promises an expression rejects and leaves unhandled', async () => {
    expect((await evaluate(viewer, 0, 'Promise.reject(new Error("x")); 1')).result?.preview).toBe('1');
    expect((await evaluate(viewer, 0, 'Promise.reject(2)')).result?.preview).toBe('Promise { <rejected> 2 }');
    expect((await evaluate(viewer, 0, 'Promise.resolve(reading)')).result?.preview).toBe('Promise { [Object] }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await evaluate(viewer, 0, 'threshold')).result?.preview).toBe('12');
  });

  it("reaches neither pmdb's process, nor its files, nor its environment", async () => {
    for (const expression of ['typeof process', 'typeof globalThis.process', 'typeof Buffer', 'typeof setTimeout', 'typeof fetch']) {
      expect([expression, (await evaluate(viewer, 0, expression)).result?.preview]).toEqual([expression, '"undefined"']);
    }
    for (const expression of [
      'reading.constructor.constructor("return process")()',
      'check.constructor("return process")()',
      '(() => {}).constructor("return process")()',
      'eval("1")',
      // The program's own require, as the dump kept it: a stand-in that refuses to be called.
      'require("node:fs")',
      'import("node:fs")',
      'new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))',
    ]) {
      const answer = await evaluate(viewer, 0, expression);
      expect([expression, answer.result]).toEqual([expression, undefined]);
      expect(answer.error).toMatch(/disallowed|loads no modules|cannot be called|WebAssembly/);
    }
  });

  it("describes what an expression made without running its getters or a Proxy's traps", async () => {
    const started = Date.now();
    const made = await evaluate(viewer, 0, '({ get slow() { for (;;) {} }, n: 1, p: new Proxy({}, { ownKeys() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } }) })');
    const children = await get(`/${viewer.token}/api/children?handle=${made.result!.handle}`);
    expect(JSON.parse(children.body).entries).toEqual([
      { name: 'slow', preview: '[Getter]', type: 'getter' },
      { name: 'n', preview: '1', type: 'number' },
      { name: 'p', preview: 'Proxy (not opened: its traps would run)', type: 'object' },
    ]);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('pmdb view: lifetime', () => {
  it('refuses what is not a dump in one line, serving nothing', async () => {
    for (const [args, message] of [
      [['view', '/nonexistent/x.pmdump'], "pmdb: cannot open '/nonexistent/x.pmdump': no such file\n"],
      [['view'], 'pmdb: usage: pmdb view FILE\n'],
      [['view', 'view-crash.js'], "pmdb: 'view-crash.js' is not a pmdb dump (not JSON, or truncated)\n"],
    ] as const) {
      const r = await runPmdb([...args]);
      expect([args, r.code, r.stderr.toString(), r.stdout.toString()]).toEqual([args, 2, message, '']);
    }
  });

  // The file's last use of its viewer.
  it('stops serving when pmdb view is stopped', async () => {
    expect((await get(`/${viewer.token}/`)).status).toBe(200);
    viewer.child.kill('SIGINT');
    expect(await viewer.exited).toBe(0);
    await expect(get(`/${viewer.token}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('view at a live prompt serves a snapshot of the stop, until pmdb exits', async () => {
    const s = startSession(['-c', 'continue', 'view-crash.js']);
    await s.prompt();
    s.send('up 3\n');
    await s.prompt();
    s.send('view\n');
    // The page opens at the prompt's frame.
    const address = /Viewing this stop \(a snapshot\) at http:\/\/127\.0\.0\.1:(\d+)\/([\w-]+)\/#frame=3\r?\n/;
    await s.expect(address);
    const [, port, token] = address.exec(s.output)!;
    const live = { port: Number(port), token: token!, url: '', child: undefined as never, exited: undefined as never };
    const page = JSON.parse((await rawRequest(live.port, `/${token}/api/page`, { headers: { Host: `127.0.0.1:${port}` } })).body);
    expect(page.exception).toBe('RangeError: reading 2 too high');
    expect(page.frames.map((f: { name: string }) => f.name)).toEqual(['check', '<anonymous>', 'each', 'scan', '<module>']);
    expect((await evaluate(live, 0, 'reading.id')).result?.preview).toBe('2');
    expect((await evaluate(live, 3, 'readings.length')).result?.preview).toBe('2');
    s.send('q\n');
    await s.exited;
    await expect(rawRequest(live.port, `/${token}/`, { headers: { Host: `127.0.0.1:${port}` } })).rejects.toThrow(/ECONNREFUSED/);
  });
});
