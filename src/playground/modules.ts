/**
 * Modules among the playground's files: a directory's nearest go.mod, its go directive and
 * module path, as src/run/workspace.ts reads them from disk (that module reads files with
 * node:fs, so the page cannot import it; the reading of the go directive below is the same,
 * through the same go.mod parser, src/go/gomod.ts).
 */
import { isValidGoVersion } from '../go/goversion.js';
import { parseModFile } from '../go/gomod.js';

/** The go command's assumption for a go.mod with no go line (go.dev/ref/mod#go-mod-file-go). */
export const GO_VERSION_WITHOUT_DIRECTIVE = '1.16';

export interface ModuleInfo {
  /** The go.mod's path among the files. */
  gomod: string;
  goVersion: string;
  /** Why the go directive cannot be read (its 1-based line). */
  problem?: { line: number; message: string };
  /** The module path (`module` line). */
  path?: string;
  /** The import path of the directory asked about. */
  importPath?: string;
}

/** The go directive of a go.mod text, or the problem that leaves it unknown. */
export function readGoDirective(text: string): { version?: string; line?: number; problem?: string } {
  const mod = parseModFile(text, { kind: 'go.mod' });
  if (!mod.syntaxOk) return { line: mod.diagnostics[0].pos.line, problem: mod.diagnostics[0].message };
  const goStmts = new Set(mod.stmts.filter((s) => s.type !== 'comments' && s.tokens[0]?.text === 'go').map((s) => s.start.offset));
  const bad = mod.diagnostics.find((d) => goStmts.has(d.pos.offset));
  if (bad) return { line: bad.pos.line, problem: bad.message === 'go directive expects exactly one argument' ? 'usage: go 1.23' : bad.message };
  if (!mod.go) return {};
  const { version, line } = mod.go;
  if (!isValidGoVersion(version)) return { line: line.start.line, problem: `invalid go version '${version}': must match format 1.23.0` };
  return { version, line: line.start.line };
}

const parentOf = (dir: string) => (dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.');

/** The module of directory `dir` ('.' for the top): its nearest go.mod at or above it among `texts` (by path), or null. */
export function moduleOf(dir: string, texts: ReadonlyMap<string, string>): ModuleInfo | null {
  for (let d = dir; ; d = parentOf(d)) {
    const gomod = d === '.' ? 'go.mod' : `${d}/go.mod`;
    const text = texts.get(gomod);
    if (text !== undefined) {
      const directive = readGoDirective(text);
      const info: ModuleInfo = { gomod, goVersion: directive.version ?? GO_VERSION_WITHOUT_DIRECTIVE };
      if (directive.problem) info.problem = { line: directive.line ?? 1, message: directive.problem };
      const path = parseModFile(text, { kind: 'go.mod' }).module?.path;
      if (path) {
        info.path = path;
        const rel = d === '.' ? dir : dir === d ? '' : dir.slice(d.length + 1);
        const below = rel === '.' ? '' : rel;
        // The standard library's module "std" has no prefix: src/net/http is "net/http".
        info.importPath = below === '' ? path : path === 'std' ? below : `${path}/${below}`;
      }
      return info;
    }
    if (d === '.') return null;
  }
}

/** What makes a go.mod or go.work unreadable to the go command, as the CLI reports it. */
export function moduleFileProblem(path: string, kind: 'go.mod' | 'go.work', text: string): { path: string; line: number; message: string } | undefined {
  if (kind === 'go.mod') {
    const d = readGoDirective(text);
    if (d.problem) return { path, line: d.line ?? 1, message: d.problem };
  }
  const first = parseModFile(text, { kind }).diagnostics[0];
  return first ? { path, line: first.pos.line, message: first.message } : undefined;
}
