/**
 * The codemod contract, after golang.org/x/tools/go/analysis: a codemod is a plain value,
 * its findings are data, and a fix is a list of text edits that only the engine applies.
 */
import type { Node, Query, QueryCapture, QueryMatch, Tree } from 'web-tree-sitter';
import type { TopLevel } from './toplevel.js';

/**
 * Half-open [start, end) in UTF-16 code units of the file's text: exactly
 * web-tree-sitter's node.startIndex / node.endIndex for string input.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /**
   * The file the edit applies to, as `SourceFile.path`. Omitted: the diagnostic's file.
   * Package-scoped codemods use it for fixes that span files (a use and its declaration).
   */
  file?: string;
}

/** Atomic: all of its edits apply or none. Edits inside one fix never overlap. */
export interface Fix {
  message: string;
  edits: Edit[];
}

/** A finding at [start, end) of one file; it may carry fixes (the engine applies the first). */
export interface Diagnostic {
  codemod: string;
  /** `SourceFile.path` of the file the finding is in. */
  file: string;
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
}

/** What a codemod reports; the engine fills in `codemod` and, for one-file runs, `file`. */
export interface Report {
  file?: SourceFile | string;
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
}

/** What a file is: Go source, or a module / workspace file (go.dev/ref/mod). */
export type FileKind = 'go' | 'go.mod' | 'go.work';

/** One file as a codemod sees it: Go source, or a go.mod / go.work for codemods that ask. */
export interface SourceFile {
  readonly kind: FileKind;
  /** Path relative to the current directory, with forward slashes (as printed in diffs). */
  readonly path: string;
  readonly source: string;
  /** Package name from the package clause ('' when the file has none). */
  readonly packageName: string;
  /**
   * The package's import path from its module (go.mod `module` line + directory), e.g.
   * "example.com/x/pkg"; standard-library packages have no prefix ("net/http", module "std").
   * Undefined outside a module.
   */
  readonly importPath?: string;
  /** The module path of the file's go.mod ("std" for the standard library). */
  readonly modulePath?: string;
  /**
   * The file's Go version: its module's go directive, adjusted by its //go:build line as
   * go/types does (`go1.N` sets max(go1.N, go1.21); `!go1.N` caps it below go1.N).
   */
  readonly goVersion: string | undefined;
  /**
   * The go directive of the file's module, not raised by the file's //go:build line: the
   * version the module promises to build with (as go-directive-bump left it in this run;
   * "1.16" for a go.mod without a go line). Outside a module, the --go version (undefined
   * without it). Undefined for go.mod and go.work files.
   */
  readonly moduleGoVersion?: string;
  /**
   * False for files read only as context (generated, vendored, below the codemod's minGo):
   * edits to them are dropped by the engine. `skipReason` says why.
   */
  readonly editable: boolean;
  readonly skipReason?: string;
  /**
   * Go files: parsed on first use and shared by every codemod of this round; the engine
   * deletes it. Reading it on a go.mod or go.work file throws (there is no grammar for them).
   */
  readonly tree: Tree;
  /**
   * Go files: the top-level declarations and the package-scope names they declare, from a
   * lexer (about 10x cheaper than `tree`). `ok` is false when the file could not be lexed
   * to the end (an unterminated string or bracket): use `tree` then.
   */
  readonly topLevel: TopLevel;
}

/**
 * What `run` gets: the file or package to look at, the options, queries, and `report`, the
 * only way a codemod acts. It never touches the file system, the console or the process.
 */
export interface Context<O = Record<string, unknown>> {
  readonly codemod: string;
  readonly options: Readonly<O>;
  /** The file being processed (file scope), or the first editable file of the package. */
  readonly file: SourceFile;
  /** Every file of the unit: one for file scope, the whole package for package scope. */
  readonly files: readonly SourceFile[];
  /** A query over the Go grammar, compiled once per thread and cached by its source text. */
  query(source: string): Query;
  /**
   * The matches of the codemod's own `Codemod.query` in `file` (default: `ctx.file`), which
   * must be one of `ctx.files` and a Go file. They are exactly what
   * `ctx.query(codemod.query).matches(file.tree.rootNode)` returns: pattern indices count
   * from 0 in the codemod's own query, captures carry the names it gives them, and matches
   * come in the order web-tree-sitter finds them (the order in which they complete, which is
   * document order for single-node patterns).
   *
   * The engine runs the queries of every codemod that runs on the file in this round as one
   * combined query, in one walk of the tree, on the first call for that file; later calls
   * (by this codemod or another) reuse the result. Each call returns a new array. The nodes
   * belong to this round's tree: do not keep them past `run`. Custom predicates (other than
   * eq?, match?, any-of? and their negations, is?, is-not?, set!) are not applied, as in
   * `Query.matches`: check them with `ctx.query(codemod.query).predicatesForPattern(i)`.
   *
   * Throws when the codemod declares no query.
   */
  matches(file?: SourceFile): QueryMatch[];
  /**
   * Hands a finding (and its fixes) to the engine, which reads it at once, field by field: a
   * report of the wrong shape makes this codemod's files in this unit errors, with a message
   * naming the field (`fixes[0].edits: expected an array of edits ...`). Only during `run`.
   */
  report(report: Report): void;
}

/**
 * A codemod: a plain value with a name, a description, what it needs (needles, minimum Go,
 * scope, file kinds, a query), its options and its `run`. Write it with `defineCodemod`.
 */
export interface Codemod<O extends Record<string, unknown> = Record<string, unknown>> {
  /** kebab-case; equals its folder name under codemods/. */
  name: string;
  /** One line. */
  description: string;
  /** A file containing none of these strings is not parsed for this codemod. */
  needles?: string[];
  /** Files whose Go version is older are not edited (and reported as skipped). */
  minGo?: string;
  /**
   * A tree-sitter query over the Go grammar (one or more patterns, with captures and
   * predicates), whose matches `ctx.matches(file)` returns. Prefer it to running
   * `ctx.query(...)` yourself: the engine combines the queries of all codemods that run on a
   * file into one query and walks each file's tree once per round for all of them, however
   * many there are (docs/query-pass.md). Capture names and predicates are per pattern, so
   * they never clash with another codemod's. A query that does not compile is an error of
   * this codemod on every file it would run on, like a `run` that throws; the other codemods
   * are not affected. `needles` still decide whether the codemod runs on a file at all.
   */
  query?: string;
  /**
   * Run only when named on the command line, never by `--all`: for codemods that undo what
   * another built-in does (running both would undo each other) or move code away from what
   * Go recommends.
   */
  explicitOnly?: boolean;
  /** 'package': run once per Go package with all its files. Default 'file'. */
  scope?: 'file' | 'package';
  /**
   * Which files the codemod is given; default ['go']. go.mod and go.work files are given one
   * at a time, before any Go file of the run, and Go files then see the Go versions that
   * result (so a codemod that raises the go directive enables minGo codemods in one run).
   */
  fileKinds?: FileKind[];
  defaultOptions?: O;
  /**
   * Files the codemod reads at run time besides the files it is given (a data file, an
   * allowlist): paths, absolute or relative to the current directory, or a function of the
   * codemod's options that returns them. The content cache's key covers their contents, so
   * editing one never brings back a result computed with the old content. Without it, a
   * codemod that reads such a file gets stale cached results after the file changes.
   */
  cacheInputs?: string[] | ((options: Readonly<O>) => string[]);
  /**
   * `false`: no result of a run with this codemod is cached (for a codemod whose output
   * depends on what cannot be named as files: the clock, the network, the environment).
   */
  cache?: boolean;
  /**
   * Checks the options once, before any file is read. Returns an error message (shown as a
   * usage error, exit 2), or undefined when the options are valid.
   */
  validateOptions?(options: Readonly<O>): string | undefined;
  /**
   * Synchronous: a promise it returns, or asynchronous work it leaves behind (timers, ticks,
   * promises), is an error of this codemod on its files, and the work is cancelled.
   */
  run(ctx: Context<O>): void;
}

/** Identity, for type inference: `export default defineCodemod({ ... })`. */
export function defineCodemod<O extends Record<string, unknown> = Record<string, unknown>>(
  codemod: Codemod<O>,
): Codemod<O> {
  return codemod;
}

export type { Node, Tree, Query, QueryMatch, QueryCapture };
export type { TopLevel, TopDecl, TopName, TopKeyword } from './toplevel.js';
