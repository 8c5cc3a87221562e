// Runs Node in a child process the way users do (`node --import tsx ...`), with a clean color environment.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function runNode(args: string[], env: Record<string, string> = {}): RunResult {
  const cleanEnv = { ...process.env };
  delete cleanEnv.FORCE_COLOR;
  delete cleanEnv.NO_COLOR;
  delete cleanEnv.NODE_OPTIONS;
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...cleanEnv, ...env } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

export function runTsFixture(name: string, ...args: string[]): string {
  const result = runNode(['--import', 'tsx', FIXTURES + name, ...args]);
  if (result.status !== 0) throw new Error(`fixture ${name} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Replaces machine-specific paths so golden files hold `<fixtures>/job.ts`. */
export function withPlaceholders(text: string, paths: Record<string, string>): string {
  let result = text;
  for (const [placeholder, path] of Object.entries(paths)) result = result.split(path).join(placeholder);
  return result;
}
