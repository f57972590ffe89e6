/**
 * The syntax trees of one round of a unit, and the one query pass per file that serves every
 * codemod's declared query (src/engine/query-pass.ts): parsed on first use, deleted with the
 * round (the next round parses the edited texts).
 */
import type { QueryMatch, Tree } from 'web-tree-sitter';
import type { GoParser } from '../go/parser.js';
import { isGo, topLevelOf, type FileState } from './file-state.js';
import { needleRanges } from './needle-ranges.js';
import { matchesPerQuery } from './query-pass.js';
import { queryNeedles, type QueryNeedles } from './query-needles.js';
import { errorRegions, type ErrorRegion } from './syntax-errors.js';
import type { LoadedCodemod } from './types.js';

export class RoundTrees {
  private readonly trees = new Map<string, Tree>();
  private readonly regions = new Map<string, ErrorRegion[]>();
  private readonly passes = new Map<string, QueryMatch[][]>();
  /** Per file, the indices of the codemods whose queries its pass runs: planned on first use. */
  private queryUsers: Map<string, number[]> | undefined;

  /**
   * `planQueries`: for each file, the codemods (indices into `codemods`) that declare a query
   * and run on it this round, in codemod order. Called on the first `matchesOf`: files only
   * leave units during a round (a codemod fails on them), so the plan covers every later call.
   */
  constructor(
    private readonly parser: GoParser,
    private readonly states: ReadonlyMap<string, FileState>,
    private readonly codemods: readonly LoadedCodemod[],
    private readonly planQueries: () => Map<string, number[]>,
  ) {}

  /** The file's tree for this round (its current text). Go files only. */
  treeOf(path: string): Tree {
    let t = this.trees.get(path);
    if (!t) {
      const st = this.states.get(path)!;
      if (!isGo(st)) throw new Error(`${path} is a ${st.file.kind} file: it has no syntax tree`);
      t = this.parser.parse(st.text);
      this.trees.set(path, t);
    }
    return t;
  }

  /** The file's syntax-error regions this round; none for go.mod and go.work (their codemods check their own syntax). */
  regionsOf(path: string): ErrorRegion[] {
    let r = this.regions.get(path);
    if (!r) this.regions.set(path, (r = isGo(this.states.get(path)!) ? errorRegions(this.treeOf(path), this.states.get(path)!.text) : []));
    return r;
  }

  /** The matches of codemod `index`'s declared query in the file: its share of the file's one pass. */
  matchesOf(index: number, path: string): QueryMatch[] {
    const users = (this.queryUsers ??= this.planQueries()).get(path) ?? [];
    const k = users.indexOf(index);
    if (k < 0) throw new Error(`internal error: the query pass of this round does not cover ${path}`);
    let pass = this.passes.get(path);
    if (!pass) this.passes.set(path, (pass = this.queryPass(path, users.map((u) => this.codemods[u].codemod.query!))));
    return pass[k].slice();
  }

  /** Deletes the round's trees (the WASM heap does not collect them). */
  delete(): void {
    for (const t of this.trees.values()) t.delete();
    this.trees.clear();
  }

  /**
   * With needles derived from every query (src/engine/query-needles.ts), a file holding none
   * cannot match: no parse. If every match lies within one top-level declaration, only
   * the declarations holding a needle are parsed first (unless some codemod already asked
   * for the full tree), and the whole file only if that found a match.
   */
  private queryPass(path: string, sources: string[]): QueryMatch[][] {
    const st = this.states.get(path)!;
    const derived = sources.map((q) => derivedNeedles(q));
    if (derived.every((d) => d !== undefined)) {
      const needles = [...new Set(derived.flatMap((d) => d!.needles))];
      if (!needles.some((n) => st.text.includes(n))) return sources.map(() => []);
      const top = derived.every((d) => d!.withinDeclarations) && !this.trees.has(path) ? topLevelOf(st) : undefined;
      if (top?.ok) {
        // The partial parse answers "does anything match?" for a fraction of a full parse.
        // Where something does, the matches handed out come from the full tree: a codemod
        // may walk from a match to its parent or siblings, which a tree of some
        // declarations does not have, and tree-sitter's error recovery over a broken file
        // can join declarations. (The file's full parse is needed anyway then: fixes are
        // checked against its syntax errors.)
        const partial = this.parser.parse(st.text, needleRanges(st.text, top, needles));
        const found = matchesPerQuery(this.parser, sources, partial.rootNode).some((ms) => ms.length);
        partial.delete();
        if (!found) return sources.map(() => []);
      }
    }
    return matchesPerQuery(this.parser, sources, this.treeOf(path).rootNode);
  }
}

const needlesOfQuery = new Map<string, QueryNeedles | undefined>();

function derivedNeedles(query: string): QueryNeedles | undefined {
  if (!needlesOfQuery.has(query)) needlesOfQuery.set(query, queryNeedles(query));
  return needlesOfQuery.get(query);
}
