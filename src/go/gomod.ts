/**
 * go.mod and go.work files: a port of the go command's own parser,
 * $GOROOT/src/cmd/vendor/golang.org/x/mod/modfile (read.go, rule.go, work.go), as
 * `go mod edit` runs it (modfile.Parse / ParseWork with no version fixer).
 *
 * The syntax layer (lexer, lines, `( )` blocks, comment attachment) is read.go line for line;
 * the directive layer checks module, go, toolchain, godebug, require, exclude, replace,
 * retract, tool, ignore (go.mod) and go, toolchain, godebug, use, replace (go.work) with
 * rule.go's messages. Nothing here throws on bad input: problems are `ModDiagnostic`s, with
 * the positions the go command prints.
 *
 * Positions are UTF-16 offsets into the JS string (what `Edit` takes), plus 1-based line and
 * column. The parser never rewrites the text; the edit helpers at the end compute minimal
 * edits, so every byte they do not touch stays as it was (CRLF, odd spacing, comments).
 */
import type { Edit } from './codemod.js';
import { compareGoVersions, isValidGoVersion } from './goversion.js';

/** Which grammar a module file follows. */
export type ModFileKind = 'go.mod' | 'go.work';

/** A point in the text. `col` counts UTF-8 bytes (go vet style); `runeCol` counts runes (modfile's LineRune). */
export interface Pos {
  /** UTF-16 offset into the source string. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in bytes. */
  col: number;
  /** 1-based, in runes: what the go command prints in its error messages. */
  runeCol: number;
}

/** A `//` comment. `text` is the comment without its line terminator. */
export interface ModComment {
  text: string;
  /** Offset of the `//`; -1 for the empty marker of a blank line inside a block. */
  start: number;
  /** True for an end-of-line comment (something precedes it on its line). */
  suffix: boolean;
}

export interface ModToken {
  /** The token as written (quoted strings keep their quotes). */
  text: string;
  start: number;
  end: number;
}

/** Comments attached to a statement, as modfile attaches them. */
export interface ModComments {
  /** Whole-line comments directly above (no blank line between); in blocks, `{text: ''}` marks a blank line. */
  before: ModComment[];
  /** End-of-line comments. */
  suffix: ModComment[];
}

/** One line of tokens: a top-level directive, or one line inside a block. */
export interface ModLine extends ModComments {
  type: 'line';
  /** For a line inside a block, the tokens after the block's verb (modfile's Line.Token). */
  tokens: ModToken[];
  inBlock: boolean;
  /** Start of the first token, end of the last (modfile's Line.Start / End). */
  start: Pos;
  end: Pos;
  /** Offset just past the line's terminator: its newline, its end-of-line comment's newline, or the end of the file. */
  eolEnd: number;
}

/** A factored block `verb ( ... )`. */
export interface ModBlock extends ModComments {
  type: 'block';
  /** The tokens before `(` (normally one: the verb). */
  tokens: ModToken[];
  start: Pos;
  lparen: ModComments & { offset: number };
  lines: ModLine[];
  /** `before` holds the comments between the last line and `)`. */
  rparen: ModComments & { offset: number };
  eolEnd: number;
}

/** Whole-line comments separated from the next statement by a blank line. */
export interface ModCommentBlock extends ModComments {
  type: 'comments';
  start: Pos;
}

/** A statement of a module file: a line, a block `verb ( ... )`, or a comment block. */
export type ModStmt = ModLine | ModBlock | ModCommentBlock;

/** A problem found while parsing a module file, at a position, in the go command's words. */
export interface ModDiagnostic {
  message: string;
  /** Where the go command places the problem. */
  pos: Pos;
}

export interface ModuleDirective {
  path: string;
  deprecated: string;
  line: ModLine;
}
/** The `go` line: its version and statement. */
export interface GoDirective {
  version: string;
  line: ModLine;
}
/** The `toolchain` line: its name (`go1.21.3`, `default`) and statement. */
export interface ToolchainDirective {
  name: string;
  line: ModLine;
}
export interface GodebugDirective {
  key: string;
  value: string;
  line: ModLine;
}
export interface RequireDirective {
  path: string;
  version: string;
  indirect: boolean;
  line: ModLine;
}
export interface ExcludeDirective {
  path: string;
  version: string;
  line: ModLine;
}
export interface ReplaceDirective {
  oldPath: string;
  oldVersion: string;
  newPath: string;
  newVersion: string;
  line: ModLine;
}
export interface RetractDirective {
  low: string;
  high: string;
  rationale: string;
  line: ModLine;
}
export interface PathDirective {
  path: string;
  line: ModLine;
}

/**
 * A parsed go.mod or go.work: every statement with positions and comments (for edits that
 * keep the rest byte for byte), the directives as data, and the problems the go command
 * would report.
 */
export interface ModFile {
  kind: ModFileKind;
  /** The name used in messages (the `path` option; default: the kind). */
  path: string;
  source: string;
  /** Top-level statements in file order; empty after a syntax error. */
  stmts: ModStmt[];
  /** True when the file could be read into statements (no lexer or block syntax error). */
  syntaxOk: boolean;
  module?: ModuleDirective;
  go?: GoDirective;
  toolchain?: ToolchainDirective;
  godebug: GodebugDirective[];
  require: RequireDirective[];
  exclude: ExcludeDirective[];
  replace: ReplaceDirective[];
  retract: RetractDirective[];
  tool: PathDirective[];
  ignore: PathDirective[];
  /** go.work only. */
  use: PathDirective[];
  /**
   * Every problem the go command would report, in its order: one syntax error (then nothing
   * else is read), or the directive errors. Directives that are valid are filled in even when
   * others are not, so a caller can still read, say, the go line of a file with a bad require.
   */
  diagnostics: ModDiagnostic[];
}

/** How `parseModFile` reads a file: as go.mod or go.work, and the name to use in messages. */
export interface ParseOptions {
  kind?: ModFileKind;
  /** File name for messages; default: the kind. */
  path?: string;
  /**
   * Read only these directives (e.g. `['go', 'module']`); the syntax is always read whole. For
   * a caller that needs a few lines of a go.mod with a long require list: checking every
   * require costs most of a parse. Diagnostics then cover only these directives (and syntax).
   */
  directives?: readonly string[];
}

/** Parses a go.mod (default) or go.work text. Never throws on malformed input. */
export function parseModFile(source: string, options: ParseOptions = {}): ModFile {
  const kind = options.kind ?? 'go.mod';
  const path = options.path ?? kind;
  const file: ModFile = {
    kind,
    path,
    source,
    stmts: [],
    syntaxOk: false,
    godebug: [],
    require: [],
    exclude: [],
    replace: [],
    retract: [],
    tool: [],
    ignore: [],
    use: [],
    diagnostics: [],
  };
  const input = new Input(source, path);
  try {
    input.readToken();
    input.parseFile();
    input.assignComments();
  } catch (e) {
    // modfile turns its own panics into "internal error" diagnostics too: one bad file must
    // never take the caller down.
    if (e instanceof SyntaxErr) file.diagnostics.push({ message: e.message, pos: e.pos });
    else file.diagnostics.push({ message: `internal error: ${e instanceof Error ? e.message : String(e)}`, pos: input.position });
    return file;
  }
  file.stmts = input.stmts;
  file.syntaxOk = true;
  new Rules(file, options.directives).check();
  return file;
}

/** `path:line:col: message`, with a byte column (as gocodemod prints every position). */
export function formatModDiagnostic(d: ModDiagnostic, path: string): string {
  return `${path}:${d.pos.line}:${d.pos.col}: ${d.message}`;
}

/** Exactly as the go command prints it (modfile.Error): rune column, omitted when it is 1. */
export function formatModDiagnosticAsGo(d: ModDiagnostic, path: string): string {
  const at = d.pos.runeCol > 1 ? `${path}:${d.pos.line}:${d.pos.runeCol}` : `${path}:${d.pos.line}`;
  return `${at}: ${d.message}`;
}

// ---------------------------------------------------------------------------------------
// Lexer and parser: read.go.

type TokenKind = 'EOF' | 'EOLCOMMENT' | 'IDENT' | 'STRING' | 'COMMENT' | '\n' | '(' | ')' | '[' | ']' | '{' | '}' | ',';

interface Tok {
  kind: TokenKind;
  pos: Pos;
  endPos: Pos;
  text: string;
}

const isEOL = (k: TokenKind) => k === 'EOF' || k === 'EOLCOMMENT' || k === '\n';
const isCommentKind = (k: TokenKind) => k === 'COMMENT' || k === 'EOLCOMMENT';

class SyntaxErr extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const ALL_SPACE = /^\p{White_Space}*$/u;

/** modfile's isIdent: printable runes except space and ( ) [ ] { } , */
function isIdent(c: string): boolean {
  if (c.length === 1) {
    // ASCII first: nearly every rune of a go.mod (the regular expression costs ~10x more).
    const code = c.charCodeAt(0);
    if (code < 0x80) return code > 0x20 && code < 0x7f && !ASCII_PUNCT_NOT_IDENT.includes(c);
  }
  if (c === '') return false;
  return PRINTABLE.test(c); // unicode.IsPrint, minus U+0020 (excluded above)
}

const ASCII_PUNCT_NOT_IDENT = '()[]{},';

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

class Input {
  private readonly src: string;
  // The lexer's position, as four numbers rather than a Pos per rune: positions are copied
  // out only where a token starts or ends (a go.mod with a long require list is read
  // several times per run, most of it by code that has not been optimised yet).
  private offset = 0;
  private line = 1;
  private col = 1;
  private runeCol = 1;
  private tokenStart = 0;
  private token: Tok = { kind: 'EOF', pos: this.position, endPos: this.position, text: '' };
  private readonly comments: ModComment[] = [];
  readonly stmts: ModStmt[] = [];

  constructor(
    src: string,
    private readonly filename: string,
  ) {
    this.src = src;
  }

  /** The lexer's position (where the go command reports a failure). */
  get position(): Pos {
    return { offset: this.offset, line: this.line, col: this.col, runeCol: this.runeCol };
  }

  private moveTo(p: Pos) {
    this.offset = p.offset;
    this.line = p.line;
    this.col = p.col;
    this.runeCol = p.runeCol;
  }

  private error(message: string): never {
    throw new SyntaxErr(message, this.position);
  }

  private eof(): boolean {
    return this.offset >= this.src.length;
  }

  /** The next rune, or '' at EOF. */
  private peekRune(): string {
    if (this.eof()) return '';
    const code = this.src.charCodeAt(this.offset);
    if (code < 0xd800 || code > 0xdfff) return this.src[this.offset];
    return String.fromCodePoint(this.src.codePointAt(this.offset)!);
  }

  private peekPrefix(p: string): boolean {
    return this.src.startsWith(p, this.offset);
  }

  private readRune(): string {
    if (this.eof()) this.error('internal lexer error: readRune at EOF');
    const r = this.peekRune();
    if (r === '\n') {
      this.offset++;
      this.line++;
      this.col = 1;
      this.runeCol = 1;
    } else {
      this.offset += r.length;
      this.col += utf8Len(r.codePointAt(0)!);
      this.runeCol++;
    }
    return r;
  }

  private startToken() {
    this.tokenStart = this.offset;
    const here = this.position;
    this.token = { kind: 'EOF', pos: here, endPos: here, text: '' };
  }

  private endToken(kind: TokenKind) {
    let text = this.src.slice(this.tokenStart, this.offset);
    if (isCommentKind(kind)) {
      if (text.endsWith('\r\n')) text = text.slice(0, -2);
      else if (text.endsWith('\n')) text = text.slice(0, -1);
    }
    this.token = { kind, pos: this.token.pos, endPos: this.position, text };
  }

  private peek(): TokenKind {
    return this.token.kind;
  }

  private lex(): Tok {
    const tok = this.token;
    this.readToken();
    return tok;
  }

  readToken() {
    // Skip past spaces, stopping at non-space or EOF.
    while (!this.eof()) {
      const c = this.peekRune();
      if (c === ' ' || c === '\t' || c === '\r') {
        this.readRune();
        continue;
      }
      // Comment runs to end of line.
      if (this.peekPrefix('//')) {
        this.startToken();
        // Is this comment the only thing on its line?
        const lineStart = this.src.lastIndexOf('\n', this.offset - 1) + 1;
        const suffix = !ALL_SPACE.test(this.src.slice(lineStart, this.offset));
        this.readRune();
        this.readRune();
        while (!this.eof() && this.readRune() !== '\n') {
          // consume the comment
        }
        if (!suffix) {
          this.endToken('COMMENT');
          return;
        }
        this.endToken('EOLCOMMENT');
        this.comments.push({ text: this.token.text, start: this.token.pos.offset, suffix: true });
        return;
      }
      if (this.peekPrefix('/*')) this.error('mod files must use // comments (not /* */ comments)');
      break;
    }

    this.startToken();
    if (this.eof()) {
      this.endToken('EOF');
      return;
    }

    const c = this.peekRune();
    switch (c) {
      case '\n':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case ',':
        this.readRune();
        this.endToken(c);
        return;
      case '"':
      case '`': {
        const quote = c;
        this.readRune();
        for (;;) {
          if (this.eof()) {
            this.moveTo(this.token.pos);
            this.error('unexpected EOF in string');
          }
          if (this.peekRune() === '\n') this.error('unexpected newline in string');
          const r = this.readRune();
          if (r === quote) break;
          if (r === '\\' && quote !== '`') {
            if (this.eof()) {
              this.moveTo(this.token.pos);
              this.error('unexpected EOF in string');
            }
            this.readRune();
          }
        }
        this.endToken('STRING');
        return;
      }
    }

    if (!isIdent(c)) this.error(`unexpected input character ${quoteRune(c)}`);
    while (isIdent(this.peekRune())) {
      if (this.peekPrefix('//')) break;
      if (this.peekPrefix('/*')) this.error('mod files must use // comments (not /* */ comments)');
      this.readRune();
    }
    this.endToken('IDENT');
  }

  parseFile() {
    let cb: ModCommentBlock | undefined;
    for (;;) {
      switch (this.peek()) {
        case '\n':
          this.lex();
          if (cb) {
            this.stmts.push(cb);
            cb = undefined;
          }
          break;
        case 'COMMENT': {
          const tok = this.lex();
          cb ??= { type: 'comments', start: tok.pos, before: [], suffix: [] };
          cb.before.push({ text: tok.text, start: tok.pos.offset, suffix: false });
          break;
        }
        case 'EOF':
          if (cb) this.stmts.push(cb);
          return;
        default:
          this.parseStmt();
          if (cb) {
            this.stmts[this.stmts.length - 1].before = cb.before;
            cb = undefined;
          }
      }
    }
  }

  private parseStmt() {
    const first = this.lex();
    const start = first.pos;
    let end = first.endPos;
    const tokens: ModToken[] = [tokenOf(first)];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) {
        this.stmts.push({ type: 'line', tokens, inBlock: false, start, end, eolEnd: tok.endPos.offset, before: [], suffix: [] });
        return;
      }
      if (tok.kind === '(') {
        const next = this.peek();
        if (isEOL(next)) {
          // Start of block: no more tokens on this line.
          this.stmts.push(this.parseLineBlock(start, tokens, tok));
          return;
        } else if (next === ')') {
          const rparen = this.lex();
          if (isEOL(this.peek())) {
            // Empty block.
            const eol = this.lex();
            this.stmts.push({
              type: 'block',
              tokens,
              start,
              lparen: { offset: tok.pos.offset, before: [], suffix: [] },
              lines: [],
              rparen: { offset: rparen.pos.offset, before: [], suffix: [] },
              eolEnd: eol.endPos.offset,
              before: [],
              suffix: [],
            });
            return;
          }
          // '( )' in the middle of the line, not a block.
          tokens.push(tokenOf(tok), tokenOf(rparen));
        } else {
          // '(' in the middle of the line, not a block.
          tokens.push(tokenOf(tok));
        }
        continue;
      }
      tokens.push(tokenOf(tok));
      end = tok.endPos;
    }
  }

  private parseLineBlock(start: Pos, tokens: ModToken[], lparen: Tok): ModBlock {
    const x: ModBlock = {
      type: 'block',
      tokens,
      start,
      lparen: { offset: lparen.pos.offset, before: [], suffix: [] },
      lines: [],
      rparen: { offset: -1, before: [], suffix: [] },
      eolEnd: -1,
      before: [],
      suffix: [],
    };
    let comments: ModComment[] = [];
    for (;;) {
      switch (this.peek()) {
        case 'EOLCOMMENT':
          // Suffix comment, attached later by assignComments.
          this.lex();
          break;
        case '\n':
          // Blank line. Add an empty comment to preserve it.
          this.lex();
          if ((comments.length === 0 && x.lines.length > 0) || (comments.length > 0 && comments[comments.length - 1].text !== '')) {
            comments.push({ text: '', start: -1, suffix: false });
          }
          break;
        case 'COMMENT': {
          const tok = this.lex();
          comments.push({ text: tok.text, start: tok.pos.offset, suffix: false });
          break;
        }
        case 'EOF':
          return this.error(`syntax error (unterminated block started at ${this.filename}:${x.start.line}:${x.start.runeCol})`);
        case ')': {
          const rparen = this.lex();
          // Don't preserve blank lines (a single empty comment) at the end of the block.
          if (comments.length === 1 && comments[0].text === '' && comments[0].start === -1) comments = [];
          x.rparen.before = comments;
          x.rparen.offset = rparen.pos.offset;
          if (!isEOL(this.peek())) this.error('syntax error (expected newline after closing paren)');
          x.eolEnd = this.lex().endPos.offset;
          return x;
        }
        default: {
          const l = this.parseLine();
          x.lines.push(l);
          l.before = comments;
          comments = [];
        }
      }
    }
  }

  private parseLine(): ModLine {
    const first = this.lex();
    if (isEOL(first.kind)) this.error('internal parse error: parseLine at end of line');
    const start = first.pos;
    let end = first.endPos;
    const tokens: ModToken[] = [tokenOf(first)];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) {
        return { type: 'line', tokens, inBlock: true, start, end, eolEnd: tok.endPos.offset, before: [], suffix: [] };
      }
      tokens.push(tokenOf(tok));
      end = tok.endPos;
    }
  }

  /**
   * Attaches end-of-line comments to the syntax immediately before them (read.go's
   * assignComments; whole-line comments were attached by the parser itself).
   */
  assignComments() {
    type Node = { comments: ModComments; start: number; end: number; startLine: number; endLine: number; file?: true };
    const post: Node[] = [];
    for (const s of this.stmts) {
      if (s.type === 'comments') post.push({ comments: s, start: s.start.offset, end: s.start.offset, startLine: s.start.line, endLine: s.start.line });
      else if (s.type === 'line') post.push(lineNode(s));
      else {
        const lp = this.lineOf(s.lparen.offset);
        post.push({ comments: s.lparen, start: s.lparen.offset, end: s.lparen.offset + 1, startLine: lp, endLine: lp });
        for (const l of s.lines) post.push(lineNode(l));
        const rp = this.lineOf(s.rparen.offset);
        post.push({ comments: s.rparen, start: s.rparen.offset, end: s.rparen.offset + 1, startLine: rp, endLine: rp });
        post.push({ comments: s, start: s.start.offset, end: s.rparen.offset + 1, startLine: s.start.line, endLine: rp });
      }
    }
    const suffix = [...this.comments];
    for (let i = post.length - 1; i >= 0; i--) {
      const x = post[i];
      // Never to something that starts on an earlier line than it ends (a block).
      if (x.startLine !== x.endLine) continue;
      while (suffix.length > 0 && x.end <= suffix[suffix.length - 1].start) {
        x.comments.suffix.push(suffix.pop()!);
      }
    }
    for (const x of post) x.comments.suffix.reverse();
    // Remaining suffix comments would go to the file's Before list; modfile never prints them
    // differently, and nothing here reads them.
  }

  private lineStarts?: number[];
  private lineOf(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function lineNode(l: ModLine) {
  return { comments: l, start: l.start.offset, end: l.end.offset, startLine: l.start.line, endLine: l.end.line };
}

function tokenOf(t: Tok): ModToken {
  return { text: t.text, start: t.pos.offset, end: t.endPos.offset };
}

// ---------------------------------------------------------------------------------------
// Directives: rule.go (File.add, parseReplace, parseVersionInterval, ...) and work.go.

/** modfile.GoVersionRE: what a go line (and `go mod edit -go`) accepts. */
export const GO_VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
/** modfile.ToolchainRE. */
export const TOOLCHAIN_RE = /^default$|^go1($|\.)/;

class ValueErr extends Error {}

class Rules {
  constructor(
    private readonly f: ModFile,
    /** Only these directives are read (ParseOptions.directives); undefined: all. */
    private readonly only?: readonly string[],
  ) {}

  check() {
    const f = this.f;
    const work = f.kind === 'go.work';
    const blockVerbs = work ? ['godebug', 'use', 'replace'] : ['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore'];
    for (const x of f.stmts) {
      if (x.type === 'line') {
        if (this.only && !this.only.includes(x.tokens[0].text)) continue;
        this.add(undefined, x, x.tokens[0].text, x.tokens.slice(1).map((t) => t.text));
      } else if (x.type === 'block') {
        const verb = x.tokens.map((t) => t.text).join(' ');
        if (this.only && !this.only.includes(x.tokens[0].text)) continue;
        if (x.tokens.length > 1 || !blockVerbs.includes(verb)) {
          f.diagnostics.push({ message: `unknown block type: ${verb}`, pos: x.start });
          continue;
        }
        for (const l of x.lines) this.add(x, l, verb, l.tokens.map((t) => t.text));
      }
    }
  }

  private add(block: ModBlock | undefined, line: ModLine, verb: string, args: string[]) {
    const f = this.f;
    const work = f.kind === 'go.work';
    const errorf = (message: string) => void f.diagnostics.push({ message, pos: line.start });
    /** modfile.Error with a verb (and module path): "verb path: message". */
    const modPathError = (path: string, message: string) => errorf(`${verb}${path ? ` ${path}` : ''}: ${message}`);

    try {
      switch (verb) {
        case 'go':
          if (f.go) return errorf('repeated go statement');
          if (args.length !== 1) return errorf('go directive expects exactly one argument');
          if (!GO_VERSION_RE.test(args[0])) return errorf(`invalid go version '${args[0]}': must match format 1.23.0`);
          f.go = { version: args[0], line };
          return;

        case 'toolchain':
          if (f.toolchain) return errorf('repeated toolchain statement');
          if (args.length !== 1) return errorf('toolchain directive expects exactly one argument');
          if (!TOOLCHAIN_RE.test(args[0])) return errorf(`invalid toolchain version '${args[0]}': must match format go1.23.0 or default`);
          f.toolchain = { name: args[0], line };
          return;

        case 'godebug': {
          if (args.length !== 1 || /["`',]/.test(args[0])) return errorf('usage: godebug key=value');
          const eq = args[0].indexOf('=');
          if (eq < 0) return errorf('usage: godebug key=value');
          f.godebug.push({ key: args[0].slice(0, eq), value: args[0].slice(eq + 1), line });
          return;
        }

        case 'replace': {
          const r = parseReplace(verb, args);
          if (typeof r === 'string') return errorf(r);
          f.replace.push({ ...r, line });
          return;
        }
      }

      if (work) {
        if (verb === 'use') {
          if (args.length !== 1) return errorf(`usage: ${verb} local/dir`);
          const s = parseStringOr(args[0]);
          if (s instanceof ValueErr) return errorf(`invalid quoted string: ${s.message}`);
          f.use.push({ path: s, line });
          return;
        }
        return errorf(`unknown directive: ${verb}`);
      }

      switch (verb) {
        case 'module': {
          if (f.module) return errorf('repeated module statement');
          const deprecated = parseDeprecation(block, line);
          f.module = { path: '', deprecated, line };
          if (args.length !== 1) return errorf('usage: module module/path');
          const s = parseStringOr(args[0]);
          if (s instanceof ValueErr) return errorf(`invalid quoted string: ${s.message}`);
          f.module.path = s;
          return;
        }

        case 'require':
        case 'exclude': {
          if (args.length !== 2) return errorf(`usage: ${verb} module/path v1.2.3`);
          const s = parseStringOr(args[0]);
          if (s instanceof ValueErr) return errorf(`invalid quoted string: ${s.message}`);
          const v = parseVersion(verb, s, args[1]);
          if (v instanceof ValueErr) return errorf(v.message);
          const split = splitPathVersion(s);
          if (!split.ok) return errorf('invalid module path');
          const bad = checkPathMajor(v, split.pathMajor);
          if (bad) return modPathError(s, bad);
          if (verb === 'require') f.require.push({ path: s, version: v, indirect: isIndirect(line), line });
          else f.exclude.push({ path: s, version: v, line });
          return;
        }

        case 'retract': {
          const rationale = parseDirectiveComment(block, line);
          const rest = [...args];
          const vi = parseVersionInterval(verb, rest);
          if (vi instanceof ValueErr) return errorf(vi.message);
          if (rest.length > 0) return errorf(`unexpected token after version: ${goQuote(rest[0])}`);
          f.retract.push({ ...vi, rationale, line });
          return;
        }

        case 'tool':
        case 'ignore': {
          if (args.length !== 1) return errorf(`${verb} directive expects exactly one argument`);
          const s = parseStringOr(args[0]);
          if (s instanceof ValueErr) return errorf(`invalid quoted string: ${s.message}`);
          (verb === 'tool' ? f.tool : f.ignore).push({ path: s, line });
          return;
        }

        default:
          return errorf(`unknown directive: ${verb}`);
      }
    } catch (e) {
      // A bug here must not take the caller down: report it where the go command would.
      errorf(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function parseReplace(verb: string, args: string[]): Omit<ReplaceDirective, 'line'> | string {
  let arrow = 2;
  if (args.length >= 2 && args[1] === '=>') arrow = 1;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== '=>') {
    return `usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`;
  }
  const s = parseStringOr(args[0]);
  if (s instanceof ValueErr) return `invalid quoted string: ${s.message}`;
  const split = splitPathVersion(s);
  if (!split.ok) return `${verb} ${s}: invalid module path`;
  let v = '';
  if (arrow === 2) {
    const pv = parseVersion(verb, s, args[1]);
    if (pv instanceof ValueErr) return pv.message;
    v = pv;
    const bad = checkPathMajor(v, split.pathMajor);
    if (bad) return `${verb} ${s}: ${bad}`;
  }
  const ns = parseStringOr(args[arrow + 1]);
  if (ns instanceof ValueErr) return `invalid quoted string: ${ns.message}`;
  let nv = '';
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) {
      if (ns.includes('@')) return "replacement module must match format 'path version', not 'path@version'";
      return 'replacement module without version must be directory path (rooted or starting with . or ..)';
    }
    // The go command on these machines: filepath.Separator is '/'.
    if (ns.includes('\\')) return 'replacement directory appears to be Windows path (on a non-windows system)';
  }
  if (args.length === arrow + 3) {
    const pv = parseVersion(verb, ns, args[arrow + 2]);
    if (pv instanceof ValueErr) return pv.message;
    nv = pv;
    if (isDirectoryPath(ns)) return `replacement module directory path ${goQuote(ns)} cannot have version`;
  }
  return { oldPath: s, oldVersion: v, newPath: ns, newVersion: nv };
}

/** modfile.IsDirectoryPath. */
export function isDirectoryPath(ns: string): boolean {
  return (
    ns === '.' ||
    ns.startsWith('./') ||
    ns.startsWith('.\\') ||
    ns === '..' ||
    ns.startsWith('../') ||
    ns.startsWith('..\\') ||
    ns.startsWith('/') ||
    ns.startsWith('\\') ||
    (ns.length >= 2 && /^[A-Za-z]:/.test(ns))
  );
}

/** Retract intervals: `v1.2.3` or `[v1.0.0, v1.1.0]`. Consumes from `toks`. No fixer: versions are taken as written. */
function parseVersionInterval(verb: string, toks: string[]): { low: string; high: string } | ValueErr {
  const next = (): string | undefined => toks[0];
  if (toks.length === 0 || next() === '(') return new ValueErr("expected '[' or version");
  if (next() !== '[') {
    const v = parseVersionNoFix(verb, toks.shift()!);
    if (v instanceof ValueErr) return v;
    return { low: v, high: v };
  }
  toks.shift();
  if (toks.length === 0) return new ValueErr("expected version after '['");
  const low = parseVersionNoFix(verb, toks.shift()!);
  if (low instanceof ValueErr) return low;
  if (next() !== ',') return new ValueErr("expected ',' after version");
  toks.shift();
  if (toks.length === 0) return new ValueErr("expected version after ','");
  const high = parseVersionNoFix(verb, toks.shift()!);
  if (high instanceof ValueErr) return high;
  if (next() !== ']') return new ValueErr("expected ']' after version");
  toks.shift();
  return { low, high };
}

/** parseVersion with modfile's dontFixRetract fixer: only the quoting is checked. */
function parseVersionNoFix(verb: string, s: string): string | ValueErr {
  const t = parseStringOr(s);
  if (t instanceof ValueErr) return new ValueErr(`${verb}: version ${goQuote(s)} invalid: ${t.message}`);
  return t;
}

/** parseVersion with no fixer (as `go mod edit` parses): the version must canonicalize. */
function parseVersion(verb: string, path: string, s: string): string | ValueErr {
  const where = `${verb}${path ? ` ${path}` : ''}`;
  const t = parseStringOr(s);
  if (t instanceof ValueErr) return new ValueErr(`${where}: version ${goQuote(s)} invalid: ${t.message}`);
  const cv = canonicalModuleVersion(t);
  if (cv === '') return new ValueErr(`${where}: version ${goQuote(t)} invalid: must be of the form v1.2.3`);
  return cv;
}

/** modfile.parseString: a token's value; `"..."` is unquoted as Go does, other quotes are errors. */
function parseStringOr(t: string): string | ValueErr {
  if (t.startsWith('"')) {
    const u = unquoteGo(t);
    return u === undefined ? new ValueErr('invalid syntax') : u;
  }
  if (/["'`]/.test(t)) return new ValueErr('unquoted string cannot contain quote');
  return t;
}

/** The value of a path token (unquoted when quoted); the token itself when it is malformed. */
export function tokenValue(t: ModToken): string {
  const v = parseStringOr(t.text);
  return v instanceof ValueErr ? t.text : v;
}

const DEPRECATED_RE = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;

function parseDeprecation(block: ModBlock | undefined, line: ModLine): string {
  const m = DEPRECATED_RE.exec(parseDirectiveComment(block, line));
  return m ? m[1] : '';
}

function parseDirectiveComment(block: ModBlock | undefined, line: ModLine): string {
  let comments: ModComments = line;
  if (block && line.before.length === 0 && line.suffix.length === 0) comments = block;
  const lines: string[] = [];
  for (const c of [...comments.before, ...comments.suffix]) {
    if (!c.text.startsWith('//')) continue; // blank line
    lines.push(goTrimSpace(c.text.slice(2)));
  }
  return lines.join('\n');
}

function isIndirect(line: ModLine): boolean {
  if (line.suffix.length === 0) return false;
  const t = line.suffix[0].text;
  const f = goFields(t.startsWith('//') ? t.slice(2) : t);
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

function goTrimSpace(s: string): string {
  return s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
}

function goFields(s: string): string[] {
  return s.split(/\p{White_Space}+/u).filter(Boolean);
}

// ---------------------------------------------------------------------------------------
// golang.org/x/mod/semver and module (the parts modfile uses).

interface Semver {
  major: string;
  minor: string;
  patch: string;
  short: string;
  prerelease: string;
  build: string;
}

function semverParse(v: string): Semver | undefined {
  if (v === '' || v[0] !== 'v') return undefined;
  const p: Semver = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
  const int = (s: string): [string, string] | undefined => {
    let i = 0;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    if (i === 0 || (s[0] === '0' && i !== 1)) return undefined;
    return [s.slice(0, i), s.slice(i)];
  };
  let r = int(v.slice(1));
  if (!r) return undefined;
  [p.major, v] = r;
  if (v === '') return { ...p, minor: '0', patch: '0', short: '.0.0' };
  if (v[0] !== '.') return undefined;
  r = int(v.slice(1));
  if (!r) return undefined;
  [p.minor, v] = r;
  if (v === '') return { ...p, patch: '0', short: '.0' };
  if (v[0] !== '.') return undefined;
  r = int(v.slice(1));
  if (!r) return undefined;
  [p.patch, v] = r;
  const ident = (c: string) => /[0-9A-Za-z-]/.test(c);
  const badNum = (s: string) => /^[0-9]+$/.test(s) && s.length > 1 && s[0] === '0';
  if (v.length > 0 && v[0] === '-') {
    let i = 1;
    let start = 1;
    while (i < v.length && v[i] !== '+') {
      if (!ident(v[i]) && v[i] !== '.') return undefined;
      if (v[i] === '.') {
        if (start === i || badNum(v.slice(start, i))) return undefined;
        start = i + 1;
      }
      i++;
    }
    if (start === i || badNum(v.slice(start, i))) return undefined;
    p.prerelease = v.slice(0, i);
    v = v.slice(i);
  }
  if (v.length > 0 && v[0] === '+') {
    let i = 1;
    let start = 1;
    while (i < v.length) {
      if (!ident(v[i]) && v[i] !== '.') return undefined;
      if (v[i] === '.') {
        if (start === i) return undefined;
        start = i + 1;
      }
      i++;
    }
    if (start === i) return undefined;
    p.build = v.slice(0, i);
    v = v.slice(i);
  }
  return v === '' ? p : undefined;
}

function semverCanonical(v: string): string {
  const p = semverParse(v);
  if (!p) return '';
  if (p.build !== '') return v.slice(0, v.length - p.build.length);
  if (p.short !== '') return v + p.short;
  return v;
}

function semverMajor(v: string): string {
  const p = semverParse(v);
  return p ? v.slice(0, 1 + p.major.length) : '';
}

function cmpNum(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function comparePrerelease(x: string, y: string): number {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const isNum = (s: string) => /^[0-9]*$/.test(s);
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const dx = xs[i];
    const dy = ys[i];
    if (dx === dy) continue;
    const ix = isNum(dx);
    const iy = isNum(dy);
    if (ix !== iy) return ix ? -1 : 1;
    if (ix && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
    return dx < dy ? -1 : 1;
  }
  return xs.length === ys.length ? 0 : xs.length < ys.length ? -1 : 1;
}

/** semver.Compare: invalid versions are equal to each other and below every valid one. */
export function semverCompare(v: string, w: string): number {
  const pv = semverParse(v);
  const pw = semverParse(w);
  if (!pv && !pw) return 0;
  if (!pv) return -1;
  if (!pw) return 1;
  return cmpNum(pv.major, pw.major) || cmpNum(pv.minor, pw.minor) || cmpNum(pv.patch, pw.patch) || comparePrerelease(pv.prerelease, pw.prerelease);
}

/** module.CanonicalVersion: semver.Canonical keeping "+incompatible". */
function canonicalModuleVersion(v: string): string {
  const cv = semverCanonical(v);
  const p = semverParse(v);
  return p && p.build === '+incompatible' ? cv + '+incompatible' : cv;
}

/** module.SplitPathVersion (only pathMajor and ok are needed). */
function splitPathVersion(path: string): { pathMajor: string; ok: boolean } {
  if (path.startsWith('gopkg.in/')) {
    let i = path.length;
    if (path.endsWith('-unstable')) i -= '-unstable'.length;
    while (i > 0 && path[i - 1] >= '0' && path[i - 1] <= '9') i--;
    if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { pathMajor: '', ok: false };
    const pathMajor = path.slice(i - 2);
    if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) return { pathMajor: '', ok: false };
    return { pathMajor, ok: true };
  }
  let i = path.length;
  let dot = false;
  while (i > 0 && ((path[i - 1] >= '0' && path[i - 1] <= '9') || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') return { pathMajor: '', ok: true };
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') return { pathMajor: '', ok: false };
  return { pathMajor, ok: true };
}

/** module.CheckPathMajor: undefined when v fits the path's major version, else the error text. */
function checkPathMajor(v: string, pathMajor: string): string | undefined {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) pathMajor = pathMajor.slice(0, -'-unstable'.length);
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') return undefined;
  const m = semverMajor(v);
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || semverParse(v)?.build === '+incompatible') return undefined;
    pathMajor = 'v0 or v1';
  } else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
    if (m === pathMajor.slice(1)) return undefined;
    pathMajor = pathMajor.slice(1);
  }
  return `version ${goQuote(v)} invalid: should be ${pathMajor}, not ${semverMajor(v)}`;
}

// ---------------------------------------------------------------------------------------
// strconv.Unquote / Quote / QuoteRune, as far as modfile needs them.

/** strconv.Unquote for a double-quoted Go string; undefined on a syntax error. */
export function unquoteGo(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return undefined;
  const body = s.slice(1, -1);
  if (body.includes('\n')) return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const pushText = (t: string) => bytes.push(...enc.encode(t));
  const hex = (t: string) => (/^[0-9A-Fa-f]+$/.test(t) ? parseInt(t, 16) : NaN);
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === '"') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
    if (e in simple) {
      bytes.push(simple[e]);
      i += 2;
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const v = hex(body.slice(i + 2, i + 2 + n));
      if (Number.isNaN(v) || body.slice(i + 2, i + 2 + n).length !== n) return undefined;
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
        pushText(String.fromCodePoint(v));
      }
      i += 2 + n;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      const v = parseInt(o, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 4;
      continue;
    }
    return undefined;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function escapeRune(cp: number, quote: string): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (PRINTABLE.test(ch) || ch === ' ') return ch;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
  if (named[cp]) return named[cp];
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote (%q of a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"');
  return out + '"';
}

/** strconv.QuoteRune (%q of a rune). */
function quoteRune(c: string): string {
  return `'${escapeRune(c.codePointAt(0)!, "'")}'`;
}

// ---------------------------------------------------------------------------------------
// Go versions of toolchain names (cmd/go/internal/gover).

/** gover.FromToolchain: "go1.21.3" and "go1.21.3-custom" -> "1.21.3"; "" when it names no Go version (e.g. "default"). */
export function toolchainVersion(name: string): string {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return '';
  let v = name.slice(2);
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return isValidGoVersion(v) ? v : '';
}

/** gover.Compare, where an invalid version (such as "") is older than every valid one. */
export function compareGoVersionsLax(a: string, b: string): number {
  const va = isValidGoVersion(a);
  const vb = isValidGoVersion(b);
  if (!va || !vb) return va === vb ? 0 : va ? 1 : -1;
  return compareGoVersions(a, b);
}

/** gover.GoStrictVersion: the first Go that understands toolchain lines. */
export const GO_STRICT_VERSION = '1.21';

/**
 * Whether the go command drops a toolchain line when it raises the go line to `goVersion`
 * itself: `go get go@V` (MVS picks max(toolchain, goV), then modload.WriteGoMod drops a
 * toolchain equal to the go line or older than Go 1.21) and `go work use` / `go work sync`
 * (modload.UpdateWorkGoVersion). Both reduce to this rule.
 */
export function toolchainRedundant(toolchain: string, goVersion: string): boolean {
  const tv = toolchainVersion(toolchain);
  return toolchain === 'go' + goVersion || compareGoVersionsLax(tv, goVersion) < 0 || compareGoVersionsLax(tv, GO_STRICT_VERSION) < 0;
}

// ---------------------------------------------------------------------------------------
// Edits. On a canonical file (what `go mod edit -fmt` prints: one blank line between
// top-level statements) these give byte for byte what modfile's edit + Format gives; on
// any other file they touch only the lines concerned.

/** The line terminator the file uses: CRLF when its first line ends with one. */
export function eolOf(source: string): string {
  const nl = source.indexOf('\n');
  return nl > 0 && source[nl - 1] === '\r' ? '\r\n' : '\n';
}

function lineStartAt(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** [start, end) of the line holding `offset`, its terminator included. */
function lineAt(source: string, offset: number): { start: number; end: number } {
  const start = lineStartAt(source, offset);
  const nl = source.indexOf('\n', offset);
  return { start, end: nl < 0 ? source.length : nl + 1 };
}

const isBlank = (s: string) => /^[ \t\r]*\n?$/.test(s);

/** First offset of a statement's text: its first attached comment's line, or its own line. */
export function stmtStart(source: string, stmt: ModLine | ModBlock): number {
  const first = stmt.before.find((c) => c.start >= 0);
  return lineStartAt(source, first ? first.start : stmt.start.offset);
}

/** Offset just past a statement's last line (its `)` line for a block). */
export function stmtEnd(stmt: ModLine | ModBlock): number {
  return stmt.eolEnd;
}

/**
 * Removes a top-level statement, its attached comments (modfile drops them with it) and one
 * blank line next to it, so that one blank line still separates its neighbours.
 */
export function removeStmtEdit(file: ModFile, stmt: ModLine | ModBlock): Edit {
  const src = file.source;
  let start = stmtStart(src, stmt);
  let end = stmtEnd(stmt);
  const next = lineAt(src, end);
  const prev = start > 0 ? lineAt(src, start - 1) : undefined;
  const prevBlank = prev !== undefined && isBlank(src.slice(prev.start, prev.end));
  if (end < src.length && isBlank(src.slice(next.start, next.end))) {
    // Blank lines on both sides would become two in a row: take one with the statement. A
    // blank line after a statement that follows a non-blank line stays, as the go command
    // leaves it (`go mod edit -toolchain=none` on `go 1.21\ntoolchain go1.21.5\n\nrequire ...`).
    if (prevBlank || start === 0) end = next.end;
  } else if (/^\s*$/.test(src.slice(end)) && prevBlank) {
    start = prev!.start;
  }
  return { start, end, text: '' };
}

/** Replaces the version of an existing go line (only the version token). */
export function setGoVersionEdit(go: GoDirective, version: string): Edit {
  const tok = go.line.tokens[1];
  return { start: tok.start, end: tok.end, text: version };
}

/**
 * Adds a go line to a file that has none, where `go mod edit -go` / `go work edit -go` puts
 * it: in a go.mod right after the module statement (or at the end of the file when there is
 * none); in a go.work before the first statement that is not a comment block.
 */
export function addGoStmtEdit(file: ModFile, version: string): Edit {
  const src = file.source;
  const eol = eolOf(src);
  const goLine = `go ${version}`;
  if (file.kind === 'go.work') {
    const first = file.stmts.find((s): s is ModLine | ModBlock => s.type !== 'comments');
    if (first) {
      const at = stmtStart(src, first);
      return { start: at, end: at, text: goLine + eol + eol };
    }
  } else if (file.module) {
    const mod = file.module.line;
    const stmt = file.stmts.find((s) => s === mod || (s.type === 'block' && s.lines.includes(mod))) as ModLine | ModBlock;
    const at = stmtEnd(stmt);
    const head = at > 0 && src[at - 1] === '\n' ? '' : eol;
    // A canonical file has a blank line (or nothing) after the module statement; elsewhere, add one.
    const next = lineAt(src, at);
    const tail = at >= src.length || isBlank(src.slice(next.start, next.end)) ? '' : eol;
    return { start: at, end: at, text: head + eol + goLine + eol + tail };
  }
  // At the end of the file, one blank line after the last statement (or comment).
  const last = src.search(/\s*$/);
  if (last === 0) return { start: 0, end: src.length, text: goLine + eol };
  const nl = src.indexOf('\n', last);
  const lineEnd = nl < 0 ? src.length : src[nl - 1] === '\r' ? nl - 1 : nl;
  return { start: lineEnd, end: src.length, text: eol + eol + goLine + eol };
}

/**
 * semver order for exclude blocks from Go 1.21 (modfile's SortBlocks, go.dev/issue/60028):
 * true when a go.mod at `goVersion` sorts its exclude blocks by version rather than by text.
 */
export function semanticExcludeSort(goVersion: string | undefined): boolean {
  return goVersion !== undefined && semverCompare('v' + goVersion, 'v1.21') >= 0;
}

/** modfile's compareLine: token by token, by text. */
function compareLineText(a: string[], b: string[]): number {
  for (let k = 0; k < a.length && k < b.length; k++) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return a.length - b.length;
}

/** modfile's compareLineExclude (two tokens: path by text, version by semver). */
function compareLineExclude(a: string[], b: string[]): number {
  if (a.length !== 2 || b.length !== 2) return compareLineText(a, b);
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return semverCompare(a[1], b[1]);
}

/**
 * The edits that re-sort the exclude blocks when the go line moves across Go 1.21, as
 * `go mod edit -go` does (it sorts every block each time it writes). A block is re-sorted only
 * when it was sorted under the old order: the change must come from the version change, not
 * from a block someone ordered by hand. Each line moves with its attached comments.
 */
export function excludeResortEdits(file: ModFile, oldGo: string | undefined, newGo: string): Edit[] {
  if (file.kind !== 'go.mod') return [];
  const before = semanticExcludeSort(oldGo);
  const after = semanticExcludeSort(newGo);
  if (before === after) return [];
  const oldCmp = before ? compareLineExclude : compareLineText;
  const newCmp = after ? compareLineExclude : compareLineText;
  const src = file.source;
  const edits: Edit[] = [];
  for (const s of file.stmts) {
    if (s.type !== 'block' || s.tokens.length !== 1 || s.tokens[0].text !== 'exclude' || s.lines.length < 2) continue;
    // modfile sorts the token texts after parsing, which canonicalized the versions.
    const keys = s.lines.map((l) => l.tokens.map((t, i) => (i === 1 ? canonicalModuleVersion(tokenValue(t)) || t.text : tokenValue(t))));
    const sortedOld = keys.every((k, i) => i === 0 || oldCmp(keys[i - 1], k) <= 0);
    if (!sortedOld) continue;
    const order = keys.map((_, i) => i).sort((i, j) => newCmp(keys[i], keys[j]) || i - j);
    if (order.every((v, i) => v === i)) continue;
    // Line i owns the text from the end of line i-1 (or the block's first line) to its end.
    const regions: string[] = [];
    let at = lineAt(src, s.lparen.offset).end;
    for (const l of s.lines) {
      regions.push(src.slice(at, l.eolEnd));
      at = l.eolEnd;
    }
    const first = lineAt(src, s.lparen.offset).end;
    const last = s.lines[s.lines.length - 1].eolEnd;
    edits.push({ start: first, end: last, text: order.map((i) => regions[i]).join('') });
  }
  return edits;
}
