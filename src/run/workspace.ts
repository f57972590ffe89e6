/**
 * Which module a file belongs to (its nearest go.mod; below vendor/, the vendored module
 * that vendor/modules.txt says provides it) and the file's Go version: the module's go
 * directive, adjusted by the file's //go:build line (src/go/build-constraint.ts).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { constrainedGoVersion } from '../go/build-constraint.js';
import { compareGoVersions, isValidGoVersion } from '../go/goversion.js';
import { parseModFile, type ModFile } from '../go/gomod.js';
import { readRegularFile, tryReadRegularText } from './safe-fs.js';
import { describeFsError, displayPath } from './paths.js';
import type { Module } from './module.js';
import { parseModulesTxt, vendoredModuleOf, VENDORED_DEFAULT_GO, type VendoredModule } from './vendor-modules.js';

// Where they have always been imported from; they live in module.ts so that worker threads,
// which need them, load no go.mod parser.
export { importPathOf, type Module } from './module.js';

/** The go command's assumption for a go.mod with no go line (go.dev/ref/mod#go-mod-file-go). */
export const GO_VERSION_WITHOUT_DIRECTIVE = '1.16';

/**
 * A go.mod or go.work text parsed once per thread: the module of every directory, the file's
 * own problems and the go directive all read the same text, and a go.mod with a long require
 * list costs milliseconds to parse (each used to be parsed four times in the main thread and
 * twice in every worker). Callers only read the result. Bounded: a run over thousands of
 * modules keeps the last few hundred.
 */
const parsed = new Map<string, ModFile>();
const PARSED_MAX = 256;

/** `directives`: see ParseOptions.directives; undefined: every directive checked. */
function parseModText(text: string, kind: 'go.mod' | 'go.work', directives?: readonly string[]): ModFile {
  const key = `${kind}\0${directives?.join(' ') ?? '*'}\0${text}`;
  let mod = parsed.get(key);
  if (!mod) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(key, (mod = parseModFile(text, { kind, directives })));
  }
  return mod;
}

/** What the module of a directory needs of its go.mod (its go and module lines), read once. */
const MODULE_LINES = ['go', 'module'];

/** The module path of a go.mod text (undefined when it has none or does not parse). */
export function readModulePath(text: string): string | undefined {
  return parseModText(text, 'go.mod', MODULE_LINES).module?.path;
}

/**
 * Reads the go directive of a go.mod text with the go command's own parser (src/go/gomod.ts).
 * A problem is whatever leaves the version unknown: a syntax error anywhere in the file, or a
 * go line that is malformed, repeated, in a block, or not a version gover can compare
 * ("1.21.0rc1" passes modfile's pattern but not gover). Errors in other directives do not
 * affect the version and are left to the go command.
 */
export function readGoDirective(text: string): { version?: string; line?: number; problem?: string } {
  const mod = parseModText(text, 'go.mod', MODULE_LINES);
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

/** What a directory's module takes from its go.mod's text: the go directive (or its problem) and the module path. */
export interface ModuleLines {
  version?: string;
  line?: number;
  problem?: string;
  path?: string;
}

/** ModuleLines kept by text across runs (src/run/stat-index.ts): parsing a long go.mod costs milliseconds. */
export interface ModuleLinesMemo {
  get(text: string): ModuleLines | undefined;
  put(text: string, lines: ModuleLines): void;
}

export function moduleLinesOf(text: string): ModuleLines {
  const lines: ModuleLines = readGoDirective(text);
  const path = readModulePath(text);
  if (path !== undefined) lines.path = path;
  return lines;
}

export class Workspace {
  private readonly moduleOfDir = new Map<string, Module | null>();
  private readonly vendorLists = new Map<string, VendoredModule[] | null>();

  constructor(
    private readonly readText: (path: string) => string | undefined = tryRead,
    /** The text on disk of a go.mod that `readText` gives with another text (see goVersionOnDisk). */
    private readonly readOnDisk: (path: string) => string | undefined = () => undefined,
    private readonly memo?: ModuleLinesMemo,
  ) {}

  private linesOf(text: string): ModuleLines {
    const known = this.memo?.get(text);
    if (known) return known;
    const lines = moduleLinesOf(text);
    this.memo?.put(text, lines);
    return lines;
  }

  /** The module of a directory: its nearest go.mod at or above it, or null. */
  moduleOf(dir: string): Module | null {
    const known = this.moduleOfDir.get(dir);
    if (known !== undefined) return known;
    const gomod = dir.endsWith(sep) ? `${dir}go.mod` : `${dir}${sep}go.mod`;
    let text: string | undefined;
    let unreadable: string | undefined;
    try {
      text = this.readText(gomod);
    } catch (e) {
      // There is a go.mod, but not one to read (a FIFO, no permission): its module's files
      // cannot know their Go version, like those of a malformed go.mod.
      unreadable = `cannot read go.mod: ${describeFsError(e)}`;
      text = '';
    }
    let mod: Module | null;
    if (unreadable) {
      mod = { gomod, goVersion: GO_VERSION_WITHOUT_DIRECTIVE, problem: { line: 1, message: unreadable, unreadable: true } };
    } else if (text !== undefined) {
      const d = this.linesOf(text);
      mod = {
        gomod,
        goVersion: d.version ?? GO_VERSION_WITHOUT_DIRECTIVE,
        problem: d.problem ? { line: d.line ?? 1, message: d.problem } : undefined,
        path: d.path,
      };
      const disk = this.readOnDisk(gomod);
      const before = disk === undefined || disk === text ? undefined : (readGoDirective(disk).version ?? GO_VERSION_WITHOUT_DIRECTIVE);
      if (before !== undefined && before !== mod.goVersion) mod.goVersionOnDisk = before;
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
    return constrainedGoVersion(mod ? mod.goVersion : fallback, source);
  }
}

/**
 * A workspace that sees some go.mod / go.work files with new texts (as phase one of a run
 * left them) and reads every other one from disk. `hasGoMod`: whether a directory has an
 * entry named go.mod, where the caller knows (discovery listed it); elsewhere, the disk says.
 */
export function workspaceWithModuleFiles(texts: ReadonlyMap<string, string>, hasGoMod?: ReadonlyMap<string, boolean>, memo?: ModuleLinesMemo): Workspace {
  return new Workspace(
    // hasGoMod knows go.mod entries only (not vendor/modules.txt).
    (p) => texts.get(p) ?? (basename(p) === 'go.mod' && hasGoMod?.get(dirname(p)) === false ? undefined : tryRead(p)),
    (p) => (texts.has(p) ? tryReadRegularText(p) : undefined),
    memo,
  );
}

/** The text of a go.mod; undefined when there is none; throws when there is one it cannot read. */
function tryRead(path: string): string | undefined {
  // Most directories have no go.mod: ask first rather than pay for a thrown ENOENT each.
  // Never a plain open: a go.mod that is a FIFO would block it (safe-fs.ts).
  if (!existsSync(path)) return undefined;
  return readRegularFile(path).toString('utf8');
}

/**
 * What makes a go.mod or go.work unreadable to the go command (a go line that gives no
 * version, or its first other error), as `path:line`, message; undefined when it is fine.
 */
export function moduleFileProblem(abs: string, kind: 'go.mod' | 'go.work' | 'go', cwd: string): { path: string; message: string } | undefined {
  if (kind === 'go') return undefined;
  let text: string;
  try {
    text = readRegularFile(abs).toString('utf8');
  } catch (e) {
    return { path: `${displayPath(abs, cwd)}:1`, message: `cannot read ${kind}: ${describeFsError(e)}` };
  }
  return moduleFileProblemOf(text, abs, kind, cwd);
}

/** moduleFileProblem of the text of the file at `abs`, read already. */
export function moduleFileProblemOf(text: string, abs: string, kind: 'go.mod' | 'go.work' | 'go', cwd: string): { path: string; message: string } | undefined {
  if (kind === 'go') return undefined;
  if (kind === 'go.mod') {
    // As the Go files of the module report it (same path and line: reported once).
    const d = readGoDirective(text);
    if (d.problem) return { path: `${displayPath(abs, cwd)}:${d.line ?? 1}`, message: d.problem };
  }
  const first = parseModText(text, kind).diagnostics[0];
  return first ? { path: `${displayPath(abs, cwd)}:${first.pos.line}`, message: first.message } : undefined;
}
