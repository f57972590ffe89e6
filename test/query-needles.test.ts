/**
 * Needles derived from declared queries (src/engine/query-needles.ts) and the partial parses they
 * allow (src/engine/needle-ranges.ts, used by the engine's query pass): a file holding no needle
 * cannot match, and where every pattern stays inside one top-level declaration, parsing only
 * the declarations that hold a needle finds exactly the matches of a full parse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Query, type Node, type QueryMatch, type Range, type Tree } from 'web-tree-sitter';
import { runUnit, type LoadedCodemod, type UnitFile } from '../src/engine/engine.js';
import { topLevelDecls, type TopLevel } from '../src/go/toplevel.js';
import { needleRanges } from '../src/engine/needle-ranges.js';
import { loadGoParser, type GoParser } from '../src/go/parser.js';
import { queryNeedles } from '../src/engine/query-needles.js';
import { defineCodemod, type Codemod, type Context } from '../src/go/codemod.js';
import { fixer } from '../src/go/fixer.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';

const file = (path: string, source: string): UnitFile => ({ path, source, goVersion: '1.22', packageName: 'p' });
const load = (...codemods: Codemod<any>[]): LoadedCodemod[] => codemods.map((codemod) => ({ codemod, options: {} }));

/** Matches as plain data, comparable across trees. */
const plain = (ms: QueryMatch[]) =>
  ms.map((m) => ({
    pattern: m.patternIndex,
    captures: m.captures.map((c) => ({ name: c.name, type: c.node.type, start: c.node.startIndex, end: c.node.endIndex, text: c.node.text })),
  }));

/** `source` parsed whole (or with `ranges`), `query` run over it, the tree deleted. */
async function matchesOf(query: string, source: string, ranges?: Range[]) {
  const parser = await loadGoParser();
  const tree = parser.parse(source, ranges);
  try {
    return plain(parser.query(query).matches(tree.rootNode));
  } finally {
    tree.delete();
  }
}

/** What the engine would parse for `query` alone: the needle ranges, or null when it parses all. */
function partialRanges(query: string, source: string): Range[] | null {
  const n = queryNeedles(query);
  if (!n?.withinDeclarations) return null;
  const top = topLevelDecls(source);
  return top.ok ? needleRanges(source, top, n.needles) : null;
}

// ---------------------------------------------------------------------------------------------
// queryNeedles

/** [query, needles (any order) and withinDeclarations, or undefined: nothing required]. */
type Want = [string[], boolean] | undefined;
const cases: [string, string, Want][] = [
  // Anonymous literals.
  ['literal alone', '"==" @op', [['=='], true]],
  ['literal in a field', '(binary_expression operator: "&&") @b', [['&&'], true]],
  ['keyword literal', '(defer_statement "defer" @kw) @d', [['defer'], true]],
  ['an opening bracket', '(block "{" @open) @b', [['{'], true]],
  // Tokens that can end a construct: error recovery may insert them as zero-width MISSING nodes.
  ['closing brace', '(block "}" @close) @b', undefined],
  ['closing paren', '(argument_list ")" @rp) @a', undefined],
  ['double quote', '"\\"" @quote', undefined],
  ['return', '(return_statement "return") @r', undefined],
  ['++', '(inc_statement "++") @i', undefined],
  ['"{" is enough where "}" is not', '(block "{" "}") @b', [['{'], true]],
  ['(MISSING "}")', '(MISSING "}") @m', undefined],
  ['(MISSING nil)', '(MISSING nil) @m', undefined],
  ['(MISSING)', '(MISSING) @m', undefined],
  // Named nodes with fixed text; the most selective requirement wins.
  ['(nil)', '(nil) @n', [['nil'], true]],
  ['(iota)', '(iota) @i', [['iota'], true]],
  ['longest of two required', '(return_statement (expression_list (nil) (true))) @r', [['true'], true]],
  ['nil over ==', '(binary_expression left: (nil) operator: "==") @b', [['nil'], true]],
  // Alternations: the union, or nothing when one branch requires nothing.
  ['alternation of literals', '["==" "!="] @op', [['==', '!='], true]],
  ['both alternations required: the longer', '(binary_expression operator: ["==" "!="] right: [(true) (false)]) @b', [['true', 'false'], true]],
  ['branch without needle', '["==" (identifier)] @x', undefined],
  ['branches of nodes', '[(binary_expression operator: "==") (unary_expression operator: "!")] @e', [['==', '!'], true]],
  ['duplicate needles once', '[(nil) (binary_expression right: (nil))] @e', [['nil'], true]],
  ['alternation in a field', '(binary_expression right: [(nil) (identifier)]) @b', undefined],
  ['alternation with a spanning branch', '[(source_file (package_clause "package")) (nil)] @x', [['package', 'nil'], false]],
  // Quantifiers: ? and * require nothing, + requires its node.
  ['?', '(argument_list (nil)? @n) @a', undefined],
  ['*', '(argument_list (nil)* @n) @a', undefined],
  ['+', '(argument_list (nil)+ @n) @a', [['nil'], true]],
  ['optional beside required', '(expression_list (nil)? (true)) @e', [['true'], true]],
  ['optional alternation', '(argument_list [(nil) (true)]*) @a', undefined],
  ['nested +', '(block (statement_list (defer_statement "defer")+)) @b', [['defer'], true]],
  // A + at the top matches runs of siblings: under source_file, runs of several declarations.
  ['+ at the top', '((comment)+ @c (#eq? @c "// x"))', [['// x'], false]],
  ['+ on a declaration', '(function_declaration name: (identifier) @n (#eq? @n "x"))+ @fs', [['x'], false]],
  // Fields and negated fields.
  ['two fields', '(binary_expression left: (nil) right: (true))', [['true'], true]],
  ['negated field', '(if_statement !initializer condition: (binary_expression operator: "!=")) @if', [['!='], true]],
  ['negated field only', '(binary_expression !left) @b', undefined],
  ['negated field and structure', '(function_declaration !result body: (block)) @f', undefined],
  // Wildcards.
  ['(_)', '(_) @any', undefined],
  ['_', '_ @any', undefined],
  ['(_ ...) may be source_file', '(_ (nil)) @parent', [['nil'], false]],
  ['_ child', '(binary_expression _ @op (nil))', [['nil'], true]],
  ['_ in a field', '(binary_expression left: _ operator: "==") @b', [['=='], true]],
  // Text predicates.
  ['#eq?', '((identifier) @id (#eq? @id "foo"))', [['foo'], true]],
  ['#any-of?', '((identifier) @id (#any-of? @id "foo" "bar"))', [['foo', 'bar'], true]],
  ['#eq? inside a node', '(call_expression function: (identifier) @f (#eq? @f "panic")) @c', [['panic'], true]],
  [
    'two #eq?: the longer',
    '(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) (#eq? @p "strings") (#eq? @f "Index")) @c',
    [['strings'], true],
  ],
  ['#eq? and a literal', '((binary_expression left: (identifier) @l operator: "!=" right: (nil)) @b (#eq? @l "err"))', [['nil'], true]],
  ['#eq? ""', '((identifier) @id (#eq? @id ""))', undefined],
  ['#any-of? with ""', '((identifier) @id (#any-of? @id "a" ""))', undefined],
  ['#eq? of two captures', '((identifier) @a . (identifier) @b (#eq? @a @b))', undefined],
  ['#match?', '((identifier) @id (#match? @id "^foo$"))', undefined],
  ['#not-eq?', '((identifier) @id (#not-eq? @id "foo"))', undefined],
  ['#not-any-of?', '((identifier) @id (#not-any-of? @id "a" "b"))', undefined],
  ['#any-eq?', '((identifier) @id (#any-eq? @id "a"))', undefined],
  ['+ capture with #eq?', '(expression_list (identifier)+ @ids (#eq? @ids "x")) @e', [['x'], true]],
  // A predicate whose capture may be absent holds vacuously: dropped, whichever capture it names.
  ['#eq? with an optional part', '((call_expression function: (identifier) @f arguments: (argument_list (identifier)? @a)) (#eq? @f "panic"))', undefined],
  ['#eq? on a * capture', '((call_expression arguments: (argument_list (identifier)* @args)) (#eq? @args "x"))', undefined],
  ['#eq? with an alternation', '([(identifier) @a (int_literal) @b] (#eq? @a "x"))', undefined],
  ['#eq? in a branch on another branch', '[((int_literal) @c (#eq? @c "1")) ((identifier) @a (#eq? @c "1"))]', undefined],
  ['#eq? on a capture of another pattern', '(true) @b ((identifier) @a (#eq? @b "x"))', undefined],
  ['#eq? on its own pattern\'s capture', '(nil) @b ((identifier) @a (#eq? @a "x"))', [['nil', 'x'], true]],
  // Strings, as tree-sitter reads them.
  ['escaped quotes and backslash', '((interpreted_string_literal) @s (#eq? @s "\\"a\\\\tb\\""))', [['"a\\tb"'], true]],
  ['\\t escape', '((comment) @c (#eq? @c "// a\\tb"))', [['// a\tb'], true]],
  ['unknown escape is the character', '((identifier) @c (#eq? @c "a\\d"))', [['ad'], true]],
  ['; inside a string', '((comment) @c (#eq? @c "// x ; y"))', [['// x ; y'], true]],
  // Comments.
  ['comments around', '; leading "x"\n((identifier) @a (#eq? @a "y")) ; trailing "z"', [['y'], true]],
  ['predicate commented out', '((identifier) @a ; (#eq? @a "x")\n)', undefined],
  // Several patterns: every one must require something.
  ['two patterns', '(nil) @n\n"==" @eq', [['nil', '=='], true]],
  ['one pattern without needle', '(nil) @n\n(identifier) @i', undefined],
  ['two predicates', '((identifier) @a (#eq? @a "x"))\n((comment) @c (#eq? @c "// y"))', [['x', '// y'], true]],
  // Roots: only a single node below source_file stays within one declaration.
  ['(source_file ...)', '(source_file (function_declaration name: (identifier) @n (#eq? @n "main")))', [['main'], false]],
  ['(ERROR ...)', '(ERROR "==") @e', [['=='], false]],
  ['sibling sequence', '((comment) @c . (function_declaration name: (identifier) @n (#eq? @n "main")))', [['main'], false]],
  ['capture and predicate around one node', '((function_declaration name: (identifier) @n) @f (#eq? @n "main"))', [['main'], true]],
  ['alternation of single nodes', '[(nil) "=="] @x', [['nil', '=='], true]],
  // Not ours to judge: the query compiler reports these.
  ['unbalanced', '((identifier) @a', undefined],
  ['empty', '', undefined],
  ['only a comment', '; nothing', undefined],
  ['supertype', '(_expression/identifier) @x', undefined],
];
const NOT_COMPILING = new Set(['unbalanced']);

describe('queryNeedles', () => {
  test.each(cases)('%s: %s', (_name, query, want) => {
    const got = queryNeedles(query);
    if (want === undefined) {
      expect(got).toBeUndefined();
    } else {
      expect(got && { needles: [...got.needles].sort(), within: got.withinDeclarations }).toEqual({ needles: [...want[0]].sort(), within: want[1] });
    }
  });

  test('every query above (but the broken ones) compiles', async () => {
    const parser = await loadGoParser();
    for (const [name, query] of cases) {
      if (NOT_COMPILING.has(name)) expect(() => new Query(parser.language, query)).toThrow();
      else expect(() => new Query(parser.language, query).delete()).not.toThrow();
    }
  });

  // Each of these has a match in a file lacking what a careless reading would require.
  const traps: [string, string, string][] = [
    ['a MISSING "}" (the file ends inside a block)', '(block "}" @close) @b', 'package p\n\nfunc f() {\n\tx := 1\n'],
    ['a bare MISSING "}"', '"}" @close', 'package p\n\nfunc f() {\n\tx := 1\n'],
    ['(MISSING "}")', '(MISSING "}") @m', 'package p\n\nfunc f() {\n\tx := 1\n'],
    ['a MISSING ")"', '(argument_list ")" @rp) @a', 'package p\n\nvar x = T{f(1, 2}\n'],
    ['a MISSING "]"', '(index_expression "]" @rb) @i', 'package p\n\nvar x = T{a[1}\n'],
    ['#eq? on a capture of another pattern', '(true) @b ((identifier) @a (#eq? @b "x"))', 'package p\n\nvar q = 1\n'],
    ['#eq? in one branch on the other branch', '[((int_literal) @c (#eq? @c "1")) ((identifier) @a (#eq? @c "1"))]', 'package p\n\nvar q = 2\n'],
    ['#eq? on an empty * capture', '((call_expression function: (identifier) @f arguments: (argument_list (identifier)* @args)) (#eq? @args "x"))', 'package p\n\nvar q = f()\n'],
    ['#eq? on an absent ? capture', '((call_expression function: (identifier) @f arguments: (argument_list (identifier)? @a)) @c (#eq? @a "x"))', 'package p\n\nvar q = f()\n'],
  ];
  test.each(traps)('sound: %s', async (_name, query, source) => {
    expect((await matchesOf(query, source)).length).toBeGreaterThan(0);
    const n = queryNeedles(query);
    if (n) expect({ needles: n.needles, someInSource: n.needles.some((s) => source.includes(s)) }).toEqual({ needles: n.needles, someInSource: true });
  });

  test('no token that error recovery can insert as MISSING is a needle (from the parse table)', async () => {
    // A token can be inserted as a zero-width MISSING node when, after it, some state can
    // reduce (it ends a construct): tree-sitter's parser.c, ts_parser__handle_error.
    const { language } = await loadGoParser();
    const tokenCount = language.idForNodeType('source_file', true)!; // the first nonterminal
    const it = language.lookaheadIterator(0)!;
    const valid = (state: number) => {
      const out: number[] = [];
      if (it.resetState(state)) for (const _ of it) if (it.currentTypeId! < tokenCount) out.push(it.currentTypeId!);
      return out;
    };
    const insertable = new Set<number>();
    for (let s = 1; s < language.stateCount; s++) {
      for (const t of valid(s)) {
        if (insertable.has(t)) continue;
        const next = language.nextState(s, t);
        if (next !== 0 && next !== s && valid(next).some((la) => language.nextState(next, la) === 0)) insertable.add(t);
      }
    }
    it.delete();
    const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const anonymous = [...insertable].filter((t) => !language.nodeTypeIsNamed(t) && language.nodeTypeIsVisible(t) && language.nodeTypeForId(t));
    expect(anonymous.map((t) => language.nodeTypeForId(t))).toEqual(expect.arrayContaining(['}', ')', ']', '"']));
    for (const t of anonymous) expect({ token: language.nodeTypeForId(t), needles: queryNeedles(`${quote(language.nodeTypeForId(t)!)} @t`) }).toEqual({ token: language.nodeTypeForId(t), needles: undefined });
    // And tokens that only begin or join constructs still are.
    for (const token of ['==', '!=', '&&', 'defer', 'go', 'func', '{', '(', ':=']) {
      expect(insertable.has(language.idForNodeType(token, false)!)).toBe(false);
      expect(queryNeedles(`${quote(token)} @t`)?.needles).toEqual([token]);
    }
    // nil, true, false, iota could be missing too, but recovery tries symbols in order and
    // `identifier` (valid wherever they are) comes first: they stay needles.
    const identifier = language.idForNodeType('identifier', true)!;
    for (const name of ['nil', 'true', 'false', 'iota']) {
      const id = language.idForNodeType(name, true)!;
      expect(identifier).toBeLessThan(id);
      for (let s = 1; s < language.stateCount; s++) {
        const v = valid(s);
        if (v.includes(id)) expect(v).toContain(identifier);
      }
    }
  });

  test('error recovery inserts an identifier, not nil, where an operand is missing', async () => {
    const parser = await loadGoParser();
    for (const body of ['if x == {\n\t}', 'y = \n', 'for i := 0; i < ; i++ {\n\t}', 'defer \n']) {
      const source = `package p\n\nfunc f() {\n\t${body}\n}\n`;
      const tree = parser.parse(source);
      const missing: string[] = [];
      const visit = (n: Node) => {
        if (n.isMissing) missing.push(n.type);
        for (const c of n.children) if (c) visit(c);
      };
      visit(tree.rootNode);
      tree.delete();
      expect({ body, missing }).toEqual({ body, missing: ['identifier'] });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// needleRanges

/** Row and column (UTF-16 units) of an offset, counted independently of src/engine/needle-ranges.ts. */
function pointAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { row: before.split('\n').length - 1, column: offset - (nl + 1) };
}

const spans = (rs: Range[]) => rs.map((r) => [r.startIndex, r.endIndex]);

describe('needleRanges', () => {
  const SRC = [
    '// lead comment: zap',
    'package p',
    '',
    'import "fmt"',
    '',
    '// doc of one: zip',
    'func one() { fmt.Println("foo") }',
    '',
    'func two() int { return 2 }',
    '',
    'var three = zz',
    '// trailing: zoo',
    '',
  ].join('\n');
  const top = topLevelDecls(SRC);
  const at = (s: string) => {
    const i = SRC.indexOf(s);
    expect(i).toBeGreaterThanOrEqual(0);
    return i;
  };
  const [pkg, imp, one, two, three] = top.decls;

  test('the fixture has the declarations it should', () => {
    expect(top.ok).toBe(true);
    expect(top.decls.map((d) => d.keyword)).toEqual(['package', 'import', 'func', 'func', 'var']);
    expect(three.end).toBe(at('zz') + 2);
  });

  test('an occurrence in a declaration: the declaration, from the separator before it', () => {
    expect(SRC[one.start - 1]).toBe('\n');
    expect(spans(needleRanges(SRC, top, ['Println']))).toEqual([[one.start - 1, one.end]]);
    expect(spans(needleRanges(SRC, top, ['return']))).toEqual([[two.start - 1, two.end]]);
    expect(spans(needleRanges(SRC, top, ['zz']))).toEqual([[three.start - 1, three.end]]);
    // Several occurrences in one declaration, several needles: one range each.
    expect(spans(needleRanges(SRC, top, ['fmt', 'Println', 'foo']))).toEqual([
      [imp.start - 1, imp.end],
      [one.start - 1, one.end],
    ]);
    // The first declaration of the file (nothing before it to separate).
    const bare = 'package p\nvar x = 1\n';
    expect(spans(needleRanges(bare, topLevelDecls(bare), ['package']))).toEqual([[0, 9]]);
  });

  test('an occurrence between declarations: that gap only', () => {
    expect(spans(needleRanges(SRC, top, ['zip']))).toEqual([[imp.end, one.start]]);
    expect(spans(needleRanges(SRC, top, ['zap']))).toEqual([[0, pkg.start]]);
    expect(spans(needleRanges(SRC, top, ['zoo']))).toEqual([[three.end, SRC.length]]);
  });

  test('overlapping and adjacent ranges merge; others stay apart; no occurrence, no range', () => {
    // The gap before one, and one: overlapping.
    expect(spans(needleRanges(SRC, top, ['zip', 'Println']))).toEqual([[imp.end, one.end]]);
    // one, and the gap after it up to two, and two: adjacent.
    expect(spans(needleRanges(SRC, top, ['Println', '\n\nfunc two', 'return']))).toEqual([[one.start - 1, two.end]]);
    // one and two: apart (the blank line between them is in neither).
    expect(spans(needleRanges(SRC, top, ['Println', 'return']))).toEqual([
      [one.start - 1, one.end],
      [two.start - 1, two.end],
    ]);
    // Needles found in every part: the whole file.
    expect(spans(needleRanges(SRC, top, ['z', 'p', 'f', 't', '\n']))).toEqual([[0, SRC.length]]);
    expect(needleRanges(SRC, top, ['absent'])).toEqual([]);
  });

  test('a range starts at the separator before its declaration, a newline or a `;`, else with the gap before it', () => {
    const semi = 'package p\n\nvar a = x\nvar c = 1;  var b = x\n';
    const [, a, c, b] = topLevelDecls(semi).decls;
    expect(semi[c.end]).toBe(';');
    expect(spans(needleRanges(semi, topLevelDecls(semi), ['x']))).toEqual([
      [a.start - 1, a.end],
      [c.end, b.end],
    ]);
    // The first range needs no separator: a `;` there would parse as an error.
    const first = 'package p\n\nvar c = 1;var b = x\n';
    const t1 = topLevelDecls(first);
    expect(spans(needleRanges(first, t1, ['x']))).toEqual([[t1.decls[2].start, t1.decls[2].end]]);
    // After a block comment: the whole gap.
    const comment = 'package p\n\nvar c = 1\n/* c */var b = x\n';
    const t2 = topLevelDecls(comment);
    expect(spans(needleRanges(comment, t2, ['x']))).toEqual([[t2.decls[1].end, t2.decls[2].end]]);
    // CRLF and blanks: from the newline.
    const crlf = 'package p\r\n\r\n \t var b = x\r\n';
    expect(spans(needleRanges(crlf, topLevelDecls(crlf), ['x']))).toEqual([[crlf.indexOf('\n \t'), crlf.length - 2]]);
  });

  test('a file without declarations is one gap', () => {
    const text = '// only a comment: x\n';
    const t = topLevelDecls(text);
    expect(t.decls).toEqual([]);
    expect(spans(needleRanges(text, t, ['x']))).toEqual([[0, text.length]]);
  });

  // CRLF, non-ASCII (BMP and astral), declarations sharing a line, a range starting mid-line.
  const WIDE = [
    '\uFEFFpackage p',
    '',
    '// héllo 😀',
    'var s = "é😀" + x',
    '',
    'var ü = "😀😀"; var y = nil == x',
    '',
    'func f() { _ = "日本" } /* 😀 */ // nil 😀',
    'func g() { _ = "日本"; if x == nil {} }',
    'const c = "nil"',
    '',
  ].join('\r\n');

  test('positions are in UTF-16 units and agree with tree-sitter, CRLF and non-ASCII text included', async () => {
    const parser = await loadGoParser();
    const wtop = topLevelDecls(WIDE);
    expect(wtop.ok).toBe(true);
    const ranges = needleRanges(WIDE, wtop, ['nil']);
    expect(ranges.length).toBeGreaterThanOrEqual(2);
    // One range starts mid-line, after non-ASCII text.
    expect(ranges.some((r) => r.startPosition.column > 0 && /[^\x00-\x7f]/.test(WIDE.slice(WIDE.lastIndexOf('\n', r.startIndex) + 1, r.startIndex)))).toBe(true);
    const full = parser.parse(WIDE);
    const part = parser.parse(WIDE, ranges);
    try {
      for (const r of ranges) {
        expect(r.startPosition).toEqual(pointAt(WIDE, r.startIndex));
        expect(r.endPosition).toEqual(pointAt(WIDE, r.endIndex));
        // The node of the full parse that starts there starts at that point.
        const node = full.rootNode.descendantForIndex(r.startIndex, r.startIndex);
        if (node?.startIndex === r.startIndex) expect(node.startPosition).toEqual(r.startPosition);
      }
      // Every leaf of the partial tree sits where the full tree has it, by index and by point.
      const leaves = (t: Tree) => {
        const out = new Map<string, string>();
        const visit = (n: Node) => {
          if (n.childCount === 0) out.set(`${n.type}@${n.startIndex}-${n.endIndex}`, JSON.stringify([n.startPosition, n.endPosition]));
          for (const c of n.children) if (c) visit(c);
        };
        visit(t.rootNode);
        return out;
      };
      const inFull = leaves(full);
      const inPart = leaves(part);
      // Upstream tree-sitter-go ended such a tree with a zero-width leaf where the last range
      // ends (its '\0' terminator token, matched at the end of the input); our grammar needs no
      // terminator after the last declaration (grammars/grammar.patch), so there is none.
      const last = ranges[ranges.length - 1].endIndex;
      expect(inPart.has(`ERROR@${last}-${last}`)).toBe(false);
      expect(inPart.size).toBeGreaterThan(20);
      for (const [key, where] of inPart) expect({ key, where: inFull.get(key) }).toEqual({ key, where });
      expect(part.rootNode.hasError).toBe(false);
    } finally {
      full.delete();
      part.delete();
    }
    const q = '(binary_expression left: (_) @l operator: "==" right: (_) @r) @b';
    const want = await matchesOf(q, WIDE);
    expect(want).toHaveLength(2);
    expect(await matchesOf(q, WIDE, ranges)).toEqual(want);
  });

  test('consecutive declarations that end in an identifier still lex apart (a range does not end mid-token)', async () => {
    // tree-sitter's lexer reads on from the end of one included range into the next: with
    // ranges cut at each declaration's last token, `var a = x` and `var b = x` lex as `xvar`.
    const sources = [
      'package p\n\nvar a = x\n\nvar b = x\n',
      'package p\n\ntype A X\ntype B X\n',
      'package p\n\nconst a = x\nconst b = x\nfunc f() int { return x }\n',
      'package p\n\nvar a = x; var b = x\n',
      'package p\n\nvar a = x\nvar skipped = 1\nvar b = x // a comment after\n/* and a block */ var c = x',
      'package p\r\n\r\nvar a = x\r\nvar b = x\r\n',
      'package p\n\nvar a = x;var b = x\n',
      'package p\n\nvar a = x\nvar c = 1;var b = x\n',
      'package p\n\nvar a = x\n/* c */var b = x\n',
      'package p\n\nvar a = x\nvar c = 1 /* c */var b = x\n',
      // A hex number followed by `func` would lex as 0x1f.
      'package p\n\nconst a = 0x1\nfunc f() int { return 0x1 }\n',
    ];
    const queries = ['((identifier) @a (#eq? @a "x"))', '((type_identifier) @a (#eq? @a "X"))', '((int_literal) @i (#eq? @i "0x1"))'];
    for (const source of sources) {
      for (const q of queries) {
        const ranges = partialRanges(q, source)!;
        expect(ranges).not.toBeNull();
        expect({ source, q, got: await matchesOf(q, source, ranges) }).toEqual({ source, q, got: await matchesOf(q, source) });
      }
      // And the part parses as well as the whole.
      const parser = await loadGoParser();
      const full = parser.parse(source);
      const part = parser.parse(source, partialRanges(queries[0], source)!);
      expect({ source, error: part.rootNode.hasError }).toEqual({ source, error: full.rootNode.hasError });
      full.delete();
      part.delete();
    }
  });

  test('a + at the top is parsed whole: with a declaration left out, two runs of siblings would join', async () => {
    const source = 'package p\n\n// x\nfunc a() {}\n\n// x\nfunc b() {}\n';
    const q = '((comment)+ @c (#eq? @c "// x"))';
    const full = await matchesOf(q, source);
    expect(full).toHaveLength(2);
    expect(partialRanges(q, source)).toBeNull();
    // What the partial parse would have given:
    const n = queryNeedles(q)!;
    expect(await matchesOf(q, source, needleRanges(source, topLevelDecls(source), n.needles))).toHaveLength(1);
  });

  // With a syntax error, tree-sitter's recovery over the whole file can build nodes across
  // declarations, which a parse of the needle's declaration alone does not see. Two guards:
  // the lexer gives up on a stray closing bracket (no partial parse at all), and the engine
  // re-checks a file whose partial parse found matches against its full parse (next tests).
  test('a stray closing bracket: the lexer gives up, so the file is parsed whole', () => {
    const source = 'package p\n\nvar x = f"a")\n\nfunc g() bool { return err == nil }\n';
    expect(topLevelDecls(source).ok).toBe(false);
    expect(partialRanges('(nil) @n', source)).toBeNull();
  });

  test('balanced but broken: a partial parse alone can disagree with the full parse (why the engine re-checks)', async () => {
    const q = '(function_declaration body: (block (statement_list (return_statement (expression_list (binary_expression right: (nil))))))) @f';
    const ranges = partialRanges(q, BROKEN_BALANCED)!;
    expect(ranges).not.toBeNull();
    expect(await matchesOf(q, BROKEN_BALANCED)).toHaveLength(0);
    expect(await matchesOf(q, BROKEN_BALANCED, ranges)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The engine: runUnit with codemods that declare queries.

interface ParseCall {
  source: string;
  ranges?: Range[];
  /** The top-level named children of the tree it made: `type` or `type:name`. */
  top: string[];
}

/** The real parser, with every parse recorded. */
async function spyParser() {
  const real = await loadGoParser();
  const calls: ParseCall[] = [];
  const parser: GoParser = {
    language: real.language,
    query: (s) => real.query(s),
    edit: (tree, e) => real.edit(tree, e),
    parse(source, includedRanges, oldTree) {
      const tree = real.parse(source, includedRanges, oldTree);
      const top = tree.rootNode.namedChildren.map((n) => (n ? `${n.type}${n.childForFieldName('name') ? `:${n.childForFieldName('name')!.text}` : ''}` : '?'));
      calls.push({ source, ranges: includedRanges, top });
      return tree;
    },
  };
  return { parser, calls };
}

/** Query.prototype.matches calls while fn runs, by the top-level children of the tree walked. */
async function countingWalks<T>(fn: () => Promise<T>) {
  const walks: { source: string; top: number }[] = [];
  const original = Query.prototype.matches;
  const spy = jest.spyOn(Query.prototype, 'matches').mockImplementation(function (this: Query, node: Node, options) {
    walks.push({ source: node.tree.rootNode.text, top: node.tree.rootNode.namedChildCount });
    return original.call(this, node, options);
  });
  try {
    return { result: await fn(), walks };
  } finally {
    spy.mockRestore();
  }
}

/** A codemod that records what ctx.matches() gives it on each file, and reports nothing. */
function recorder(name: string, query: string, extra: Partial<Codemod> & { before?: (ctx: Context) => void; after?: (ctx: Context) => void } = {}) {
  const seen = new Map<string, ReturnType<typeof plain>[]>();
  const { before, after, ...rest } = extra;
  const codemod = defineCodemod({
    name,
    description: `records the matches of ${name}`,
    query,
    ...rest,
    run(ctx: Context) {
      before?.(ctx);
      const list = seen.get(ctx.file.path) ?? [];
      list.push(plain(ctx.matches()));
      seen.set(ctx.file.path, list);
      after?.(ctx);
    },
  });
  return { codemod, seen };
}

const THREE = `package p

import "fmt"

func one() {
	fmt.Println("one")
}

// two has it.
func two(err error) bool {
	if err != nil {
		return needle == nil
	}
	return false
}

func three() int { return 3 }
`;
const NONE = 'package p\n\nfunc quiet() {}\n\nvar v = 1\n';
/** Brackets balance, yet the full parse's recovery swallows func g into the var. */
const BROKEN_BALANCED = 'package p\n\nvar x = map[string]\n\nfunc g() bool { return err == nil }\n';
const NEEDLE_Q = '((identifier) @id (#eq? @id "needle"))';
const NIL_Q = '(binary_expression left: (identifier) @l operator: ["==" "!="] right: (nil)) @b';

describe('the engine query pass', () => {
  test('a file holding no needle is neither parsed nor walked; a file with one is parsed at its declaration, then whole once it matched', async () => {
    const { parser, calls } = await spyParser();
    const rec = recorder('rec', NEEDLE_Q);
    const { result, walks } = await countingWalks(async () => runUnit(parser, load(rec.codemod), [file('three.go', THREE), file('none.go', NONE)]));
    expect(result.map((o) => o.errors)).toEqual([[], []]);
    expect(rec.seen.get('none.go')).toEqual([[]]);
    expect(calls.filter((c) => c.source === NONE)).toEqual([]);
    expect(walks.filter((w) => w.source === NONE)).toEqual([]);
    // three.go: a parse of function two (from the newline before it) and a walk of that tree;
    // it matched, so the file is parsed and walked whole: the matches handed out are the
    // full tree's (their nodes' parents and siblings are the file's).
    const top = topLevelDecls(THREE);
    const two = top.decls.find((d) => d.names[0]?.name === 'two')!;
    expect(calls.map((c) => ({ ...c, ranges: c.ranges && spans(c.ranges) }))).toEqual([
      { source: THREE, ranges: [[two.start - 1, two.end]], top: ['function_declaration:two'] },
      { source: THREE, ranges: undefined, top: expect.arrayContaining(['function_declaration:one', 'function_declaration:two']) },
    ]);
    expect(walks.map((w) => w.top)).toEqual([1, 6]);
    const want = await matchesOf(NEEDLE_Q, THREE);
    expect(want).toHaveLength(1);
    expect(rec.seen.get('three.go')).toEqual([want]);
  });

  test('a broken file whose partial parse matched gets the full parse\'s matches, not the partial ones', async () => {
    const q = '(function_declaration body: (block (statement_list (return_statement (expression_list (binary_expression right: (nil))))))) @f';
    const rec = recorder('rec', q);
    await runUnit(await loadGoParser(), load(rec.codemod), [file('broken.go', BROKEN_BALANCED)]);
    expect(rec.seen.get('broken.go')).toEqual([await matchesOf(q, BROKEN_BALANCED)]);
    expect(rec.seen.get('broken.go')).toEqual([[]]);
  });

  test('several codemods: the union of their needles picks the declarations; each gets exactly its full-parse matches', async () => {
    const { parser, calls } = await spyParser();
    const a = recorder('a', NEEDLE_Q);
    const b = recorder('b', '((call_expression function: (selector_expression operand: (identifier) @p)) @c (#eq? @p "fmt"))');
    const c = recorder('c', NIL_Q);
    await runUnit(parser, load(a.codemod, b.codemod, c.codemod), [file('three.go', THREE), file('none.go', NONE)]);
    const ranged = calls.filter((x) => x.ranges);
    expect(ranged.map((x) => x.top)).toEqual([['import_declaration', 'function_declaration:one', 'function_declaration:two']]);
    expect(calls.filter((x) => x.source === NONE)).toEqual([]);
    for (const [r, q] of [
      [a, NEEDLE_Q],
      [b, '((call_expression function: (selector_expression operand: (identifier) @p)) @c (#eq? @p "fmt"))'],
      [c, NIL_Q],
    ] as const) {
      const want = await matchesOf(q, THREE);
      expect(want.length).toBeGreaterThan(0);
      expect(r.seen.get('three.go')).toEqual([want]);
      expect(r.seen.get('none.go')).toEqual([[]]);
    }
  });

  test('a codemod without derivable needles makes the pass parse the whole file', async () => {
    const { parser, calls } = await spyParser();
    const a = recorder('a', NEEDLE_Q);
    const any = recorder('any', '(function_declaration name: (identifier) @n) @f');
    await runUnit(parser, load(a.codemod, any.codemod), [file('three.go', THREE), file('none.go', NONE)]);
    expect(calls.map((c) => [c.source, c.ranges])).toEqual([
      [THREE, undefined],
      [NONE, undefined],
    ]);
    expect(a.seen.get('three.go')).toEqual([await matchesOf(NEEDLE_Q, THREE)]);
    expect(any.seen.get('none.go')).toEqual([await matchesOf('(function_declaration name: (identifier) @n) @f', NONE)]);
  });

  test('file.tree read before ctx.matches: the full tree serves the pass, no partial parse', async () => {
    const { parser, calls } = await spyParser();
    let children = 0;
    const rec = recorder('rec', NEEDLE_Q, { before: (ctx) => void (children = ctx.file.tree.rootNode.namedChildCount) });
    await runUnit(parser, load(rec.codemod), [file('three.go', THREE)]);
    expect(children).toBe(6); // with the comment
    expect(calls.map((c) => c.ranges)).toEqual([undefined]);
    expect(rec.seen.get('three.go')).toEqual([await matchesOf(NEEDLE_Q, THREE)]);
  });

  test('file.tree read after ctx.matches: a full tree of its own, and matches still usable', async () => {
    const { parser, calls } = await spyParser();
    let seenTree: string[] = [];
    let matchText = '';
    const rec = recorder('rec', NEEDLE_Q, {
      after(ctx) {
        seenTree = ctx.file.tree.rootNode.namedChildren.map((n) => n!.type);
        // The nodes of the match come from the partial tree, alive until the round ends.
        matchText = ctx.matches()[0].captures[0].node.parent!.text;
      },
    });
    // Another codemod, later, reads the tree and declares a query: the pass is already made.
    const later = recorder('later', NIL_Q, { before: (ctx) => void ctx.file.tree });
    await runUnit(parser, load(rec.codemod, later.codemod), [file('three.go', THREE)]);
    expect(seenTree).toEqual(['package_clause', 'import_declaration', 'function_declaration', 'comment', 'function_declaration', 'function_declaration']);
    expect(matchText).toBe('needle == nil');
    expect(calls.map((c) => (c.ranges ? 'partial' : 'full'))).toEqual(['partial', 'full']);
    expect(rec.seen.get('three.go')).toEqual([await matchesOf(NEEDLE_Q, THREE)]);
    expect(later.seen.get('three.go')).toEqual([await matchesOf(NIL_Q, THREE)]);
  });

  test('rounds: each round parses the declarations holding its own text\'s needles; none when none is left', async () => {
    const rename = (name: string, from: string, to: string, log: ReturnType<typeof plain>[]) =>
      defineCodemod({
        name,
        description: `${from} -> ${to}`,
        query: `((identifier) @id (#eq? @id "${from}"))`,
        run(ctx) {
          const ms = ctx.matches();
          log.push(plain(ms));
          for (const m of ms) {
            const n = m.captures[0].node;
            ctx.report({ start: n.startIndex, end: n.endIndex, message: `${from} is ${to}`, fixes: [{ message: 'rename', edits: [fixer.replace(n, to)] }] });
          }
        },
      });
    const src = 'package p\n\nvar foo = 1\nvar keep = 2\n\nfunc f() int { return keep }\n\nfunc g() int { return foo + 2 }\n';
    const first: ReturnType<typeof plain>[] = [];
    const second: ReturnType<typeof plain>[] = [];
    const { parser, calls } = await spyParser();
    const { result, walks } = await countingWalks(async () => runUnit(parser, load(rename('foo-bar', 'foo', 'bar', first), rename('bar-baz', 'bar', 'baz', second)), [file('p.go', src)]));
    const mid = src.replaceAll('foo', 'bar');
    const end = src.replaceAll('foo', 'baz');
    expect(result[0].errors).toEqual([]);
    expect(result[0].output).toBe(end);
    expect(first).toEqual([await matchesOf('((identifier) @id (#eq? @id "foo"))', src), [], []]);
    expect(second).toEqual([[], await matchesOf('((identifier) @id (#eq? @id "bar"))', mid), []]);
    expect(first[0]).toHaveLength(2);
    // Partial parses: round 0 and 1 over `var foo/bar` and g; round 2 has no needle: no parse, no walk.
    const partial = calls.filter((c) => c.ranges);
    expect(partial.map((c) => [c.source, c.top])).toEqual([
      [src, ['var_declaration', 'function_declaration:g']],
      [mid, ['var_declaration', 'function_declaration:g']],
    ]);
    expect(calls.filter((c) => c.source === end && c.ranges)).toEqual([]);
    // Rounds 0 and 1 matched: each walks its partial tree, then the full one.
    expect(walks.map((w) => w.top)).toEqual([2, 5, 2, 5]);
  });

  test('matches come with the whole file around them: parents and siblings are the file\'s', async () => {
    const source = 'package p\n\nfunc a() {}\n\n// Deprecated: use g.\nfunc f() {}\n\nfunc g() {}\n';
    const q = '((comment) @c (#eq? @c "// Deprecated: use g."))';
    expect(partialRanges(q, source)).not.toBeNull(); // a partial parse is what finds it
    const seen: string[] = [];
    const codemod = defineCodemod({
      name: 'siblings',
      description: 'reads around its matches',
      query: q,
      run(ctx) {
        for (const m of ctx.matches()) {
          const c = m.captures[0].node;
          seen.push(`${c.nextNamedSibling?.type}:${c.nextNamedSibling?.childForFieldName('name')?.text} ${c.parent?.type}/${c.parent?.namedChildCount}`);
        }
      },
    });
    runUnit(await loadGoParser(), load(codemod), [file('p.go', source)]);
    expect(seen).toEqual(['function_declaration:f source_file/5']);
  });

  test('a codemod that declares a query and also takes go.mod files runs on them', async () => {
    const codemod = defineCodemod({
      name: 'nil-and-mod',
      description: 'a query for Go files, a finding on go.mod files',
      query: '(nil) @n',
      fileKinds: ['go', 'go.mod'],
      run(ctx) {
        if (ctx.file.kind === 'go.mod') ctx.report({ start: 0, end: 6, message: 'a go.mod' });
        else for (const m of ctx.matches()) ctx.report({ start: m.captures[0].node.startIndex, end: m.captures[0].node.endIndex, message: 'a nil' });
      },
    });
    const noParser = new Proxy({} as GoParser, {
      get() {
        throw new Error('no Go parser for go.mod files');
      },
    });
    const [mod] = runUnit(noParser, load(codemod), [{ kind: 'go.mod', path: 'go.mod', source: 'module m\n\ngo 1.22\n', goVersion: undefined, packageName: '' }]);
    expect(mod.errors).toEqual([]);
    expect(mod.findings.map((f) => f.message)).toEqual(['a go.mod']);
  });

  test('fixes made from partial-tree matches equal those of the same codemod on the full tree', async () => {
    const q = '(binary_expression left: (_) @l operator: "==" right: (nil)) @b';
    const flip = (ctx: Context, ms: QueryMatch[]) => {
      for (const m of ms) {
        const b = m.captures.find((c) => c.name === 'b')!.node;
        const l = m.captures.find((c) => c.name === 'l')!.node;
        ctx.report({ start: b.startIndex, end: b.endIndex, message: 'nil first', fixes: [{ message: 'flip', edits: [fixer.replace(b, `nil == ${l.text}`)] }] });
      }
    };
    const declared = defineCodemod({ name: 'flip', description: 'x == nil -> nil == x', query: q, run: (ctx) => flip(ctx, ctx.matches()) });
    const byHand = defineCodemod({ name: 'flip', description: 'x == nil -> nil == x', run: (ctx) => flip(ctx, ctx.query(q).matches(ctx.file.tree.rootNode)) });
    const sources = [
      THREE,
      NONE,
      // CRLF, non-ASCII, consecutive declarations ending in identifiers, several hits per declaration.
      'package p\r\n\r\nvar ä = "😀"\r\nvar b = ä == nil\r\nvar c = b\r\n\r\nfunc f(x, y *int) bool {\r\n\t// é == nil\r\n\treturn x == nil && y == nil\r\n}\r\n\r\nfunc g() {}\r\n',
      'package p\n\nfunc h(m map[string]any) bool { return m["日本"] == nil || (m["😀"] == nil) }\nfunc i() {}\n',
    ];
    const files = sources.map((s, k) => file(`f${k}.go`, s));
    const { parser, calls } = await spyParser();
    const got = await runUnit(parser, load(declared), files);
    const want = await runUnit(await loadGoParser(), load(byHand), files);
    expect(got.map((o) => o.output)).toEqual(want.map((o) => o.output));
    expect(got.map((o) => o.findings)).toEqual(want.map((o) => o.findings));
    expect(got.map((o) => o.errors)).toEqual(want.map((o) => o.errors));
    expect(got.map((o) => o.output !== o.original)).toEqual([true, false, true, true]);
    expect(got[2].output).toContain('return nil == x && nil == y');
    // Round 0 parsed f0, f2, f3 partially and never touched f1.
    expect(calls.filter((c) => c.ranges && sources.includes(c.source)).map((c) => sources.indexOf(c.source))).toEqual([0, 2, 3]);
    expect(calls.filter((c) => c.source === NONE)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// GOROOT/src: partial parses against full parses.

/** Every 25th .go file of $(go env GOROOT)/src outside testdata, in path order. */

const corpusQueries = [
  '(binary_expression left: (_) @x operator: ["==" "!="] @op right: [(true) (false)] @lit) @cmp',
  '(call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) (#eq? @pkg "errors") (#eq? @fn "New")) @call',
  '(if_statement condition: (binary_expression left: (identifier) @err operator: "!=" right: (nil)) (#eq? @err "err")) @if',
  '((comment) @c (#eq? @c "// Copyright 2009 The Go Authors. All rights reserved."))',
  '((comment) @c (#any-of? @c "//go:nosplit" "//go:noinline" "//go:linkname"))',
  '((type_identifier) @t (#any-of? @t "Reader" "Writer" "Context"))',
  '(const_spec value: (expression_list (iota))) @c',
  '(go_statement "go" @kw (func_literal)) @g',
  '((identifier) @id (#any-of? @id "EOF" "ErrUnexpectedEOF"))',
];

(haveGo() ? test : test.skip)('GOROOT/src sample: partial-parse matches equal full-parse matches; skipped files have none', async () => {
  const parser = await loadGoParser();
  const derived = corpusQueries.map((q) => queryNeedles(q)!);
  // The queries are meant to exercise both paths: every one has needles and stays within declarations.
  expect(derived.map((d) => d?.withinDeclarations)).toEqual(corpusQueries.map(() => true));
  const union = [...new Set(derived.flatMap((d) => d.needles))];
  const queries = corpusQueries.map((q) => parser.query(q));
  const key = (ms: QueryMatch[]) => JSON.stringify(plain(ms));
  let files = 0;
  let skipped = 0;
  let compared = 0;
  let matched = 0;
  let parsed = 0;
  let total = 0;
  const mismatches: unknown[] = [];
  for (const path of gorootSample(25)) {
    const text = readFileSync(path, 'utf8');
    files++;
    total += text.length;
    const full = parser.parse(text);
    const top: TopLevel = topLevelDecls(text);
    const partialWith = (needles: string[]) => parser.parse(text, needleRanges(text, top, needles));
    try {
      const want = queries.map((q) => key(q.matches(full.rootNode)));
      for (let k = 0; k < queries.length; k++) {
        const needles = derived[k].needles;
        if (!needles.some((n) => text.includes(n))) {
          skipped++;
          if (want[k] !== '[]') mismatches.push({ path, query: corpusQueries[k], skippedButMatches: want[k].slice(0, 300) });
          continue;
        }
        if (!top.ok) continue;
        const part = partialWith(needles);
        try {
          const got = key(queries[k].matches(part.rootNode));
          compared++;
          if (got !== '[]') matched++;
          if (got !== want[k]) mismatches.push({ path, query: corpusQueries[k], full: want[k].slice(0, 300), partial: got.slice(0, 300) });
        } finally {
          part.delete();
        }
      }
      // As the engine does for several codemods at once: one partial parse for the union.
      if (top.ok && union.some((n) => text.includes(n))) {
        const ranges = needleRanges(text, top, union);
        parsed += ranges.reduce((a, r) => a + r.endIndex - r.startIndex, 0);
        const part = partialWith(union);
        try {
          for (let k = 0; k < queries.length; k++) {
            const got = key(queries[k].matches(part.rootNode));
            if (got !== want[k]) mismatches.push({ path, query: corpusQueries[k], union: true, full: want[k].slice(0, 300), partial: got.slice(0, 300) });
          }
        } finally {
          part.delete();
        }
      }
    } finally {
      full.delete();
    }
    if (mismatches.length > 5) break;
  }
  expect(mismatches).toEqual([]);
  expect(files).toBeGreaterThan(150);
  expect(skipped).toBeGreaterThan(files);
  expect(compared).toBeGreaterThan(files);
  expect(matched).toBeGreaterThan(100);
  // The partial parses are partial.
  expect(parsed / total).toBeLessThan(0.9);
});
