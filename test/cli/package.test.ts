// pmdb as users get it: `npm pack`, installed into a fresh project of their own, used from that
// project's directory on its own TypeScript files. Nothing may reach back into this checkout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-pipe.js';

const JOB_TS = `interface Config { name: string; timeout?: { seconds: number } }
function load(config: Config): number {
  const label: string = config.name.toUpperCase();
  return config.timeout!.seconds * 1000;
}
load({ name: 'billing' });
`;
const TRACEBACK_TS = `import { formatException, type TracebackException } from 'pmdb/traceback';
const parse = (text: string): unknown => JSON.parse(text);
try { parse('{'); } catch (e) {
  const lines: string[] = formatException(e);
  const kind: TracebackException['excType'] = 'SyntaxError';
  console.log(lines.join('') + kind);
}
`;
const TSCONFIG = { compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, skipLibCheck: false }, files: ['traceback.ts'] };

let project = '';
const npx = (args: string[], input = ''): ReturnType<typeof runProcess> =>
  runProcess('npx', ['--no-install', ...args], { cwd: project, input, timeoutMs: 60_000 });

describe('the packed package, installed into a fresh project', () => {
  beforeAll(() => {
    const work = mkdtempSync(path.join(tmpdir(), 'pmdb-package-'));
    // dist/ is built by `npm test` before the suite; --ignore-scripts keeps pack from building again.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim();
    project = path.join(work, 'app');
    execFileSync('mkdir', [project]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball)], { cwd: project });
    writeFileSync(path.join(project, 'job.ts'), JOB_TS);
    writeFileSync(path.join(project, 'traceback.ts'), TRACEBACK_TS);
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  }, 120_000);

  it('holds no path of this checkout', () => {
    const installed = path.join(project, 'node_modules', 'pmdb');
    const files = readdirSync(installed, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expect(readFileSync(path.join(f.parentPath, f.name), 'utf8')).not.toContain(ROOT);
  });

  it('view serves the stop with the page and uPlot from the installed package', async () => {
    // Starting the server reads every file the page needs: a missing one would fail the command.
    const r = await npx(['pmdb', '-c', 'continue', 'job.ts'], 'view\nq\n');
    expect(r.stdout.toString()).toMatch(/\(Pmdb\) Viewing this stop \(a snapshot\) at http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/#frame=0\n/);
  });

  it('npx pmdb -c continue job.ts stops in the project file, TypeScript lines', async () => {
    const r = await npx(['pmdb', '-c', 'continue', 'job.ts'], 'p label\nq\n');
    const out = r.stdout.toString();
    expect(out).toContain(`> ${path.join(project, 'job.ts')}(4)load()\n-> return config.timeout!.seconds * 1000;\n`);
    expect(out).toContain("(Pmdb) 'BILLING'\n");
    expect(r.code).toBe(1);
  });

  it('pmdb run without a terminal writes a dump that pmdb open reads', async () => {
    const r = await npx(['pmdb', 'run', '--', 'node', '--import', 'tsx', 'job.ts']);
    expect(r.code).toBe(1);
    const dump = /pmdb: crash dump written to (\S+)/.exec(r.stderr.toString())?.[1];
    expect(dump).toBeDefined();
    const opened = await npx(['pmdb', 'open', dump!], 'p label\nq\n');
    expect(opened.stdout.toString()).toContain("(Pmdb) 'BILLING'\n");
  });

  it('node --import pmdb/register arms the program by the package name', async () => {
    const r = await runProcess('node', ['--import', 'pmdb/register', '--import', 'tsx', 'job.ts'], { cwd: project, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr.toString()).toMatch(/^pmdb: crash dump written to \S+job\.ts-\S+\.pmdump$/m);
  });

  it('pmdb/traceback imports with its types, and prints', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
    const r = await runProcess('node', ['--import', 'tsx', 'traceback.ts'], { cwd: project, timeoutMs: 60_000 });
    expect(r.stdout.toString()).toContain(`  File "${path.join(project, 'traceback.ts')}", line 2, in parse\n`);
    expect(r.stdout.toString()).toMatch(/SyntaxError: .*\nSyntaxError\n$/);
  });
});
