/**
 * One query pass per file for every codemod that declares a query (`Codemod.query`): their
 * sources are joined into one tree-sitter Query, compiled once per thread, run once over the
 * tree, and its matches are split back by pattern index, renumbered per codemod.
 *
 * Why the split is exact (web-tree-sitter 0.27, src/query.ts and lib/query.c): patterns are
 * numbered in source order; a match holds only the captures of its own pattern; predicates,
 * `set!`/`is?` properties and the longest-match dedup are kept per pattern index, and text
 * predicates look captures up by name among that match's captures only. So two codemods may
 * use the same capture name with different predicates. Query cursor states are ordered by
 * (start depth, pattern index), and joining keeps each codemod's patterns in order, so each
 * codemod's matches come in the order its own query would return them. The one shared
 * resource, the cursor's pool of capture lists, is unbounded at web-tree-sitter's default
 * match limit (UINT32_MAX), which is what `matches()` is called with here: a lower limit
 * would let one pattern's in-progress states evict another's.
 * test/query-pass.test.ts checks all of it against each query run alone.
 */
import type { Node, Query, QueryMatch } from 'web-tree-sitter';
import type { GoParser } from '../go/parser.js';

export type CompiledQuery = { ok: true; query: Query } | { ok: false; error: string };

/** A codemod's query compiled alone, or why it does not compile: once per thread and source. */
const alone = new WeakMap<GoParser, Map<string, CompiledQuery>>();
/** The joined query with where each member's patterns start; null: run the members alone. */
const joined = new WeakMap<GoParser, Map<string, Layout | null>>();

interface Layout {
  query: Query;
  /** Member k's patterns are offsets[k] .. offsets[k + 1] - 1 of `query`. */
  offsets: number[];
  /** The member each pattern index of `query` belongs to. */
  owner: Uint32Array;
}

/** Compiles `source` alone (cached for the thread, failures too). */
export function compileQuery(parser: GoParser, source: string): CompiledQuery {
  let cache = alone.get(parser);
  if (!cache) alone.set(parser, (cache = new Map()));
  let c = cache.get(source);
  if (!c) {
    try {
      c = { ok: true, query: parser.query(source) };
    } catch (e) {
      c = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    cache.set(source, c);
  }
  return c;
}

/**
 * The matches of each query source over `root`, exactly as `compileQuery(source).matches(root)`
 * would return them (pattern indices relative to that source), from one pass over the tree.
 * Every source must compile alone (see `compileQuery`).
 */
export function matchesPerQuery(parser: GoParser, sources: readonly string[], root: Node): QueryMatch[][] {
  if (sources.length === 1) return [compiled(parser, sources[0]).matches(root)];
  const layout = layoutOf(parser, sources);
  if (!layout) return sources.map((s) => compiled(parser, s).matches(root));
  const out: QueryMatch[][] = sources.map(() => []);
  for (const m of layout.query.matches(root)) {
    const k = layout.owner[m.patternIndex];
    const offset = layout.offsets[k];
    if (offset) {
      // Fresh objects from this call, owned by nobody else: renumber in place.
      m.patternIndex -= offset;
      for (const c of m.captures) c.patternIndex -= offset;
    }
    out[k].push(m);
  }
  return out;
}

function compiled(parser: GoParser, source: string): Query {
  const c = compileQuery(parser, source);
  if (!c.ok) throw new Error(`query does not compile: ${c.error}`);
  return c.query;
}

function layoutOf(parser: GoParser, sources: readonly string[]): Layout | null {
  // The lengths make the key unambiguous: ['a\nb'] and ['a', 'b'] join to the same text.
  const text = sources.join('\n');
  const key = `${sources.map((s) => s.length).join(',')}\n${text}`;
  let cache = joined.get(parser);
  if (!cache) joined.set(parser, (cache = new Map()));
  let layout = cache.get(key);
  if (layout === undefined) {
    layout = join(parser, sources, text);
    cache.set(key, layout);
  }
  return layout;
}

/**
 * Compiles the joined source and checks that every member's patterns are where they would be
 * alone: same count, each starting at the member's offset plus its own start. A source that
 * compiles alone is balanced and ends at top level, and a newline ends a trailing comment, so
 * this holds; if it ever did not, the members run alone (correct, one pass each).
 */
function join(parser: GoParser, sources: readonly string[], text: string): Layout | null {
  const members = sources.map((s) => compiled(parser, s));
  let query: Query;
  try {
    query = parser.query(text);
  } catch {
    return null;
  }
  const offsets: number[] = [];
  const owner = new Uint32Array(query.patternCount());
  let pattern = 0;
  let at = 0;
  for (let k = 0; k < members.length; k++) {
    offsets.push(pattern);
    const n = members[k].patternCount();
    for (let j = 0; j < n; j++, pattern++) {
      if (pattern >= owner.length || query.startIndexForPattern(pattern) !== at + members[k].startIndexForPattern(j)) return null;
      owner[pattern] = k;
    }
    at += sources[k].length + 1;
  }
  return pattern === owner.length ? { query, offsets, owner } : null;
}
