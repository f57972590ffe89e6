/**
 * The Go parser: web-tree-sitter initialised once per thread with the grammar from grammars/.
 * Offsets in trees are UTF-16 string indices (we always parse JS strings).
 * Every tree must be deleted: without it the WASM heap grows until it aborts at 2 GiB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language, Query, Range, Tree } from 'web-tree-sitter';
import { packageRoot } from '../package-root.js';

/**
 * web-tree-sitter with gocodemod's Go grammar: parse a text (delete the tree when done),
 * or compile a query (cached by its text).
 */
export interface GoParser {
  language: Language;
  /** `includedRanges`: parse only these parts (see src/engine/needle-ranges.ts); nodes keep file offsets. */
  parse(source: string, includedRanges?: Range[]): Tree;
  query(source: string): Query;
}

let ready: Promise<GoParser> | undefined;

export function grammarPath(): string {
  return join(packageRoot(), 'grammars', 'tree-sitter-go.wasm');
}

/** Initialises web-tree-sitter and loads the Go grammar, once per thread. */
export function loadGoParser(): Promise<GoParser> {
  ready ??= (async () => {
    // Imported here, not at the top: a run that finds everything cached never parses and
    // should not pay for loading the module.
    const { Language, Parser, Query } = await import('web-tree-sitter');
    await Parser.init();
    // Bytes, not a path: web-tree-sitter's path loading uses fetch() in some hosts (and Jest).
    const language = await Language.load(readFileSync(grammarPath()));
    const parser = new Parser();
    parser.setLanguage(language);
    const queries = new Map<string, Query>();
    return {
      language,
      parse(source: string, includedRanges?: Range[]): Tree {
        const tree = parser.parse(source, null, includedRanges ? { includedRanges } : undefined);
        if (!tree) throw new Error('tree-sitter returned no tree');
        return tree;
      },
      query(src: string): Query {
        let q = queries.get(src);
        if (!q) {
          q = new Query(language, src);
          queries.set(src, q);
        }
        return q;
      },
    };
  })();
  return ready;
}

/** Parses, calls fn, and always deletes the tree. */
export async function withTree<T>(source: string, fn: (tree: Tree) => T): Promise<T> {
  const parser = await loadGoParser();
  const tree = parser.parse(source);
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}
