/**
 * A pattern compiled to a tree-sitter query that finds its candidates, so a rule joins the
 * engine's one query pass per file and gets needles derived from its literal tokens
 * (docs/query-pass.md). The query says as much of the pattern as tree-sitter can check
 * (node types, fields, operators, keywords, names and literals by `#eq?`); the structural
 * matcher (src/rules/match.ts) then decides each candidate exactly.
 *
 * Parentheses Go ignores: the matcher looks through them, so the query must not miss a
 * candidate because the code has them. A position that could hold parentheses and whose
 * subpattern requires some text is written precisely, and a second top-level pattern
 * `(parenthesized_expression <subpattern>) @sub` finds the same subpattern inside
 * parentheses; the rule walks up from `@sub` to the candidates around it. (Given any match
 * with parentheses at such positions, the innermost of them matches its second pattern.) A
 * position whose subpattern requires nothing is a wildcard, which parentheses also match.
 * So every pattern of the query requires some text whenever the pattern has any. And so that
 * the query's needles stay as selective as the pattern's most selective text, a position
 * whose text is less selective is a wildcard too (the matcher checks it).
 */
import type { PNode } from './snippet.js';
import { PARENTHESIZABLE } from './shape.js';

/** Node types whose text is always the same (a query names them without `#eq?`). */
const FIXED_TEXT = new Set(['true', 'false', 'nil', 'iota']);
/**
 * Tokens tree-sitter's error recovery may insert as zero-width MISSING nodes: a query
 * requiring one does not prove the file holds its text (src/engine/query-needles.ts).
 */
const MAY_BE_MISSING = new Set([';', '.', ')', ']', '...', '}', '++', '--', ':', 'fallthrough', 'break', 'continue', 'return', '`', '"']);
/** Below these, the query stops (blocks hold statement lists the matcher splices). */
const STOP = new Set(['block']);

/** The capture on the candidate node of a top-level pattern, and on a parenthesized subpattern. */
export const ROOT = 'root';
export const SUB = 'sub';

/** Whether every match of `p` must hold some fixed text. */
export function requiresText(p: PNode): boolean {
  if (p.meta || p.pkg !== undefined) return false;
  if (!p.named) return !MAY_BE_MISSING.has(p.type);
  if (p.leaf) return true;
  if (STOP.has(p.type)) return false;
  return p.kids.some(requiresText);
}

/**
 * How selective the text a match of `p` must hold is, as the engine scores needles: the
 * length of its longest required literal (0: none).
 */
export function strength(p: PNode): number {
  if (p.meta || p.pkg !== undefined) return 0;
  if (!p.named) return MAY_BE_MISSING.has(p.type) ? 0 : p.type.length;
  if (p.leaf) return p.text.length;
  if (STOP.has(p.type)) return 0;
  return Math.max(0, ...p.kids.map(strength));
}

/**
 * The query patterns for candidates of the given roots (one per reading of the pattern):
 * for each root, its own pattern, then its parenthesized subpatterns. Some of the latter may
 * describe shapes the grammar cannot produce (a selector in parenthesized_type): tree-sitter
 * refuses to compile those, and they can never match, so the caller drops them.
 */
export function candidatePatterns(roots: readonly PNode[]): { root: string; subs: string[] }[] {
  const gen = new Generator();
  return roots.map((root) => ({ root: gen.top(root), subs: [...new Set(gen.subs.splice(0))] }));
}

class Generator {
  private n = 0;
  /** The strength of the root: subpatterns weaker than it are wildcards (see `node`). */
  private best = 0;
  readonly subs: string[] = [];

  top(root: PNode): string {
    this.best = strength(root);
    if (root.leaf && root.named) {
      return FIXED_TEXT.has(root.type) ? `(${root.type}) @${ROOT}` : `((${root.type}) @${ROOT} (#eq? @${ROOT} ${quote(root.text)}))`;
    }
    return `${this.node(root)} @${ROOT}`;
  }

  /** `p` as a query node; parenthesizable positions below it add their patterns to `subs`. */
  private node(p: PNode): string {
    if (p.meta) return '(_)';
    if (p.pkg !== undefined) return `(${p.type})`;
    if (!p.named) return quote(p.type);
    if (p.leaf) {
      if (FIXED_TEXT.has(p.type)) return `(${p.type})`;
      const c = `l${this.n++}`;
      return `(${p.type}) @${c} (#eq? @${c} ${quote(p.text)})`;
    }
    if (STOP.has(p.type)) return `(${p.type})`;
    const kids: string[] = [];
    for (const k of p.kids) {
      if (k.meta?.multi) continue;
      const field = k.field && k.named ? `${k.field}: ` : '';
      if (k.named && !k.meta && PARENTHESIZABLE.has(k.type)) {
        // A position whose text is less selective than the pattern's best is left to the
        // matcher: its parenthesized pattern would bring a weaker needle (`1` of `-1`) into
        // the query's needles, which any one pattern's needle can satisfy.
        if (!requiresText(k) || strength(k) < this.best) {
          kids.push(`${field}(_)`);
          continue;
        }
        const text = this.node(k);
        // The same subpattern in parentheses: its own top-level pattern (see the top of this module).
        for (const paren of ['parenthesized_expression', 'parenthesized_type']) this.subs.push(`(${paren} ${text}) @${SUB}`);
        kids.push(field + text);
        continue;
      }
      kids.push(field + this.node(k));
    }
    return `(${p.type}${kids.length ? ' ' + kids.join(' ') : ''})`;
  }
}

/** A tree-sitter query string literal. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}
