/**
 * One query pass per file (src/engine/query-pass.ts, Codemod.query + ctx.matches): each codemod gets
 * exactly what its own query would return alone, from one walk of each file's tree per round.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { Query, type Node, type QueryMatch } from 'web-tree-sitter';
import { runUnit, type LoadedCodemod, type UnitFile } from '../src/engine/engine.js';
import { loadGoParser } from '../src/go/parser.js';
import { matchesPerQuery } from '../src/engine/query-pass.js';
import { defineCodemod, type Codemod, type Context, type SourceFile } from '../src/go/codemod.js';
import { fixer } from '../src/go/fixer.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';

const file = (path: string, source: string, extra: Partial<UnitFile> = {}): UnitFile => ({ path, source, goVersion: '1.22', packageName: 'p', ...extra });
const load = (...codemods: Codemod<any>[]): LoadedCodemod[] => codemods.map((codemod) => ({ codemod, options: {} }));

/** Matches as plain data, comparable across trees and queries. */
const plain = (ms: QueryMatch[]) =>
  ms.map((m) => ({
    pattern: m.patternIndex,
    setProperties: m.setProperties,
    assertedProperties: m.assertedProperties,
    refutedProperties: m.refutedProperties,
    captures: m.captures.map((c) => ({ name: c.name, pattern: c.patternIndex, type: c.node.type, start: c.node.startIndex, end: c.node.endIndex, text: c.node.text })),
  }));

/** Each codemod's query alone, on its own parse of `source`: the reference. */
async function alone(querySource: string, source: string) {
  const parser = await loadGoParser();
  const tree = parser.parse(source);
  const q = new Query(parser.language, querySource);
  try {
    return plain(q.matches(tree.rootNode));
  } finally {
    q.delete();
    tree.delete();
  }
}

/** A codemod that records what ctx.matches() gives it on each of its files, and reports nothing. */
function recorder(name: string, query: string, extra: Partial<Codemod> = {}) {
  const seen = new Map<string, ReturnType<typeof plain>[]>();
  const codemod = defineCodemod({
    name,
    description: `records the matches of ${name}`,
    query,
    ...extra,
    run(ctx: Context) {
      for (const f of ctx.files) {
        if (f.kind !== 'go') continue;
        const list = seen.get(f.path) ?? [];
        list.push(plain(ctx.matches(f)));
        seen.set(f.path, list);
      }
    },
  });
  return { codemod, seen };
}

/** Calls of Query.prototype.matches while fn runs: the tree walks, whoever makes them. */
async function countingWalks<T>(fn: () => Promise<T>) {
  const walks: { root: string; patterns: number }[] = [];
  const original = Query.prototype.matches;
  const spy = jest.spyOn(Query.prototype, 'matches').mockImplementation(function (this: Query, node: Node, options) {
    walks.push({ root: node.tree.rootNode.text, patterns: this.patternCount() });
    return original.call(this, node, options);
  });
  try {
    return { result: await fn(), walks };
  } finally {
    spy.mockRestore();
  }
}

const SRC = `package p

import "fmt"

type T struct{ x int }

// Doc of make1.
// Two lines.
func make1() T { return T{x: 1} }

func f(x int, y string) {
	z := makeT(x)
	fmt.Println(x, y, z, "s", \`raw\`, 42, 0x2a)
}

func makeT(n int) T { var t T; t.x = n; return t }
`;

/** Three queries with the same capture name (@id) under different predicates, and more. */
const QA = `
((identifier) @id (#eq? @id "x"))
(call_expression function: (identifier) @fn (#match? @fn "^make")) @call
((int_literal) @lit (#set! kind "int"))`;
const QB = `; B: the other identifiers, functions and their doc comments
((identifier) @id (#not-eq? @id "x"))
(function_declaration name: (identifier) @name body: (block) @body)
((comment)+ @doc . (function_declaration) @fn)
((identifier) @id (#any-of? @id "y" "z")) ; ends in a comment, no newline`;
const QC = `(_ (identifier) @id) @parent
((type_identifier) @id (#eq? @id "T") (#is-not? local))
[(interpreted_string_literal) (raw_string_literal)] @id`;

test('each codemod gets what its own query returns alone, capture names and predicates kept apart', async () => {
  const a = recorder('qa', QA);
  const b = recorder('qb', QB);
  const c = recorder('qc', QC);
  const [out] = await runUnit(await loadGoParser(), load(a.codemod, b.codemod, c.codemod), [file('p.go', SRC)]);
  expect(out.errors).toEqual([]);
  for (const [rec, q] of [
    [a, QA],
    [b, QB],
    [c, QC],
  ] as const) {
    const got = rec.seen.get('p.go')!;
    expect(got).toHaveLength(1);
    expect(got[0].length).toBeGreaterThan(0);
    expect(got[0]).toEqual(await alone(q, SRC));
  }
  // Same capture name, different predicates: A's @id are all x, B's first pattern never is.
  const idsOf = (ms: ReturnType<typeof plain>, pattern: number) => ms.filter((m) => m.pattern === pattern).flatMap((m) => m.captures.filter((c) => c.name === 'id').map((c) => c.text));
  expect(new Set(idsOf(a.seen.get('p.go')![0], 0))).toEqual(new Set(['x']));
  expect(idsOf(b.seen.get('p.go')![0], 0)).not.toContain('x');
  expect(idsOf(b.seen.get('p.go')![0], 3).sort()).toEqual(['y', 'y', 'z', 'z']);
  // Properties of set! stay with their pattern, renumbered with it.
  expect(a.seen.get('p.go')![0].find((m) => m.pattern === 2)!.setProperties).toEqual({ kind: 'int' });
});

test('one walk per file per round, only for files where a codemod asks, over the codemods that run there', async () => {
  const a = recorder('qa', QA);
  const b = recorder('qb', QB);
  const c = recorder('qc', QC, { needles: ['makeT'] }); // runs on p.go only
  const lazy = defineCodemod({
    name: 'lazy',
    description: 'declares a query and asks for it twice, on p.go only',
    query: '(identifier) @i',
    run(ctx) {
      if (ctx.file.path !== 'p.go') return;
      const first = ctx.matches();
      const second = ctx.matches(ctx.file);
      expect(second).not.toBe(first); // a new array each call, same content
      expect(plain(second)).toEqual(plain(first));
    },
  });
  const other = 'package p\n\nfunc g(x int) int { return x }\n';
  const quiet = 'package p\n\nvar q = 1\n';
  const noAsk = defineCodemod({ name: 'no-ask', description: 'declares a query, never asks', query: '(identifier) @i', run() {} });
  const { walks } = await countingWalks(async () => {
    // Files where only no-ask runs are never walked; qa and qb skip quiet.go by needles.
    const needy = (r: ReturnType<typeof recorder>) => ({ ...r.codemod, needles: ['func'] });
    return runUnit(await loadGoParser(), load(needy(a), needy(b), c.codemod, lazy, noAsk), [file('p.go', SRC), file('o.go', other), file('quiet.go', quiet)]);
  });
  const language = (await loadGoParser()).language;
  const count = (q: string) => new Query(language, q).patternCount();
  const [na, nb, nc, ni] = [count(QA), count(QB), count(QC), count('(identifier) @i')];
  expect(walks).toEqual([
    // p.go: everything that runs there, one pass; o.go: qc's needle is missing there.
    { root: SRC, patterns: na + nb + nc + ni + ni },
    { root: other, patterns: na + nb + ni + ni },
  ]);
  expect(a.seen.get('o.go')![0]).toEqual(await alone(QA, other));
  expect(b.seen.get('o.go')![0]).toEqual(await alone(QB, other));
  expect(c.seen.get('p.go')![0]).toEqual(await alone(QC, SRC));
  expect(c.seen.has('o.go')).toBe(false);
});

test('a query that does not compile is an error naming its codemod; the others still get their matches', async () => {
  const good = defineCodemod({
    name: 'good',
    description: 'renames x to y, found by its query',
    query: '((identifier) @id (#eq? @id "x"))',
    run(ctx) {
      for (const m of ctx.matches()) {
        const n = m.captures[0].node;
        ctx.report({ start: n.startIndex, end: n.endIndex, message: 'x is y', fixes: [{ message: 'rename', edits: [fixer.replace(n, 'y')] }] });
      }
    },
  });
  const seenGood = recorder('seen-good', '((identifier) @id (#eq? @id "x"))');
  const badSyntax = recorder('bad-syntax', '((identifier) @id', { needles: ['broken'] });
  const badNode = recorder('bad-node', '(no_such_node) @n', { needles: ['unknown'] });
  const b = 'package p\n\n// broken\nvar x = 2\n';
  const c = 'package p\n\n// unknown\nvar x = 3\n';
  const { result: outs, walks } = await countingWalks(async () =>
    runUnit(await loadGoParser(), load(good, seenGood.codemod, badSyntax.codemod, badNode.codemod), [file('a.go', 'package p\n\nvar x = 1\n'), file('b.go', b), file('c.go', c)]),
  );
  expect(outs[0].errors).toEqual([]);
  expect(outs[0].output).toBe('package p\n\nvar y = 1\n');
  expect(outs[1].errors).toEqual([{ codemod: 'bad-syntax', message: expect.stringMatching(/^codemod bad-syntax has a query that does not compile: Bad syntax/) }]);
  expect(outs[2].errors).toEqual([{ codemod: 'bad-node', message: 'codemod bad-node has a query that does not compile: Bad node name \'no_such_node\'' }]);
  // A file with an error is left as it was (a file is all or nothing).
  expect(outs[1].output).toBe(b);
  expect(outs[2].output).toBe(c);
  expect(badSyntax.seen.size + badNode.seen.size).toBe(0); // never run
  // Codemods before the broken one ran on b.go as usual, from a pass without the broken query.
  expect(seenGood.seen.get('b.go')).toEqual([await alone('((identifier) @id (#eq? @id "x"))', b)]);
  // b.go's one pass was made of the queries that compile, over the one declaration that
  // holds their needle "x" (src/engine/query-needles.ts: only that part of the file is parsed).
  expect(walks.filter((w) => w.root === 'var x = 2')).toEqual([{ root: 'var x = 2', patterns: 2 }]);
});

test('rounds: a fix that enables another pattern is matched on the new tree in the next round', async () => {
  const rename = (name: string, from: string, to: string, log: string[][]) =>
    defineCodemod({
      name,
      description: `${from} -> ${to}`,
      query: `((identifier) @id (#eq? @id "${from}"))`,
      run(ctx) {
        const ms = ctx.matches();
        log.push(ms.map((m) => `${m.captures[0].node.text}@${m.captures[0].node.startIndex}`));
        for (const m of ms) {
          const n = m.captures[0].node;
          ctx.report({ start: n.startIndex, end: n.endIndex, message: `${from} is ${to}`, fixes: [{ message: 'rename', edits: [fixer.replace(n, to)] }] });
        }
      },
    });
  const first: string[][] = [];
  const second: string[][] = [];
  const src = 'package p\n\nvar foo = 1\n\nvar _ = foo + 2\n';
  const { result, walks } = await countingWalks(async () => runUnit(await loadGoParser(), load(rename('foo-bar', 'foo', 'bar', first), rename('bar-baz', 'bar', 'baz', second)), [file('p.go', src)]));
  const [out] = result;
  expect(out.output).toBe('package p\n\nvar baz = 1\n\nvar _ = baz + 2\n');
  expect(first).toEqual([['foo@15', 'foo@32'], [], []]);
  expect(second).toEqual([[], ['bar@15', 'bar@32'], []]);
  // Round 0 and round 1 (bar appears): one pass each, on that round's text: a walk of the
  // declarations holding a needle (foo or bar), then, as they match, of the whole file.
  // Round 2: neither needle is left, so no parse and no walk.
  const mid = src.replaceAll('foo', 'bar');
  expect(walks.map((w) => w.root)).toEqual(['var foo = 1\n\nvar _ = foo + 2', src, 'var bar = 1\n\nvar _ = bar + 2', mid]);
});

test('package scope: ctx.matches(file) on any file of the unit, context files included', async () => {
  const pkg = recorder('pkg', '((identifier) @id (#match? @id "^x"))', { scope: 'package' });
  const single = recorder('single', '(var_declaration) @v');
  const a = 'package p\n\nvar x1 = 1\n';
  const gen = '// Code generated by hand. DO NOT EDIT.\n\npackage p\n\nvar x2 = 2\n';
  const { walks } = await countingWalks(async () => runUnit(await loadGoParser(), load(pkg.codemod, single.codemod), [file('a.go', a), file('gen.go', gen, { contextOnly: 'generated' })]));
  expect(pkg.seen.get('a.go')).toEqual([await alone('((identifier) @id (#match? @id "^x"))', a)]);
  expect(pkg.seen.get('gen.go')).toEqual([await alone('((identifier) @id (#match? @id "^x"))', gen)]);
  expect(single.seen.get('a.go')).toEqual([await alone('(var_declaration) @v', a)]);
  expect(single.seen.has('gen.go')).toBe(false);
  expect(walks).toEqual([
    { root: a, patterns: 2 },
    { root: gen, patterns: 1 },
  ]);
});

test('ctx.matches without a declared query, or on a file outside the unit, is an error of the codemod', async () => {
  const noQuery = defineCodemod({ name: 'no-query', description: 'asks without a query', run: (ctx) => void ctx.matches() });
  const stray = defineCodemod({
    name: 'stray',
    description: 'asks for a file it was not given',
    query: '(identifier) @i',
    run: (ctx) => void ctx.matches({ ...ctx.file, path: 'elsewhere.go' } as SourceFile),
  });
  const outs = await runUnit(await loadGoParser(), load(noQuery, stray), [file('a.go', 'package p\n'), file('b.go', 'package p\n', { packageName: 'p' })]);
  expect(outs[0].errors).toEqual([{ codemod: 'no-query', message: 'codemod no-query crashed: ctx.matches: the codemod declares no query', crash: expect.any(Object) }]);
  // The stack starts at the codemod's call, not in the engine that threw.
  expect(outs[0].errors[0].crash!.frames[0]).toMatchObject({ file: import.meta.filename, fn: expect.stringMatching(/run$/) });
  expect(outs[1].errors[0].message).toMatch(/no-query crashed/);
  const [only] = await runUnit(await loadGoParser(), load(stray), [file('a.go', 'package p\n')]);
  expect(only.errors).toEqual([{ codemod: 'stray', message: 'codemod stray crashed: ctx.matches: elsewhere.go is not one of ctx.files', crash: expect.any(Object) }]);
});

/** Real Go: $(go env GOROOT)/src, every 40th file in path order. */

const realQueries = [
  QA,
  QB,
  QC,
  '(interface_type) @i',
  '((identifier) @id (#eq? @id "any"))',
  '(call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) arguments: (argument_list (_)* @args)) @call',
  '(if_statement condition: (binary_expression left: (identifier) @err operator: "!=" right: (nil)) (#eq? @err "err"))',
  '((comment) @c (#match? @c "^// Deprecated"))',
];

(haveGo() ? test : test.skip)('on a sample of GOROOT/src, the split pass equals every query alone, in order', async () => {
  const parser = await loadGoParser();
  const alones = realQueries.map((q) => new Query(parser.language, q));
  let files = 0;
  let total = 0;
  let walks = 0;
  const original = Query.prototype.matches;
  const spy = jest.spyOn(Query.prototype, 'matches').mockImplementation(function (this: Query, node: Node, options) {
    walks++;
    return original.call(this, node, options);
  });
  try {
    for (const path of gorootSample(40)) {
      const tree = parser.parse(readFileSync(path, 'utf8'));
      try {
        const before = walks;
        const split = matchesPerQuery(parser, realQueries, tree.rootNode);
        expect(walks - before).toBe(1);
        for (let k = 0; k < realQueries.length; k++) {
          const want = plain(alones[k].matches(tree.rootNode));
          total += want.length;
          if (JSON.stringify(plain(split[k])) !== JSON.stringify(want)) expect({ path, query: realQueries[k], got: plain(split[k]) }).toEqual({ path, query: realQueries[k], got: want });
        }
      } finally {
        tree.delete();
      }
      files++;
    }
  } finally {
    spy.mockRestore();
    for (const q of alones) q.delete();
  }
  expect(files).toBeGreaterThan(100);
  expect(total).toBeGreaterThan(10000);
});
