/**
 * The data a unit of work (one directory) takes and returns: plain objects that cross
 * worker threads and the result cache unchanged.
 */
import type { DiscoveredFile } from './discover.js';
import type { FileOutcome } from '../engine/engine.js';
import type { Module } from './module.js';

export interface DirTask {
  dir: string;
  /** The directory's files to process (its other Go files are read as context if needed). */
  files: DiscoveredFile[];
  /** Index of its scope's settings in WorkEnv.scopes (src/run/work.ts). */
  scope: number;
  /**
   * Its module (nearest go.mod), as the main thread read it: workers parse no go.mod, and
   * the cache key is of the module the work saw.
   */
  module: Module | null;
}

export interface WorkOptions {
  cwd: string;
  includeGenerated?: boolean;
  goVersion?: string;
  maxRounds?: number;
  /** Report `//gocodemod:ignore` comments that suppressed nothing. */
  reportUnusedSuppressions?: boolean;
}

/** What a unit of work returns: one entry per file, in path order. */
export interface DirResult {
  files: OutcomeWithFile[];
  /** Files read as generated and therefore not edited. */
  generated: number;
  /** A go.mod problem to report once: `path:line`, message. */
  moduleProblem?: { path: string; message: string };
}

export interface OutcomeWithFile extends FileOutcome {
  abs: string;
  /**
   * This file's edits came from a codemod that its go.mod's go line as it is on disk would
   * not have allowed, only the line phase one raised: the file is written together with that
   * go.mod, all or none. (A flag, not a path: cached results must not carry absolute paths.)
   */
  needsGoLine?: true;
  /**
   * For a changed file, the hunks of its unified diff (`diffHunks`, src/output/unified-diff.ts),
   * computed by the work: in a worker rather than in the main thread, and kept in the cache,
   * so a cached run shows its diffs without diffing again.
   */
  diffHunks?: string;
}

/**
 * Whether a file's output differs from its input. A changed file's texts may have been left
 * where they were computed (`dropTexts`): its hunks then say that it changed.
 */
export function isChanged(o: Pick<OutcomeWithFile, 'original' | 'output' | 'diffHunks'>): boolean {
  return o.diffHunks !== undefined || o.output !== o.original;
}

/**
 * A result without the texts of its changed files, for a run whose caller only prints diffs
 * (RunConfig.texts false): they are most of what crosses from a worker to the main thread,
 * and in a mass rewrite they grew the main thread's heap for nothing. Files without hunks
 * keep theirs.
 */
export function dropTexts(result: DirResult): DirResult {
  return { ...result, files: result.files.map((f) => (f.diffHunks === undefined ? f : { ...f, original: '', output: '' })) };
}

/** A file's outcome with nothing in it (no text kept, no finding, error, note, skip or suppression), plus `extra`. */
export function emptyOutcome(abs: string, path: string, extra: Partial<OutcomeWithFile> = {}): OutcomeWithFile {
  return { abs, path, original: '', output: '', findings: [], errors: [], notes: [], skippedBy: [], changes: new Map(), suppressed: [], ...extra };
}
