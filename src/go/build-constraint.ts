/**
 * The `//go:build` line of a Go file and the Go versions it implies: at least
 * (`//go:build go1.21 && linux`: go1.21; `go1.21 || go1.22`: go1.21; a negation or an OR
 * with a non-version term: nothing) and at most (`!go1.18`: below go1.18), and from them
 * the file's Go version as go/types computes it.
 */
import { compareGoVersions, maxGoVersion } from './goversion.js';
import { packageClauseOffset } from './header.js';

/** The constraint expression, if the file has a //go:build line before its package clause. */
export function goBuildLine(source: string): string | undefined {
  // Only the header (comments before the package clause) can hold build constraints.
  const header = source.slice(0, packageClauseOffset(source));
  if (!header.includes('//go:build')) return undefined; // most files: no line to look for
  let inBlock = false;
  for (const raw of header.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const close = line.indexOf('*/');
      if (close < 0) continue;
      inBlock = false;
      line = line.slice(close + 2).trim();
    }
    if (line.startsWith('//go:build ')) return line.slice('//go:build '.length).trim();
    if (line.startsWith('/*') && !line.includes('*/', 2)) inBlock = true;
  }
  return undefined;
}

type Expr = { op: 'tag'; name: string } | { op: 'not'; x: Expr } | { op: 'and' | 'or'; x: Expr; y: Expr };

function parseExpr(text: string): Expr | undefined {
  const tokens = text.match(/&&|\|\||[()!]|[A-Za-z0-9_.]+|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const or = (): Expr | undefined => {
    let x = and();
    while (x && peek() === '||') {
      pos++;
      const y = and();
      if (!y) return undefined;
      x = { op: 'or', x, y };
    }
    return x;
  };
  const and = (): Expr | undefined => {
    let x = not();
    while (x && peek() === '&&') {
      pos++;
      const y = not();
      if (!y) return undefined;
      x = { op: 'and', x, y };
    }
    return x;
  };
  const not = (): Expr | undefined => {
    const t = tokens[pos++];
    if (t === '!') {
      const x = not();
      return x && { op: 'not', x };
    }
    if (t === '(') {
      const x = or();
      if (tokens[pos++] !== ')') return undefined;
      return x;
    }
    if (t && /^[A-Za-z0-9_.]+$/.test(t)) return { op: 'tag', name: t };
    return undefined;
  };
  const e = or();
  return e && pos === tokens.length ? e : undefined;
}

/** A go1.N release tag's N (`go1` is 0), or -1 for any other tag. */
function releaseMinor(tag: string): number {
  if (tag === 'go1') return 0;
  const m = /^go1\.([0-9]+)$/.exec(tag);
  return m ? Number(m[1]) : -1;
}

/**
 * The lowest Go 1.N a toolchain must be for `e` to hold (-1: none): go/build/constraint's
 * GoVersion, sign and all (`!go1.18` implies nothing, `!!go1.21` implies 1.21).
 */
function minVersion(e: Expr, sign: 1 | -1): number {
  switch (e.op) {
    case 'tag':
      return sign < 0 ? -1 : releaseMinor(e.name);
    case 'not':
      return minVersion(e.x, sign === 1 ? -1 : 1);
    case 'and':
    case 'or': {
      const a = minVersion(e.x, sign);
      const b = minVersion(e.y, sign);
      // AND needs both (the higher minimum), OR either (the lower); a negation swaps them.
      return (e.op === 'and') === sign > 0 ? Math.max(a, b) : Math.min(a, b);
    }
  }
}

/**
 * The highest Go 1.N a toolchain may be for `e` to hold (Infinity: no bound). Release tags
 * are cumulative (a go1.21 toolchain sets go1.1 ... go1.21), so `!go1.18` holds only below
 * 1.18. The dual of `minVersion`; other tags bound nothing either way.
 */
function maxVersion(e: Expr, sign: 1 | -1): number {
  switch (e.op) {
    case 'tag': {
      const n = releaseMinor(e.name);
      return sign > 0 || n < 0 ? Infinity : n - 1;
    }
    case 'not':
      return maxVersion(e.x, sign === 1 ? -1 : 1);
    case 'and':
    case 'or': {
      const a = maxVersion(e.x, sign);
      const b = maxVersion(e.y, sign);
      return (e.op === 'and') === sign > 0 ? Math.min(a, b) : Math.max(a, b);
    }
  }
}

function constraintOf(source: string): Expr | undefined {
  const line = goBuildLine(source);
  return line === undefined ? undefined : parsedLine(line).expr;
}

/**
 * A build line's expression and the Go versions it bounds, once per distinct line: a tree
 * repeats a few lines (`linux`, `amd64 || arm64`, `!purego`) over thousands of files.
 */
const parsedLines = new Map<string, { expr: Expr | undefined; lo: number; hi: number }>();

function parsedLine(line: string): { expr: Expr | undefined; lo: number; hi: number } {
  let p = parsedLines.get(line);
  if (!p) {
    if (parsedLines.size >= 1024) parsedLines.clear();
    const expr = parseExpr(line);
    parsedLines.set(line, (p = { expr, lo: expr ? minVersion(expr, 1) : -1, hi: expr ? maxVersion(expr, 1) : Infinity }));
  }
  return p;
}

/** The Go language version a file's //go:build line requires at least, e.g. "1.21". */
export function buildConstraintMinGo(source: string): string | undefined {
  const e = constraintOf(source);
  const n = e ? minVersion(e, 1) : -1;
  return n < 0 ? undefined : `1.${n}`;
}

/**
 * The newest Go a toolchain may be to build the file, e.g. "1.17" for `//go:build !go1.18`:
 * only older toolchains compile it, so nothing newer may be written into it.
 */
export function buildConstraintMaxGo(source: string): string | undefined {
  const e = constraintOf(source);
  const n = e ? maxVersion(e, 1) : Infinity;
  return n === Infinity || n < 0 ? undefined : `1.${n}`;
}

/**
 * A file's Go version from its module's (`moduleVersion`, undefined: unknown, new enough)
 * and its //go:build line, as go/types sets it (go/types/check.go, since Go 1.21): a line
 * implying go1.N gives the file max(go1.N, go1.21), which can be lower than the module's
 * version (a file may opt out of newer semantics) or higher. In a module older than 1.21
 * whose line implies less than 1.21, toolchains before 1.21 build the file at the module's
 * version: the line then only raises it, as it always has here. Last, the version never
 * exceeds what the newest toolchain that builds the file supports (`!go1.18`: 1.17).
 */
export function constrainedGoVersion(moduleVersion: string | undefined, source: string): string | undefined {
  const line = goBuildLine(source);
  const parsed = line === undefined ? undefined : parsedLine(line);
  if (!parsed?.expr) return moduleVersion;
  let v = moduleVersion;
  const { lo, hi } = parsed;
  if (v !== undefined && lo >= 0) {
    const implied = `1.${lo}`;
    v = lo >= 21 || compareGoVersions(v, '1.21') >= 0 ? (maxGoVersion(implied, '1.21') as string) : maxGoVersion(v, implied);
  }
  if (hi !== Infinity && hi >= 0) {
    const bound = `1.${hi}`;
    if (v === undefined || compareGoVersions(bound, v) < 0) v = bound;
  }
  return v;
}
