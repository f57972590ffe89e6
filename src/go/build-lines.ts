/**
 * The build constraint lines of a Go file and what they mean for the Go version: where the
 * `//go:build` and `// +build` lines are (offsets, for edits), the language version the
 * compiler gives the file, and whether a toolchain at a given Go version builds it at all.
 *
 * The rules, from the Go toolchain's own source:
 * - go/parser: a file's GoVersion is constraint.GoVersion of its //go:build line (a comment
 *   before the package clause);
 * - go/types (Checker.initFiles): a file with a GoVersion is compiled at max(GoVersion, 1.21),
 *   whatever the module's go line says; other files at the module's go version. So
 *   `//go:build go1.18` in a module at go 1.22 compiles with Go 1.21 semantics (per-loop
 *   loop variables, no range over int);
 * - go/build: a toolchain at Go 1.N sets the release tags go1.1 ... go1.N.
 */
import { compareGoVersions, maxGoVersion, parseGoVersion } from './goversion.js';
import { packageClauseOffset } from './header.js';
import {
  constraintGoVersion,
  constraintSatisfiable,
  isGoBuildLine,
  isPlusBuildLine,
  parseConstraint,
  type ConstraintExpr,
} from './constraint-expr.js';

/** One `//go:build` or `// +build` line of a file's header. Offsets are UTF-16 units of the source. */
export interface ConstraintLine {
  kind: 'go:build' | '+build';
  /** The comment's text, `//go:build linux` (without a trailing '\r'). */
  text: string;
  /** [start, end): the comment. */
  start: number;
  end: number;
  /** [lineStart, lineEnd): the whole line, its newline included (when it has one). */
  lineStart: number;
  lineEnd: number;
}

/** The build constraint lines of a file, and the //go:build expression. */
export interface BuildConstraints {
  /** Every //go:build line of the header (more than one is an error for the go command). */
  goBuild: ConstraintLine[];
  /** Every // +build line of the header. */
  plusBuild: ConstraintLine[];
  /**
   * The expression of the //go:build line when there is exactly one and it parses; without a
   * //go:build line, the AND of the // +build lines (what go/build evaluates then).
   * Undefined when the file has no constraint, or one the go command rejects.
   */
  expr?: ConstraintExpr;
  /** Why the constraint is unusable (two //go:build lines, a syntax error), if it is. */
  problem?: string;
}

/**
 * The `//go:build` and `// +build` lines of a file's header: `//` comments on lines of their
 * own before the package clause, outside `/* ... *\/` comments (where go/build and gofmt
 * look for them; gofmt keeps them all at the top of a formatted file).
 */
export function buildConstraints(source: string): BuildConstraints {
  const headerEnd = packageClauseOffset(source);
  const out: BuildConstraints = { goBuild: [], plusBuild: [] };
  let inBlock = false;
  for (let lineStart = 0; lineStart < headerEnd; ) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? source.length : nl + 1;
    const raw = source.slice(lineStart, nl < 0 ? source.length : nl);
    const lead = raw.length - raw.trimStart().length;
    let text = raw.trim();
    if (inBlock) {
      const close = text.indexOf('*/');
      inBlock = close < 0;
    } else if (text.startsWith('//')) {
      const start = lineStart + lead;
      text = raw.slice(lead).replace(/\r$/, '');
      const kind = isGoBuildLine(text) ? 'go:build' : isPlusBuildLine(text) ? '+build' : undefined;
      if (kind) (kind === 'go:build' ? out.goBuild : out.plusBuild).push({ kind, text, start, end: start + text.length, lineStart, lineEnd });
    } else if (text.startsWith('/*')) {
      inBlock = !text.slice(2).includes('*/');
    }
    lineStart = lineEnd;
  }
  if (out.goBuild.length > 1) return { ...out, problem: 'multiple //go:build lines' };
  const lines = out.goBuild.length ? out.goBuild : out.plusBuild;
  let expr: ConstraintExpr | undefined;
  for (const line of lines) {
    const p = parseConstraint(line.text);
    if (!p.ok) return { ...out, problem: `${line.text}: ${p.error}` };
    expr = expr ? { op: 'and', x: expr, y: p.expr } : p.expr;
  }
  return expr ? { ...out, expr } : out;
}

/** The minor number of a release tag: 22 for `go1.22`; undefined for any other tag (`go1`, `go1.22.1`, `go1.022`). */
export function releaseTagMinor(tag: string): number | undefined {
  const m = /^go1\.([1-9][0-9]{0,5})$/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

/** The minor number of a Go 1 version (22 for 1.22, 1.22.3, 1.22rc1), or undefined. */
function goMinor(version: string): number | undefined {
  const v = parseGoVersion(version);
  return v && v.major === '1' ? Number(v.minor) : undefined;
}

/**
 * Whether a toolchain at Go `version` or newer may build a file with this constraint: some
 * Go 1.t with t ≥ version's minor sets exactly the release tags go1.1 ... go1.t, and with them
 * (the other tags free, each on or off) the expression can be true. `!go1.18` is false from
 * 1.18 on; `linux && windows` counts as buildable (tags are not related to each other here).
 * Undefined when the expression has too many other tags to try.
 */
export function constraintSatisfiableFrom(x: ConstraintExpr, version: string): boolean | undefined {
  const from = goMinor(version);
  if (from === undefined) return undefined;
  const seen = new Set<number>();
  const collect = (e: ConstraintExpr) => {
    if (e.op === 'tag') {
      const m = releaseTagMinor(e.tag);
      if (m !== undefined && m >= from) seen.add(m);
    } else if (e.op === 'not') collect(e.x);
    else {
      collect(e.x);
      collect(e.y);
    }
  };
  collect(x);
  // Toolchains between two mentioned versions set the same mentioned tags: try one of each.
  let unknown = false;
  for (const t of [from, ...seen]) {
    const r = constraintSatisfiable(x, (tag) => {
      const m = releaseTagMinor(tag);
      return m === undefined ? undefined : m <= t;
    });
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/**
 * The Go language version the compiler gives a file (go/types): max(v, 1.21) where its
 * //go:build line implies a Go version v (`go1.18` → "1.21", `go1.23 && linux` → "1.23"),
 * else the module's go version (`moduleGo`; undefined outside a module).
 */
export function fileLanguageVersion(source: string, moduleGo: string | undefined): string | undefined {
  const c = buildConstraints(source);
  if (c.goBuild.length === 0) return moduleGo;
  // go/parser takes the last //go:build line that parses (the go command rejects two).
  for (let i = c.goBuild.length - 1; i >= 0; i--) {
    const p = parseConstraint(c.goBuild[i].text);
    if (!p.ok) continue;
    const v = constraintGoVersion(p.expr);
    return v === undefined ? moduleGo : maxGoVersion(v, '1.21');
  }
  return moduleGo;
}

/**
 * Whether code that needs Go `version` may be written in this file: its build constraint
 * lets a toolchain at `version` or newer build it (not so for `//go:build !go1.22` and
 * version 1.22), and the compiler gives it a language version at least `version` (not so
 * for `//go:build go1.21` in a module at go 1.22: the file keeps Go 1.21 semantics). A file
 * whose constraint the go command rejects (two //go:build lines, a syntax error) is not
 * touched either. `moduleGo` undefined (no module) counts as new enough, as minGo does.
 *
 * The engine's minGo gate reads the module's go line raised by a //go:build go1.N line; this
 * is the finer question for codemods whose rewrite changes meaning or compiles only from a
 * version on (loop variables, range over int), asked of the file's current text.
 */
export function fileAllowsGo(source: string, moduleGo: string | undefined, version: string): boolean {
  const c = buildConstraints(source);
  if (c.problem) return false;
  if (c.expr && constraintSatisfiableFrom(c.expr, version) !== true) return false;
  const lang = fileLanguageVersion(source, moduleGo);
  return lang === undefined || compareGoVersions(lang, version) >= 0;
}
