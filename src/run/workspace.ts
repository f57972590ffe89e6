/**
 * Which module a file belongs to (its nearest go.mod; below vendor/, the vendored module
 * that vendor/modules.txt says provides it) and the file's Go version: the module's go
 * directive, raised by a //go:build go1.N constraint in the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { buildConstraintMinGo } from '../go/build-constraint.js';
import { compareGoVersions, isValidGoVersion, maxGoVersion } from '../go/goversion.js';
import { parseModFile } from '../go/gomod.js';
import { parseModulesTxt, vendoredModuleOf, VENDORED_DEFAULT_GO, type VendoredModule } from './vendor-modules.js';

export interface Module {
  /** Absolute path of the go.mod (of a vendored module: vendor/<module path>/go.mod, where it would be). */
  gomod: string;
  /** The go directive; "1.16" when the go.mod has none (what the go command assumes). */
  goVersion: string;
  /** A problem reading the go directive (with its 1-based line), reported once per module. */
  problem?: { line: number; message: string };
  /** The module path (`module` line), e.g. "example.com/x", or "std" for the standard library. */
  path?: string;
}

/** The go command's assumption for a go.mod with no go line (go.dev/ref/mod#go-mod-file-go). */
export const GO_VERSION_WITHOUT_DIRECTIVE = '1.16';

/**
 * Reads the go directive of a go.mod text with the go command's own parser (src/go/gomod.ts).
 * A problem is whatever leaves the version unknown: a syntax error anywhere in the file, or a
 * go line that is malformed, repeated, in a block, or not a version gover can compare
 * ("1.21.0rc1" passes modfile's pattern but not gover). Errors in other directives do not
 * affect the version and are left to the go command.
 */
/** The module path of a go.mod text (undefined when it has none or does not parse). */
export function readModulePath(text: string): string | undefined {
  return parseModFile(text, { kind: 'go.mod' }).module?.path;
}

export function readGoDirective(text: string): { version?: string; line?: number; problem?: string } {
  const mod = parseModFile(text, { kind: 'go.mod' });
  if (!mod.syntaxOk) return { line: mod.diagnostics[0].pos.line, problem: mod.diagnostics[0].message };
  const goStmts = new Set(mod.stmts.filter((s) => s.type !== 'comments' && s.tokens[0]?.text === 'go').map((s) => s.start.offset));
  const bad = mod.diagnostics.find((d) => goStmts.has(d.pos.offset));
  if (bad) {
    // Go 1.26 says "go directive expects exactly one argument"; older x/mod said this.
    const problem = bad.message === 'go directive expects exactly one argument' ? 'usage: go 1.23' : bad.message;
    return { line: bad.pos.line, problem };
  }
  if (!mod.go) return {};
  const { version, line } = mod.go;
  if (!isValidGoVersion(version)) return { line: line.start.line, problem: `invalid go version '${version}': must match format 1.23.0` };
  return { version, line: line.start.line };
}

export class Workspace {
  private readonly moduleOfDir = new Map<string, Module | null>();
  private readonly vendorLists = new Map<string, VendoredModule[] | null>();

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
        path: readModulePath(text),
      };
    } else {
      const parent = dirname(dir);
      mod = this.vendoredModule(dir) ?? (parent === dir ? null : this.moduleOf(parent));
    }
    this.moduleOfDir.set(dir, mod);
    return mod;
  }

  /**
   * A directory below a vendor/ directory with a modules.txt belongs to the vendored module
   * that provides its package (src/run/vendor-modules.ts), at that module's go version. The
   * standard library's own vendor/ is the exception: the go command builds those packages as
   * part of std.
   */
  private vendoredModule(dir: string): Module | undefined {
    for (let v = dirname(dir); v !== dirname(v); v = dirname(v)) {
      if (basename(v) !== 'vendor') continue;
      if (this.moduleOf(dirname(v))?.path === 'std') return undefined;
      let list = this.vendorLists.get(v);
      if (list === undefined) {
        const text = this.readText(join(v, 'modules.txt'));
        this.vendorLists.set(v, (list = text === undefined ? null : parseModulesTxt(text)));
      }
      if (!list) continue;
      const m = vendoredModuleOf(list, relative(v, dir).split(sep).join('/'));
      if (!m) return undefined;
      const goVersion = m.goVersion !== undefined && isValidGoVersion(m.goVersion) ? m.goVersion : VENDORED_DEFAULT_GO;
      return { gomod: join(v, ...m.path.split('/'), 'go.mod'), goVersion, path: m.path };
    }
    return undefined;
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

/**
 * A workspace that sees some go.mod / go.work files with new texts (as phase one of a run
 * left them) and reads every other one from disk.
 */
export function workspaceWithModuleFiles(texts: ReadonlyMap<string, string>): Workspace {
  return new Workspace((p) => texts.get(p) ?? tryRead(p));
}

function tryRead(path: string): string | undefined {
  // Most directories have no go.mod: ask first rather than pay for a thrown ENOENT each.
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The import path of the package in `dir`: module path + the directory below the go.mod. */
export function importPathOf(mod: Module | null, dir: string): string | undefined {
  if (!mod?.path) return undefined;
  const rel = relative(dirname(mod.gomod), dir).split(sep).join('/');
  if (rel.startsWith('..')) return undefined;
  if (rel === '') return mod.path;
  // The standard library's module "std" has no prefix: src/net/http is "net/http".
  return mod.path === 'std' ? rel : `${mod.path}/${rel}`;
}
