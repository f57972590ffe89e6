/**
 * web-tree-sitter with a Go grammar given as bytes: the parser every part of gocodemod uses.
 * Offsets in trees are UTF-16 string indices (we always parse JS strings). Every tree must be
 * deleted: without it the WASM heap grows until it aborts at 2 GiB.
 *
 * Imports nothing of any platform: Node reads the grammar from the package
 * (src/go/parser.ts, `loadGoParser`), the playground page fetches it.
 */
import type { Edit, Language, Query, Range, Tree } from 'web-tree-sitter';

/**
 * web-tree-sitter with gocodemod's Go grammar: parse a text (delete the tree when done),
 * or compile a query (cached by its text).
 */
export interface GoParser {
  language: Language;
  /**
   * `includedRanges`: parse only these parts (see src/engine/needle-ranges.ts); nodes keep file
   * offsets. `oldTree`: a tree of an earlier text, edited (`Tree.edit`) to this one, whose
   * unchanged parts tree-sitter reuses (src/engine/edited-parse.ts).
   */
  parse(source: string, includedRanges?: Range[], oldTree?: Tree): Tree;
  query(source: string): Query;
  /** Tells `tree` of an edit of its text (`Tree.edit`), before it is handed to `parse` as the old tree. */
  edit(tree: Tree, edit: ConstructorParameters<typeof Edit>[0]): void;
}

/** What web-tree-sitter's `Parser.init` takes: e.g. `locateFile`, where its own WASM runtime is. */
export type ParserInit = Record<string, unknown>;

/** Initialises web-tree-sitter (its first call does) and makes a parser of the grammar `grammar` (the bytes of tree-sitter-go.wasm). */
export async function createGoParser(grammar: Uint8Array, init?: ParserInit): Promise<GoParser> {
  // Imported here, not at the top: a run that finds everything cached never parses and
  // should not pay for loading the module.
  const { Edit, Language, Parser, Query } = await import('web-tree-sitter');
  await Parser.init(init);
  const language = await Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  const queries = new Map<string, Query>();
  return {
    language,
    parse(source: string, includedRanges?: Range[], oldTree?: Tree): Tree {
      const tree = parser.parse(source, oldTree ?? null, includedRanges ? { includedRanges } : undefined);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
    edit(tree, edit) {
      tree.edit(new Edit(edit));
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
}
