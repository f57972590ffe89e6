/**
 * The build constraint toolkit (src/go/constraint-expr.ts, src/go/build-lines.ts) against the
 * Go toolchain itself: every //go:build and // +build line of $GOROOT/src, hand-written edge
 * cases and generated expressions are parsed, printed, turned into +build lines and given a
 * Go version by go/build/constraint and by the port, which must agree exactly; file headers
 * get their language version from go/types (Info.FileVersions). Then properties of what the
 * port adds: simplifying keeps the value, satisfiability matches brute force.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  constraintGoVersion,
  constraintSatisfiable,
  constraintString,
  evalConstraint,
  parseConstraint,
  plusBuildLines,
  simplifyConstraint,
  constraintTags,
  type ConstraintExpr,
} from '../src/go/constraint-expr.js';
import { buildConstraints, constraintSatisfiableFrom, fileAllowsGo, fileLanguageVersion, releaseTagMinor } from '../src/go/build-lines.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

/** A tag is "set" in the evaluation both sides run when its length is odd. */
const oddTags = (tag: string) => [...tag].length % 2 === 1;

const ORACLE = `package main

import (
	"encoding/json"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"unicode/utf8"
)

type lineResult struct {
	OK        bool     \`json:"ok"\`
	Error     string   \`json:"error,omitempty"\`
	String    string   \`json:"string,omitempty"\`
	Plus      []string \`json:"plus,omitempty"\`
	PlusError string   \`json:"plusError,omitempty"\`
	GoVersion string   \`json:"goVersion,omitempty"\`
	Eval      bool     \`json:"eval"\`
}

func main() {
	var in struct {
		Lines   []string \`json:"lines"\`
		Files   []string \`json:"files"\`
		Module  string   \`json:"module"\`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	var out struct {
		Lines []lineResult \`json:"lines"\`
		Files []string     \`json:"files"\`
	}
	for _, line := range in.Lines {
		x, err := constraint.Parse(line)
		if err != nil {
			out.Lines = append(out.Lines, lineResult{Error: err.Error()})
			continue
		}
		r := lineResult{OK: true, String: x.String(), GoVersion: constraint.GoVersion(x)}
		r.Eval = x.Eval(func(tag string) bool { return utf8.RuneCountInString(tag)%2 == 1 })
		if plus, err := constraint.PlusBuildLines(x); err != nil {
			r.PlusError = err.Error()
		} else {
			r.Plus = plus
		}
		out.Lines = append(out.Lines, r)
	}
	for _, src := range in.Files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "f.go", src, parser.ParseComments)
		if err != nil {
			panic(err)
		}
		info := &types.Info{FileVersions: map[*ast.File]string{}}
		conf := types.Config{GoVersion: "go" + in.Module, Error: func(error) {}}
		conf.Check("p", fset, []*ast.File{f}, info)
		out.Files = append(out.Files, info.FileVersions[f])
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`;

interface GoLine {
  ok: boolean;
  error?: string;
  string?: string;
  plus?: string[];
  plusError?: string;
  goVersion?: string;
  eval: boolean;
}

const goOk = haveGo();

function oracle(input: { lines: string[]; files?: string[]; module?: string }): { lines: GoLine[]; files: string[] | null } {
  const dir = tmpTree({ 'go.mod': 'module oracle\n\ngo 1.22\n', 'main.go': ORACLE });
  const input_ = join(dir, 'in.json');
  writeFileSync(input_, JSON.stringify({ files: [], module: '1.22', ...input }));
  const r = spawnSync('sh', ['-c', 'go run . < in.json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, GOFLAGS: '', GOWORK: 'off', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function port(line: string): GoLine {
  const p = parseConstraint(line);
  if (!p.ok) return { ok: false, error: p.error, eval: false };
  const out: GoLine = { ok: true, string: constraintString(p.expr), eval: evalConstraint(p.expr, oddTags) };
  const v = constraintGoVersion(p.expr);
  if (v !== undefined) out.goVersion = 'go' + v;
  const plus = plusBuildLines(p.expr);
  if (plus) out.plus = plus;
  else out.plusError = 'expression too complex for // +build lines';
  return out;
}

function gorootConstraintLines(): string[] {
  const root = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
  const lines = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.go')) {
        for (const m of readFileSync(abs, 'utf8').matchAll(/^(\/\/go:build.*|\/\/ ?\+build.*)$/gm)) lines.add(m[1]);
      }
    }
  };
  walk(root);
  return [...lines].sort();
}

const EDGE_LINES = [
  '//go:build',
  '//go:build ',
  '//go:buildlinux',
  '//go:build linux',
  '//go:build\tlinux',
  '  //go:build linux  ',
  '//go:build !linux',
  '//go:build !!linux',
  '//go:build !(linux || darwin) && !windows',
  '//go:build (a || b) && (c || d)',
  '//go:build a && b || c && d',
  '//go:build ((a))',
  '//go:build (a',
  '//go:build a)',
  '//go:build a &',
  '//go:build a | b',
  '//go:build a &&',
  '//go:build a b',
  '//go:build !',
  '//go:build ()',
  '//go:build é && ü.x_1',
  '//go:build a-b',
  '//go:build go1 && go1.21 && !go1.22',
  '//go:build xgo1.5 || go1.05 || go1.x',
  '//go:build !(go1.18 && linux)',
  '//go:build !(!a || !b)',
  '//go:build !(a && b) && !(c || d)',
  '//go:build (a && b) || (c && d) || e',
  '// +build',
  '// +build linux',
  '//+build linux',
  '// +build linux,amd64 darwin,!cgo',
  '// +build !!a ! a,,b',
  '// +build a-b c',
  '// +buildx',
  '//  +build   a   b ',
  '// not a constraint',
];

/** Random //go:build expressions over a few tags, go1.N tags included. */
const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('linux', 'amd64', 'cgo', 'go1.18', 'go1.21', 'go1.22', 'go1.24', 'x'),
    tie('e').map((e) => `!${/^[\w.]+$/.test(e) || e.startsWith('(') ? e : `(${e})`}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} && ${b}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} || ${b}`),
    tie('e').map((e) => `(${e})`),
  ),
})).e;

const generated = fc.sample(exprArb, { numRuns: 400, seed: 16 }).map((e) => `//go:build ${e}`);

(goOk ? test : test.skip)('the port agrees with go/build/constraint on every line of GOROOT, edge cases and generated expressions', () => {
  const lines = [...gorootConstraintLines(), ...EDGE_LINES, ...generated];
  expect(lines.length).toBeGreaterThan(1000);
  const want = oracle({ lines }).lines;
  const got = lines.map(port);
  const canonical = (r: GoLine) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  const differ = lines.flatMap((line, i) => (canonical(got[i]) === canonical(want[i]) ? [] : [{ line, want: want[i], got: got[i] }]));
  expect(differ).toEqual([]);
});

const HEADERS: string[] = [
  'package p\n',
  '//go:build go1.18\n\npackage p\n',
  '//go:build go1.21\n\npackage p\n',
  '//go:build go1.23 && linux\n\npackage p\n',
  '//go:build !go1.18\n\npackage p\n',
  '//go:build linux || go1.23\n\npackage p\n',
  '//go:build go1.18\n// +build go1.18\n\npackage p\n',
  '// +build go1.18\n\npackage p\n',
  '// Copyright\n\n//go:build go1.20 && (linux || darwin)\n\n// Package p.\npackage p\n',
  '/*\n//go:build go1.18\n*/\n\npackage p\n',
  '//go:build go1\n\npackage p\n',
];

(goOk ? test : test.skip)('fileLanguageVersion gives a file the version go/types gives it', () => {
  for (const module of ['1.16', '1.21', '1.22', '1.24', '1.26']) {
    const files = HEADERS;
    const want = oracle({ lines: [], files, module }).files;
    const got = files.map((src) => 'go' + fileLanguageVersion(src, module));
    expect(got.map((v, i) => `${module} ${JSON.stringify(HEADERS[i])}: ${v}`)).toEqual(want!.map((v, i) => `${module} ${JSON.stringify(HEADERS[i])}: ${v}`));
  }
});

test('buildConstraints finds the header lines with their offsets, and only those', () => {
  const src = '// Copyright\r\n\r\n//go:build linux && go1.18\r\n// +build linux,go1.18\r\n\r\n/*\n//go:build nope\n*/\npackage p\n\n// +build later\n';
  const c = buildConstraints(src);
  expect(c.goBuild.map((l) => [l.text, src.slice(l.start, l.end), src.slice(l.lineStart, l.lineEnd)])).toEqual([
    ['//go:build linux && go1.18', '//go:build linux && go1.18', '//go:build linux && go1.18\r\n'],
  ]);
  expect(c.plusBuild.map((l) => l.text)).toEqual(['// +build linux,go1.18']);
  expect(c.expr && constraintString(c.expr)).toBe('linux && go1.18');
  expect(buildConstraints('//go:build a\n//go:build b\n\npackage p\n').problem).toBe('multiple //go:build lines');
  expect(buildConstraints('//go:build a &&\n\npackage p\n').problem).toMatch(/unexpected end of expression/);
  // Without a //go:build line, the +build lines (ANDed) are the constraint, as go/build reads them.
  expect(constraintString(buildConstraints('// +build a b\n// +build c\n\npackage p\n').expr!)).toBe('(a || b) && c');
});

test('fileAllowsGo: a constraint that only older toolchains satisfy, or one that lowers the language version, says no', () => {
  const header = (line: string) => `${line}\n\npackage p\n`;
  expect(fileAllowsGo('package p\n', '1.22', '1.22')).toBe(true);
  expect(fileAllowsGo('package p\n', '1.21', '1.22')).toBe(false);
  expect(fileAllowsGo('package p\n', undefined, '1.22')).toBe(true);
  expect(fileAllowsGo(header('//go:build linux'), '1.22', '1.22')).toBe(true);
  expect(fileAllowsGo(header('//go:build go1.21'), '1.22', '1.22')).toBe(false); // compiled as Go 1.21
  expect(fileAllowsGo(header('//go:build go1.18 && linux'), '1.24', '1.22')).toBe(false);
  expect(fileAllowsGo(header('//go:build go1.22'), '1.21', '1.22')).toBe(true); // raised to 1.22
  expect(fileAllowsGo(header('//go:build !go1.22'), '1.22', '1.22')).toBe(false); // only older toolchains
  expect(fileAllowsGo(header('//go:build !go1.23'), '1.22', '1.22')).toBe(true); // Go 1.22 builds it
  expect(fileAllowsGo(header('// +build !go1.22'), '1.22', '1.22')).toBe(false);
  expect(fileAllowsGo(header('//go:build a &&'), '1.22', '1.22')).toBe(false);
  expect(fileAllowsGo('//go:build a\n//go:build b\n\npackage p\n', '1.22', '1.22')).toBe(false);
});

test('constraintSatisfiableFrom tries the toolchains from a version on', () => {
  const e = (s: string) => (parseConstraint(`//go:build ${s}`) as { expr: ConstraintExpr }).expr;
  expect(constraintSatisfiableFrom(e('!go1.18'), '1.17')).toBe(true);
  expect(constraintSatisfiableFrom(e('!go1.18'), '1.18')).toBe(false);
  expect(constraintSatisfiableFrom(e('go1.30 && !go1.25'), '1.22')).toBe(false);
  expect(constraintSatisfiableFrom(e('go1.25 && !go1.30'), '1.22')).toBe(true);
  expect(constraintSatisfiableFrom(e('(linux || !go1.18) && !linux'), '1.22')).toBe(false);
  expect(constraintSatisfiableFrom(e('(linux || !go1.18) && !linux'), '1.17')).toBe(true);
  expect(releaseTagMinor('go1.22')).toBe(22);
  expect([releaseTagMinor('go1'), releaseTagMinor('go1.022'), releaseTagMinor('go1.22.1'), releaseTagMinor('xgo1.2')]).toEqual([undefined, undefined, undefined, undefined]);
});

test('simplifying keeps the value of the expression under every setting of the tags it keeps', () => {
  fc.assert(
    fc.property(exprArb, fc.integer({ min: 0, max: 1 << 10 }), fc.integer({ min: 0, max: 1 << 10 }), (text, knownBits, setBits) => {
      const p = parseConstraint(`//go:build ${text}`);
      if (!p.ok) return;
      const tags = constraintTags(p.expr);
      const known = (t: string) => {
        const i = tags.indexOf(t);
        return (knownBits >> i) & 1 ? ((setBits >> i) & 1) === 1 : undefined;
      };
      const s = simplifyConstraint(p.expr, known);
      const setting = (t: string) => known(t) ?? ((setBits >> (tags.indexOf(t) + 12)) & 1) === 1;
      const want = evalConstraint(p.expr, setting);
      expect(typeof s === 'boolean' ? s : evalConstraint(s, setting)).toBe(want);
      // Nothing known stays in; what is left reads back as itself.
      if (typeof s !== 'boolean') {
        for (const t of constraintTags(s)) expect(known(t)).toBeUndefined();
        // (Go prints `!(!x)` as `!!x`, which it cannot read back: only lines that read back must.)
        const reads = (e: ConstraintExpr) => {
          const again = parseConstraint(`//go:build ${constraintString(e)}`);
          return again.ok && constraintString(again.expr) === constraintString(e);
        };
        if (reads(p.expr)) expect(reads(s)).toBe(true);
      }
    }),
    { seed: 16, numRuns: 500 },
  );
});

test('simplifying prints what is left in the shape it had', () => {
  const simplify = (s: string, n: number) => {
    const p = parseConstraint(`//go:build ${s}`) as { expr: ConstraintExpr };
    const r = simplifyConstraint(p.expr, (t) => {
      const m = releaseTagMinor(t);
      return m !== undefined && m <= n ? true : undefined;
    });
    return typeof r === 'boolean' ? r : constraintString(r);
  };
  expect(simplify('go1.18', 22)).toBe(true);
  expect(simplify('go1.18 && linux', 22)).toBe('linux');
  expect(simplify('(go1.18 && linux) || windows', 22)).toBe('linux || windows');
  expect(simplify('linux && (go1.18 || windows)', 22)).toBe('linux');
  expect(simplify('!go1.18 || cgo', 22)).toBe('cgo');
  expect(simplify('!go1.18', 22)).toBe(false);
  expect(simplify('go1.23 && !go1.18', 22)).toBe(false);
  expect(simplify('go1.23 && linux', 22)).toBe('go1.23 && linux');
  expect(simplify('!(go1.21 && linux)', 22)).toBe('!linux');
  expect(simplify('go1 && go1.21', 22)).toBe('go1'); // `go1` is no release tag: it stays
  expect(simplify('!(!(linux && go1.21))', 22)).toBe('linux'); // not `!!linux`, which Go cannot read
});

test('satisfiability is brute force over the free tags', () => {
  fc.assert(
    fc.property(exprArb, (text) => {
      const p = parseConstraint(`//go:build ${text}`);
      if (!p.ok) return;
      const tags = constraintTags(p.expr);
      let any = false;
      for (let bits = 0; bits < 1 << tags.length && !any; bits++) any = evalConstraint(p.expr, (t) => ((bits >> tags.indexOf(t)) & 1) === 1);
      expect(constraintSatisfiable(p.expr)).toBe(any);
    }),
    { seed: 16, numRuns: 300 },
  );
});
