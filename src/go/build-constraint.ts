/**
 * The `//go:build` line of a Go file and the minimum Go version it implies:
 * `//go:build go1.21 && linux` implies go1.21; `go1.21 || go1.22` implies go1.21;
 * a negation or an OR with a non-version term implies nothing.
 */
import { packageClauseOffset } from './header.js';

/** The constraint expression, if the file has a //go:build line before its package clause. */
export function goBuildLine(source: string): string | undefined {
  // Only the header (comments before the package clause) can hold build constraints.
  const header = source.slice(0, packageClauseOffset(source));
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

function minVersion(e: Expr): string | undefined {
  switch (e.op) {
    case 'tag': {
      const m = /^go1\.(0|[1-9][0-9]*)$/.exec(e.name);
      return m ? `1.${m[1]}` : undefined;
    }
    case 'not':
      return undefined;
    case 'and': {
      const a = minVersion(e.x);
      const b = minVersion(e.y);
      if (a === undefined) return b;
      if (b === undefined) return a;
      return Number(a.slice(2)) >= Number(b.slice(2)) ? a : b;
    }
    case 'or': {
      const a = minVersion(e.x);
      const b = minVersion(e.y);
      if (a === undefined || b === undefined) return undefined;
      return Number(a.slice(2)) <= Number(b.slice(2)) ? a : b;
    }
  }
}

/** The Go language version a file's //go:build line requires at least, e.g. "1.21". */
export function buildConstraintMinGo(source: string): string | undefined {
  const line = goBuildLine(source);
  if (!line) return undefined;
  const e = parseExpr(line);
  return e && minVersion(e);
}
