// The pending async functions of a process armed with pmdb/register (agent/pending-awaits.cts
// noted each await), as a tree from the outermost caller in: what each is awaiting, at which
// line, python's `asyncio pstree` for Node. Awaits at the same place are one node, counted: V8
// names functions and positions, not the calls, so two pending calls of one function at one
// `await` cannot be told apart.
import type { Channel } from './agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';
import type { AwaitFrame } from '../agent/pending-awaits.cjs';
import { urlToFile } from '../util/file-url.cjs';

// Runs in the paused process: the notes of pmdb/register's module, if it is loaded there.
const READ = `(() => {
  const found = Object.values(require.cache).find((m) => m && /[\\\\/]agent[\\\\/]pending-awaits\\.cjs$/.test(m.filename) && typeof m.exports.pendingAwaitFrames === 'function');
  return found ? found.exports.pendingAwaitFrames() : null;
})()`;

interface Node {
  /** `name (file:line)`, the function at its await. */
  label: string;
  file: string;
  line: number;
  count: number;
  children: Map<string, Node>;
}

/** Frames of the program: not Node's own (`node:`), not evaluated code without a file. */
const isProgram = ([, file]: AwaitFrame) => file !== '' && !file.startsWith('node:');

/**
 * Each noted await as the path from its outermost pending caller in. The first frame is the
 * function that awaits (a `then` call, a Node internal: not a pending function, dropped). Below
 * it, the callers V8 marks as awaiting, and those still running synchronously at the time (an
 * async function's first steps run inside its caller's call) that are pending themselves.
 */
function paths(stacks: AwaitFrame[][]): AwaitFrame[][] {
  const awaiting = (frames: AwaitFrame[]) => frames.find(isProgram);
  const tops = stacks.map((frames) => (frames[0] && isProgram(frames[0]) ? frames[0] : undefined));
  const pendingFunctions = new Set(tops.filter((t) => t).map((t) => `${t![0]}\0${t![1]}`));
  const result: AwaitFrame[][] = [];
  for (const [i, frames] of stacks.entries()) {
    if (!tops[i] || !awaiting(frames)) continue;
    const kept = frames.filter((f, k) => isProgram(f) && (k === 0 || f[4] || pendingFunctions.has(`${f[0]}\0${f[1]}`)));
    result.push(kept.reverse());
  }
  return result;
}

/** The lines of the tree, indented under `indent`; none when the process is not armed or awaits nothing. */
export async function pendingAwaitLines(client: Channel, scripts: ScriptTable, sourceLine: (file: string, line: number) => Promise<string | undefined>): Promise<string[]> {
  const read = await client.call('Runtime.evaluate', { expression: READ, includeCommandLineAPI: true, returnByValue: true, silent: true }).catch(() => undefined);
  const stacks = read?.result?.value as AwaitFrame[][] | null | undefined;
  if (!Array.isArray(stacks)) return [];
  const root: Node = { label: '', file: '', line: 0, count: 0, children: new Map() };
  for (const path of paths(stacks)) {
    let node = root;
    for (const [name, file, line, column] of path) {
      const at = await mapped(scripts, file, line, column);
      const label = `${name || '<module>'} (${at.file}:${at.line})`;
      let child = node.children.get(label);
      if (!child) node.children.set(label, (child = { label, file: at.file, line: at.line, count: 0, children: new Map() }));
      node = child;
    }
    node.count++;
  }
  const lines: string[] = [];
  const walk = async (node: Node, depth: number) => {
    for (const child of node.children.values()) {
      const times = child.count > 1 ? ` x${child.count}` : '';
      const source = (await sourceLine(child.file, child.line))?.trim();
      lines.push(`${'  '.repeat(depth)}${child.label}${times}${source ? `: ${source}` : ''}`);
      await walk(child, depth + 1);
    }
  };
  await walk(root, 0);
  return lines;
}

/** The TypeScript position of a generated one, when the script has a source map. */
async function mapped(scripts: ScriptTable, file: string, line: number, column: number): Promise<{ file: string; line: number }> {
  const scriptId = await scripts.findByFile(file).catch(() => undefined);
  if (!scriptId) return { file: file.startsWith('file:') ? urlToFile(file) : file, line };
  const at = scripts.position(scriptId, line - 1, column - 1);
  return { file: at.file, line: at.line };
}
