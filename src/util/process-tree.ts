// A process's descendants, found by each process's parent in /proc/PID/stat (Linux; elsewhere
// the process alone).
import { readdirSync, readFileSync } from 'node:fs';

/** The process and its descendants, parents first. */
export function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {}
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(readFileSync(`/proc/${entry}/stat`, 'utf8'))[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {}
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * The fields of /proc/PID/stat after the command's name (which may hold spaces and parentheses):
 * [0] state, [1] parent, [2] process group, [3] session, [4] terminal, [5] its foreground group.
 */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
}
