/**
 * Build constraint expressions, as Go's go/build/constraint package reads, evaluates and
 * prints them: `//go:build linux && (amd64 || arm64)` and the older `// +build linux,amd64`
 * lines. A port of $GOROOT/src/go/build/constraint (expr.go, vers.go), with the same error
 * messages and the same printed forms, so that a line this module prints is the line gofmt
 * prints, and the `// +build` lines it derives are those `go vet`'s buildtag check expects.
 *
 * On top of the port: `simplifyConstraint` (fold tags whose value is known, e.g. the go1.N
 * release tags that a module's minimum Go version makes true) and `constraintSatisfiable`.
 */

/**
 * A build constraint expression: a tag, `!x`, `x && y` or `x || y` (go/build/constraint's
 * TagExpr, NotExpr, AndExpr, OrExpr). Parentheses are not kept: printing puts back those
 * the structure needs.
 */
export type ConstraintExpr =
  | { op: 'tag'; tag: string }
  | { op: 'not'; x: ConstraintExpr }
  | { op: 'and' | 'or'; x: ConstraintExpr; y: ConstraintExpr };

/** A parsed line, or why it does not parse (go/build/constraint's message, and the offset in the expression text). */
export type ConstraintParse = { ok: true; expr: ConstraintExpr } | { ok: false; error: string; offset: number };

/** The limit go/build/constraint puts on the size of a //go:build expression. */
const MAX_SIZE = 1000;
/** And on the number of && / || of a // +build line. */
const MAX_OLD_SIZE = 100;

const tag = (t: string): ConstraintExpr => ({ op: 'tag', tag: t });
const not = (x: ConstraintExpr): ConstraintExpr => ({ op: 'not', x });
const and = (x: ConstraintExpr, y: ConstraintExpr): ConstraintExpr => ({ op: 'and', x, y });
const or = (x: ConstraintExpr, y: ConstraintExpr): ConstraintExpr => ({ op: 'or', x, y });

/** A tag character: a letter, a digit, `_` or `.` (unicode.IsLetter / IsDigit, as Go checks). */
const TAG_CHAR = /[\p{L}\p{Nd}_.]/u;

/** unicode.IsSpace: Go's white space (JavaScript's \s differs: it has U+FEFF, not U+0085). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const TRIM_SPACE = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'gu');
const FIELDS = new RegExp(`${GO_SPACE}+`, 'u');

/** Go's strings.TrimSpace. */
function trimSpace(s: string): string {
  return s.replace(TRIM_SPACE, '');
}

/** The expression text of a `//go:build` line, or undefined when the line is not one (constraint.splitGoBuild). */
function splitGoBuild(line: string): string | undefined {
  if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line.includes('\n') || !line.startsWith('//go:build')) return undefined;
  line = trimSpace(line).slice('//go:build'.length);
  const trimmed = trimSpace(line);
  // `//go:buildx` is not a //go:build line; `//go:build` alone is (an empty expression).
  if (line.length === trimmed.length && line !== '') return undefined;
  return trimmed;
}

/** The expression text of a `// +build` line, or undefined when the line is not one (constraint.splitPlusBuild). */
function splitPlusBuild(line: string): string | undefined {
  if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line.includes('\n') || !line.startsWith('//')) return undefined;
  line = trimSpace(line.slice(2));
  if (!line.startsWith('+build')) return undefined;
  line = line.slice('+build'.length);
  const trimmed = trimSpace(line);
  if (line.length === trimmed.length && line !== '') return undefined;
  return trimmed;
}

/** Whether a comment line is a `//go:build` constraint (the prefix only: the expression may not parse). */
export function isGoBuildLine(line: string): boolean {
  return splitGoBuild(line) !== undefined;
}

/** Whether a comment line is a `// +build` constraint (the prefix only; `//+build` counts too). */
export function isPlusBuildLine(line: string): boolean {
  return splitPlusBuild(line) !== undefined;
}

/**
 * Parses one `//go:build ...` or `// +build ...` line (constraint.Parse). A `// +build` line
 * is an OR of space-separated clauses, each an AND of comma-separated (possibly negated)
 * tags; invalid words read as the tag `ignore`, as go/build reads them.
 */
export function parseConstraint(line: string): ConstraintParse {
  const goBuild = splitGoBuild(line);
  if (goBuild !== undefined) return parseExpr(goBuild);
  const plusBuild = splitPlusBuild(line);
  if (plusBuild !== undefined) return parsePlusBuildExpr(plusBuild);
  return { ok: false, error: 'not a build constraint', offset: 0 };
}

class SyntaxError {
  constructor(
    readonly offset: number,
    public message: string,
  ) {}
}

/** The recursive-descent parser of //go:build expressions (constraint.exprParser). */
class ExprParser {
  private i = 0;
  tok = '';
  private isTag = false;
  pos = 0;
  private size = 0;

  constructor(private readonly s: string) {}

  or(): ConstraintExpr {
    let x = this.and();
    while (this.tok === '||') x = or(x, this.and());
    return x;
  }

  and(): ConstraintExpr {
    let x = this.not();
    while (this.tok === '&&') x = and(x, this.not());
    return x;
  }

  not(): ConstraintExpr {
    if (++this.size > MAX_SIZE) throw new SyntaxError(this.pos, 'build expression too large');
    this.lex();
    if (this.tok === '!') {
      this.lex();
      if (this.tok === '!') throw new SyntaxError(this.pos, 'double negation not allowed');
      return not(this.atom());
    }
    return this.atom();
  }

  atom(): ConstraintExpr {
    if (this.tok === '(') {
      const pos = this.pos;
      let x: ConstraintExpr;
      try {
        x = this.or();
      } catch (e) {
        if (e instanceof SyntaxError && e.message === 'unexpected end of expression') e.message = 'missing close paren';
        throw e;
      }
      if ((this.tok as string) !== ')') throw new SyntaxError(pos, 'missing close paren');
      this.lex();
      return x;
    }
    if (!this.isTag) {
      if (this.tok === '') throw new SyntaxError(this.pos, 'unexpected end of expression');
      throw new SyntaxError(this.pos, 'unexpected token ' + this.tok);
    }
    const t = this.tok;
    this.lex();
    return tag(t);
  }

  lex(): void {
    const s = this.s;
    this.isTag = false;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
    if (this.i >= s.length) {
      this.tok = '';
      this.pos = this.i;
      return;
    }
    const c = s[this.i];
    if (c === '(' || c === ')' || c === '!') {
      this.pos = this.i++;
      this.tok = c;
      return;
    }
    if (c === '&' || c === '|') {
      if (this.i + 1 >= s.length || s[this.i + 1] !== c) throw new SyntaxError(this.i, 'invalid syntax at ' + c);
      this.pos = this.i;
      this.i += 2;
      this.tok = c + c;
      return;
    }
    let end = this.i;
    for (const ch of s.slice(this.i)) {
      if (!TAG_CHAR.test(ch)) break;
      end += ch.length;
    }
    if (end === this.i) throw new SyntaxError(this.i, 'invalid syntax at ' + String.fromCodePoint(s.codePointAt(this.i)!));
    this.pos = this.i;
    this.tok = s.slice(this.i, end);
    this.i = end;
    this.isTag = true;
  }
}

function parseExpr(text: string): ConstraintParse {
  const p = new ExprParser(text);
  try {
    const x = p.or();
    if (p.tok !== '') throw new SyntaxError(p.pos, 'unexpected token ' + p.tok);
    return { ok: true, expr: x };
  } catch (e) {
    if (e instanceof SyntaxError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

function isValidTag(word: string): boolean {
  if (word === '') return false;
  for (const ch of word) if (!TAG_CHAR.test(ch)) return false;
  return true;
}

function parsePlusBuildExpr(text: string): ConstraintParse {
  let size = 0;
  let x: ConstraintExpr | undefined;
  for (const clause of text.split(FIELDS).filter(Boolean)) {
    let y: ConstraintExpr | undefined;
    for (let lit of clause.split(',')) {
      let z: ConstraintExpr;
      if (lit.startsWith('!!') || lit === '!') {
        z = tag('ignore');
      } else {
        const neg = lit.startsWith('!');
        if (neg) lit = lit.slice(1);
        z = isValidTag(lit) ? tag(lit) : tag('ignore');
        if (neg) z = not(z);
      }
      if (y === undefined) y = z;
      else {
        if (++size > MAX_OLD_SIZE) return { ok: false, error: 'expression too complex for // +build lines', offset: 0 };
        y = and(y, z);
      }
    }
    if (x === undefined) x = y;
    else {
      if (++size > MAX_OLD_SIZE) return { ok: false, error: 'expression too complex for // +build lines', offset: 0 };
      x = or(x, y!);
    }
  }
  return { ok: true, expr: x ?? tag('ignore') };
}

/** The expression in //go:build syntax, parenthesized as go/build/constraint prints it (and gofmt writes it). */
export function constraintString(x: ConstraintExpr): string {
  switch (x.op) {
    case 'tag':
      return x.tag;
    case 'not': {
      const s = constraintString(x.x);
      return x.x.op === 'and' || x.x.op === 'or' ? `!(${s})` : `!${s}`;
    }
    case 'and':
      return `${operand(x.x, 'or')} && ${operand(x.y, 'or')}`;
    case 'or':
      return `${operand(x.x, 'and')} || ${operand(x.y, 'and')}`;
  }
}

function operand(x: ConstraintExpr, parenthesize: 'and' | 'or'): string {
  const s = constraintString(x);
  return x.op === parenthesize ? `(${s})` : s;
}

/** Whether the expression is true when `ok(tag)` says which tags are set (constraint.Expr.Eval). */
export function evalConstraint(x: ConstraintExpr, ok: (tag: string) => boolean): boolean {
  switch (x.op) {
    case 'tag':
      return ok(x.tag);
    case 'not':
      return !evalConstraint(x.x, ok);
    case 'and': {
      // Both sides, as Go does: `ok` observes every tag.
      const a = evalConstraint(x.x, ok);
      const b = evalConstraint(x.y, ok);
      return a && b;
    }
    case 'or': {
      const a = evalConstraint(x.x, ok);
      const b = evalConstraint(x.y, ok);
      return a || b;
    }
  }
}

/**
 * The minimum Go version the expression implies (constraint.GoVersion), without the "go"
 * prefix: `linux && go1.22` → "1.22", `(linux && go1.22) || (windows && go1.20)` → "1.20",
 * `go1` → "1"; undefined when it can be satisfied without a go1.N tag (`linux`,
 * `linux || go1.22`, `!go1.22`). Structural, as Go's: "impossible" parts count.
 * This is the version go/parser records as a file's GoVersion.
 */
export function constraintGoVersion(x: ConstraintExpr): string | undefined {
  const v = minVersion(x, 1);
  if (v < 0) return undefined;
  return v === 0 ? '1' : `1.${v}`;
}

function minVersion(z: ConstraintExpr, sign: 1 | -1): number {
  switch (z.op) {
    case 'and':
    case 'or': {
      const a = minVersion(z.x, sign);
      const b = minVersion(z.y, sign);
      // AND implies the larger minimum, OR the smaller; a negation swaps them.
      return (z.op === 'and') === (sign > 0) ? Math.max(a, b) : Math.min(a, b);
    }
    case 'not':
      return minVersion(z.x, sign > 0 ? -1 : 1);
    case 'tag': {
      if (sign < 0) return -1; // !foo implies nothing
      if (z.tag === 'go1') return 0;
      // strings.Cut(tag, "go1.") and strconv.Atoi, as vers.go does (so "x_go1.5" reads as 5).
      const at = z.tag.indexOf('go1.');
      if (at < 0) return -1;
      const v = z.tag.slice(at + 4);
      return /^[+-]?[0-9]{1,18}$/.test(v) ? Number(v) : -1;
    }
  }
}

/**
 * The `// +build` lines that say what `x` says (constraint.PlusBuildLines), or undefined when
 * it is too complex for them. gofmt writes exactly these below a //go:build line when a
 * file has +build lines, and `go vet` (buildtag) requires them.
 */
export function plusBuildLines(x: ConstraintExpr): string[] | undefined {
  x = pushNot(x, false);
  // An AND of ORs of ANDs of literals (a tag or a negated tag).
  const split: ConstraintExpr[][][] = [];
  for (const orPart of splitOp(x, 'and')) {
    const ands: ConstraintExpr[][] = [];
    for (const andPart of splitOp(orPart, 'or')) {
      const lits = splitOp(andPart, 'and');
      if (lits.some((l) => l.op !== 'tag' && l.op !== 'not')) return undefined;
      ands.push(lits);
    }
    split.push(ands);
  }
  // Without any real OR, one line holds everything.
  const lines = Math.max(...split.map((o) => o.length)) === 1 ? [[split.flatMap((o) => o[0])]] : split;
  return lines.map((orPart) => '// +build' + orPart.map((andPart) => ' ' + andPart.map(constraintString).join(',')).join(''));
}

/** De Morgan: negations pushed down to the tags (constraint.pushNot). */
function pushNot(x: ConstraintExpr, negate: boolean): ConstraintExpr {
  switch (x.op) {
    case 'not':
      if (x.x.op === 'tag' && !negate) return x;
      return pushNot(x.x, !negate);
    case 'tag':
      return negate ? not(x) : x;
    case 'and':
    case 'or': {
      const a = pushNot(x.x, negate);
      const b = pushNot(x.y, negate);
      const op = negate ? (x.op === 'and' ? 'or' : 'and') : x.op;
      if (!negate && a === x.x && b === x.y) return x;
      return { op, x: a, y: b };
    }
  }
}

/** `x` split at top-level `op`s: splitOp(W && (X && Y), 'and') = [W, X, Y]. */
function splitOp(x: ConstraintExpr, op: 'and' | 'or'): ConstraintExpr[] {
  return x.op === op ? [...splitOp(x.x, op), ...splitOp(x.y, op)] : [x];
}

/**
 * The expression with the tags whose value is known replaced by it and the constants folded
 * away: `true && x` is `x`, `true || x` is true, `!true` is false. `value(tag)` is true or
 * false for a known tag, undefined for one that stays. What is left keeps the shape it had
 * (the order of terms, the nesting), so it prints as the original line minus the folded
 * terms. Returns true or false when nothing is left.
 */
export function simplifyConstraint(x: ConstraintExpr, value: (tag: string) => boolean | undefined): ConstraintExpr | boolean {
  switch (x.op) {
    case 'tag': {
      const v = value(x.tag);
      return v === undefined ? x : v;
    }
    case 'not': {
      const a = simplifyConstraint(x.x, value);
      if (typeof a === 'boolean') return !a;
      if (a === x.x) return x;
      // `!(!(a && go1.18))` becomes `a`, not `!!a` (which Go prints but cannot read).
      return a.op === 'not' ? a.x : not(a);
    }
    case 'and':
    case 'or': {
      const a = simplifyConstraint(x.x, value);
      const b = simplifyConstraint(x.y, value);
      // The value that decides the operator (false for &&, true for ||), and the one that drops out.
      const decides = x.op === 'or';
      if (a === decides || b === decides) return decides;
      if (a === !decides) return b;
      if (b === !decides) return a;
      return a === x.x && b === x.y ? x : { op: x.op, x: a as ConstraintExpr, y: b as ConstraintExpr };
    }
  }
}

/** The distinct tags of an expression, in order of first appearance. */
export function constraintTags(x: ConstraintExpr): string[] {
  const out = new Set<string>();
  const walk = (e: ConstraintExpr) => {
    if (e.op === 'tag') out.add(e.tag);
    else if (e.op === 'not') walk(e.x);
    else {
      walk(e.x);
      walk(e.y);
    }
  };
  walk(x);
  return [...out];
}

/** More free tags than this and `constraintSatisfiable` does not search (it answers undefined). */
const MAX_FREE_TAGS = 16;

/**
 * Whether some setting of the tags makes the expression true, given the tags whose value
 * `value` knows (the others are free, and independent: `linux && windows` counts as
 * satisfiable). Undefined when there are too many free tags to try (more than 16).
 */
export function constraintSatisfiable(x: ConstraintExpr, value: (tag: string) => boolean | undefined = () => undefined): boolean | undefined {
  const s = simplifyConstraint(x, value);
  if (typeof s === 'boolean') return s;
  const free = constraintTags(s);
  if (free.length > MAX_FREE_TAGS) return undefined;
  for (let bits = 0; bits < 1 << free.length; bits++) {
    if (evalConstraint(s, (t) => (bits & (1 << free.indexOf(t))) !== 0)) return true;
  }
  return false;
}
