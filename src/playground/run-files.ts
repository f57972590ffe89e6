/**
 * The playground's files, run as `gocodemod run CODEMODS .` runs a directory that holds
 * them (src/run/runner.ts): go.mod and go.work files first, each alone (the runner's phase
 * one), then the Go files by directory and package name, each seeing its module's go
 * directive as phase one left it, raised or capped by its //go:build line; generated files
 * are context only; vendor/, testdata/ and names starting with . or _ are skipped. Every
 * unit goes through the engine (src/engine/unit-run.ts), the code the CLI runs.
 *
 * Pure: no file system, no platform module; the page and the tests run it.
 */
import type { CodemodGuard } from '../engine/codemod-call.js';
import type { Gofmt } from '../engine/gofmt-wasm.js';
import type { FileOutcome, LoadedCodemod, UnitFile } from '../engine/types.js';
import { runUnitWith } from '../engine/unit-run.js';
import { goUnitFile } from '../engine/unit-file.js';
import type { FileKind } from '../go/codemod.js';
import { isGenerated } from '../go/header.js';
import type { GoParser } from '../go/parser-from-bytes.js';
import { moduleFileProblem, moduleOf, type ModuleInfo } from './modules.js';

export interface PlaygroundFile {
  /** Relative, forward slashes: `main.go`, `internal/view/view.go`, `go.mod`. */
  path: string;
  text: string;
}

/** What the engine needs of the platform it runs on. */
export interface Platform {
  parser: GoParser;
  gofmt?: Gofmt;
  guard: CodemodGuard;
}

export interface RunFilesOptions {
  /** The Go version of files outside any module (the CLI's --go). */
  goVersion?: string;
  maxRounds?: number;
}

export interface FilesRun {
  /** By path: every file the run processed. */
  outcomes: Map<string, FileOutcome>;
  /** By path: files left out, and why (`testdata`, `generated`, `hidden`...). */
  skipped: Map<string, string>;
  /** go.mod and go.work files the go command cannot read (the CLI's exit 2), once each. */
  problems: { path: string; line: number; message: string }[];
}

export function kindOf(path: string): FileKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'go.mod') return 'go.mod';
  if (name === 'go.work') return 'go.work';
  return name.endsWith('.go') ? 'go' : undefined;
}

/** Why a walk from the top directory leaves a file out (src/run/discover.ts), or undefined. */
export function walkSkipReason(path: string): string | undefined {
  const parts = path.split('/');
  for (const [i, part] of parts.entries()) {
    if (part.startsWith('.') || part.startsWith('_')) return 'hidden';
    if (i < parts.length - 1 && part === 'vendor') return 'vendor';
    if (i < parts.length - 1 && part === 'testdata') return 'testdata';
  }
  return undefined;
}

function notGoReason(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'gocodemod.yaml') return 'the playground reads no gocodemod.yaml (the CLI, run in a folder holding it, would): set what it says in the panes';
  return 'not a Go, go.mod or go.work file';
}

export const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

export function runFiles(files: readonly PlaygroundFile[], codemods: readonly LoadedCodemod[], opts: RunFilesOptions, platform: Platform): FilesRun {
  const result: FilesRun = { outcomes: new Map(), skipped: new Map(), problems: [] };
  const kinds = new Set<FileKind>(codemods.flatMap((c) => c.codemod.fileKinds ?? ['go']));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const engine = { maxRounds: opts.maxRounds, gofmt: platform.gofmt };
  const taken: PlaygroundFile[] = [];
  for (const f of files) {
    const kind = kindOf(f.path);
    const skip = kind === undefined ? notGoReason(f.path) : walkSkipReason(f.path);
    if (skip) result.skipped.set(f.path, skip);
    // A go.mod no codemod edits is still read, for the Go version of its module's files.
    else if (kind === 'go' || kinds.has(kind!)) taken.push(f);
  }

  // Phase one: go.mod and go.work files, each alone; later phases see what they became.
  const reported = new Set<string>();
  for (const f of taken.filter((f) => kindOf(f.path) !== 'go')) {
    const kind = kindOf(f.path) as 'go.mod' | 'go.work';
    const [o] = runUnitWith(platform.guard, platform.parser, codemods, [{ kind, path: f.path, source: f.text, goVersion: undefined, packageName: '' }], engine);
    result.outcomes.set(f.path, o);
    if (o.output !== o.original && !o.errors.length) texts.set(f.path, o.output);
    const bad = moduleFileProblem(f.path, kind, f.text);
    if (bad && !reported.has(f.path)) {
      reported.add(f.path);
      result.problems.push(bad);
    }
  }

  // Phase two: Go files by directory, then by package.
  const byDir = new Map<string, PlaygroundFile[]>();
  for (const f of taken.filter((f) => kindOf(f.path) === 'go')) byDir.set(dirOf(f.path), [...(byDir.get(dirOf(f.path)) ?? []), f]);
  for (const [dir, inDir] of byDir) {
    const mod = moduleOf(dir, texts);
    for (const unit of unitsOf(inDir, mod, opts, result)) {
      for (const o of runUnitWith(platform.guard, platform.parser, codemods, unit, engine)) result.outcomes.set(o.path, o);
    }
  }
  return result;
}

/** The units of a directory's Go files (one per package), as src/run/work.ts makes them. */
function unitsOf(files: readonly PlaygroundFile[], mod: ModuleInfo | null, opts: RunFilesOptions, result: FilesRun): UnitFile[][] {
  const units = new Map<string, UnitFile[]>();
  for (const f of files) {
    if (mod?.problem) {
      // Without a readable go directive, no codemod can know which Go it may write.
      const message = `not processed: its go.mod is malformed (${mod.gomod}:${mod.problem.line}: ${mod.problem.message})`;
      result.outcomes.set(f.path, { path: f.path, original: f.text, output: f.text, findings: [], errors: [{ message }], notes: [], skippedBy: [], changes: new Map(), suppressed: [] });
      continue;
    }
    const generated = isGenerated(f.text);
    if (generated) result.skipped.set(f.path, 'generated');
    const file = goUnitFile(f.path, f.text, { importPath: mod?.importPath, modulePath: mod?.path, moduleGoVersion: mod ? mod.goVersion : opts.goVersion }, generated ? 'generated' : undefined);
    const key = file.packageName || `\0${f.path}`; // a file without a package clause is its own unit
    const unit = units.get(key) ?? [];
    unit.push(file);
    units.set(key, unit);
  }
  return [...units.values()];
}
