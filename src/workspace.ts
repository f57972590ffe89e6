/**
 * Which module a file belongs to (its nearest go.mod) and the file's Go version: the
 * module's go directive, raised by a //go:build go1.N constraint in the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildConstraintMinGo } from './build-constraint.js';
import { compareGoVersions, isValidGoVersion, maxGoVersion } from './goversion.js';

export interface Module {
  /** Absolute path of the go.mod. */
  gomod: string;
  /** The go directive; "1.16" when the go.mod has none (what the go command assumes). */
  goVersion: string;
  /** A problem reading the go directive (with its 1-based line), reported once per module. */
  problem?: { line: number; message: string };
}

/** The go command's assumption for a go.mod with no go line (go.dev/ref/mod#go-mod-file-go). */
export const GO_VERSION_WITHOUT_DIRECTIVE = '1.16';

/** Reads the go directive of a go.mod text: the first `go V` line outside blocks. */
export function readGoDirective(text: string): { version?: string; line?: number; problem?: string } {
  const lines = text.split('\n');
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') inBlock = false;
      continue;
    }
    if (/\($/.test(line)) {
      inBlock = true;
      continue;
    }
    const m = /^go\s+(\S+)$/.exec(line);
    if (m) {
      if (!isValidGoVersion(m[1])) return { line: i + 1, problem: `invalid go version '${m[1]}': must match format 1.23.0` };
      return { version: m[1], line: i + 1 };
    }
    if (/^go(\s|$)/.test(line)) return { line: i + 1, problem: 'usage: go 1.23' };
  }
  return {};
}

export class Workspace {
  private readonly moduleOfDir = new Map<string, Module | null>();

  constructor(private readonly readText: (path: string) => string | undefined = tryRead) {}

  /** The module of a directory: its nearest go.mod at or above it, or null. */
  moduleOf(dir: string): Module | null {
    const known = this.moduleOfDir.get(dir);
    if (known !== undefined) return known;
    const gomod = join(dir, 'go.mod');
    const text = this.readText(gomod);
    let mod: Module | null;
    if (text !== undefined) {
      const d = readGoDirective(text);
      mod = {
        gomod,
        goVersion: d.version ?? GO_VERSION_WITHOUT_DIRECTIVE,
        problem: d.problem ? { line: d.line ?? 1, message: d.problem } : undefined,
      };
    } else {
      const parent = dirname(dir);
      mod = parent === dir ? null : this.moduleOf(parent);
    }
    this.moduleOfDir.set(dir, mod);
    return mod;
  }

  /**
   * The Go version of a file. Without a go.mod above it, `fallback` (the --go flag) or
   * undefined, which codemods' minGo gates treat as "new enough".
   */
  fileGoVersion(absPath: string, source: string, fallback?: string): string | undefined {
    const mod = this.moduleOf(dirname(absPath));
    const base = mod ? mod.goVersion : fallback;
    const raised = buildConstraintMinGo(source);
    if (base === undefined) return undefined;
    return maxGoVersion(base, raised);
  }
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** True when a file at version `v` may be edited by a codemod requiring `minGo`. */
export function meetsMinGo(v: string | undefined, minGo: string | undefined): boolean {
  if (!minGo || v === undefined) return true;
  return compareGoVersions(v, minGo) >= 0;
}
