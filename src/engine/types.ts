/**
 * The engine's data: what a unit of work is made of (files, loaded codemods, options), and
 * what it gives back per file (findings, errors, notes, the output).
 */
import type { Codemod, FileKind } from '../go/codemod.js';
import type { Gofmt } from './gofmt-wasm.js';
import type { CodemodCrash } from './crash.js';
import type { SuppressionRef } from './suppressions.js';

export interface UnitFile {
  /** Default 'go'. */
  kind?: FileKind;
  /** Display path (relative to cwd, forward slashes); unique within the unit. */
  path: string;
  source: string;
  goVersion: string | undefined;
  /** The module's go directive (or --go outside a module): `SourceFile.moduleGoVersion`. */
  moduleGoVersion?: string;
  packageName: string;
  importPath?: string;
  modulePath?: string;
  /** Set for files read only as context (e.g. 'generated'): never edited, no findings. */
  contextOnly?: string;
}

export interface LoadedCodemod {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  codemod: Codemod<any>;
  options: Record<string, unknown>;
  /**
   * For codemods loaded from the user's own files: the module a worker thread imports to get
   * the same codemod (a file URL), and a hash of its source, which the content cache key
   * covers so editing a codemod never returns a stale result. Absent for built-ins (covered
   * by the tool's own code hash) and for codemods handed to the API in-process (those run
   * without the cache and without workers).
   */
  origin?: { module: string; hash: string };
}

export interface Finding {
  codemod: string;
  message: string;
  /** Position in the file as it was read (1-based line, 1-based byte column). */
  line: number;
  column: number;
  /** End of the finding's range (exclusive), in the file as it was read. */
  endLine: number;
  endColumn: number;
  /** The finding's range [offset, endOffset) in UTF-16 units of the file as it was read. */
  offset: number;
  endOffset: number;
  /** True when its fix was applied to the output. */
  fixed: boolean;
  /**
   * The applied fix: its message, and where its edits fall in the files as they were read
   * (edits of later rounds mapped back), so review output can tell which hunks it made.
   */
  fix?: { message: string; spans: FixSpan[] };
}

/** Where one edit of an applied fix lies, in UTF-16 units of a file as it was read. */
export interface FixSpan {
  path: string;
  start: number;
  end: number;
}

/**
 * A finding that a `//gocodemod:ignore` comment suppressed (src/engine/suppressions.ts): its
 * fix is not applied and it is not printed as a finding; review formats mark it suppressed.
 */
export interface SuppressedFinding {
  codemod: string;
  message: string;
  /** Position of the finding in the file as it was read (1-based line, 1-based byte column). */
  line: number;
  column: number;
  /** The finding's range [offset, endOffset) in UTF-16 units of the file as it was read. */
  offset: number;
  endOffset: number;
  /** It carried a fix, which was not applied. */
  hadFix: boolean;
  /**
   * The comment that suppressed it: its file (another file of the package when an edit of
   * the fix lands there), position, names and reason.
   */
  by: SuppressionRef;
}

export interface Problem {
  message: string;
  codemod?: string;
  line?: number;
  column?: number;
  /** The codemod threw: its error and stack, mapped to the author's source (src/engine/crash.ts). */
  crash?: CodemodCrash;
}

export interface FileOutcome {
  path: string;
  original: string;
  /** The result; equal to `original` when unchanged or when the file is in error. */
  output: string;
  findings: Finding[];
  /** Errors: the file is left as it was (or kept at its last safe round) and exit code is 2. */
  errors: Problem[];
  /** Warnings that do not fail the run: conflicts, fixes refused near syntax errors. */
  notes: Problem[];
  /** Codemods that did not run on the file, and why (e.g. its Go version is too old). */
  skippedBy: { codemod: string; reason: string }[];
  /** Applied fixes per codemod. */
  changes: Map<string, number>;
  /** Findings suppressed by `//gocodemod:ignore` comments, in the order found. */
  suppressed: SuppressedFinding[];
  /**
   * Other files (paths) that a fix applied to this one also changed: they must be written
   * together with it, all or none (absent when there are none).
   */
  joined?: string[];
}

/** How the engine runs on a unit. */
export interface EngineOptions {
  maxRounds?: number;
  /**
   * Real gofmt. With it, every changed file is checked by Go's own parser, and a file that
   * was gofmt-clean is re-formatted after the edits (an edit can shift aligned columns).
   */
  gofmt?: Gofmt;
  /** Report `//gocodemod:ignore` comments that suppressed nothing (as findings of SUPPRESSION_FINDING). */
  reportUnusedSuppressions?: boolean;
}
