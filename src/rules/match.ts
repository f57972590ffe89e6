/**
 * Structural matching of a pattern (`PNode`s) against a file's tree: node types, the
 * significant children of src/rules/shape.ts position by position (with their fields), leaves
 * by text. `$NAME` matches one node, `$$$NAME` a run of zero or more siblings (shortest
 * first, backtracking), and a name bound twice must be the same code both times.
 */
import type { Node } from '../go/codemod.js';
import type { Metavar } from './metavars.js';
import { isLeaf, sameCode, significantChildren, type Child } from './shape.js';
import type { PNode } from './snippet.js';

/** Captures by metavariable name: one node for `$X`, the run of siblings for `$$$X`. */
export type Bindings = Map<string, Node[]>;

/** What matching asks of the file beyond its tree. */
export interface MatchEnv {
  /** Whether `node`, a name in a package position, means the import of the rule's `key`. */
  isPackage(key: string, node: Node): boolean;
  /** The rule's `where` constraints on what a metavariable captures. */
  accepts(meta: Metavar, nodes: readonly Node[]): boolean;
}

/** Whether `node` is the code of pattern `p`; `b` receives the captures. */
export function matchNode(p: PNode, node: Node, b: Bindings, env: MatchEnv): boolean {
  if (p.meta) return bind(p.meta, [node], b, env);
  if (p.pkg !== undefined) return (node.type === 'identifier' || node.type === 'package_identifier') && env.isPackage(p.pkg, node);
  if (p.type !== node.type || p.named !== node.isNamed) return false;
  if (p.leaf) return isLeaf(node) && node.text === p.text;
  return matchRun(p.kids, 0, significantChildren(node), 0, b, env, true) >= 0;
}

/**
 * Matches pattern children `ps[i..]` against children `cs[j..]`: all of them (`whole`), or a
 * prefix of them. Returns where the match ends in `cs`, or -1.
 */
function matchRun(ps: readonly PNode[], i: number, cs: readonly Child[], j: number, b: Bindings, env: MatchEnv, whole: boolean): number {
  if (i === ps.length) return !whole || j === cs.length ? j : -1;
  const p = ps[i];
  if (p.meta?.multi) {
    // Shortest first: a `$$$` takes as few siblings as the rest of the pattern lets it.
    for (let k = j; k <= cs.length; k++) {
      const saved = new Map(b);
      if (bind(p.meta, cs.slice(j, k).map((c) => c.node), b, env)) {
        const end = matchRun(ps, i + 1, cs, k, b, env, whole);
        if (end >= 0) return end;
      }
      restore(b, saved);
    }
    return -1;
  }
  if (j >= cs.length) return -1;
  const c = cs[j];
  if (p.named && c.node.isNamed && p.field !== c.field) return -1;
  return matchNode(p, c.node, b, env) ? matchRun(ps, i + 1, cs, j + 1, b, env, whole) : -1;
}

function restore(b: Bindings, saved: Bindings) {
  b.clear();
  for (const [k, v] of saved) b.set(k, v);
}

function bind(meta: Metavar, nodes: Node[], b: Bindings, env: MatchEnv): boolean {
  if (!env.accepts(meta, nodes)) return false;
  if (meta.anonymous) return true;
  const known = b.get(meta.name);
  if (known) return known.length === nodes.length && known.every((n, k) => sameCode(n, nodes[k]));
  b.set(meta.name, nodes);
  return true;
}

/** One match of a sequence pattern: children [start, end) of a list, and the captures. */
export interface RunMatch {
  nodes: Node[];
  bindings: Bindings;
}

/**
 * The matches of a sequence pattern (several statements or declarations) among the
 * children of `list`, left to right, not overlapping. A `$$$` that starts the pattern
 * reaches back to the list's first child, one that ends it to the list's last child.
 */
export function matchSequences(ps: readonly PNode[], list: Node, env: MatchEnv): RunMatch[] {
  const cs = significantChildren(list).filter((c) => c.node.isNamed);
  const fromStart = ps[0]?.meta?.multi === true;
  const toEnd = ps[ps.length - 1]?.meta?.multi === true;
  const out: RunMatch[] = [];
  for (let s = 0; s < cs.length; ) {
    const b: Bindings = new Map();
    const e = matchRun(ps, 0, cs, s, b, env, toEnd);
    if (e >= 0) {
      const nodes = cs.slice(s, e).map((c) => c.node);
      if (nodes.length > 0) {
        out.push({ nodes, bindings: b });
        s = e;
        continue;
      }
    }
    if (fromStart) break;
    s++;
  }
  return out;
}
