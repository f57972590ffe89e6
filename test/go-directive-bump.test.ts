/**
 * go-directive-bump against the real go command (Go 1.26), byte for byte.
 *
 * For each canonical go.mod / go.work (one that `go mod edit -fmt` / `go work edit -fmt`
 * leaves as it is):
 * - the go line and the layout: `go mod edit -go=V` (`go work edit -go=V`), which is also
 *   exactly the codemod's output with `toolchain: keep`;
 * - the toolchain line with `drop-redundant`: what the go command leaves when it raises the
 *   go line itself. For go.mod, `go get go@V` (offline for full versions such as 1.22.0) and,
 *   on modules without requirements, `go mod tidy` after `go mod edit -go=V`; for go.work,
 *   `go work sync` with a module at go V.
 * Non-canonical inputs (odd spacing, CRLF, quoted paths) keep every byte but the go and
 * toolchain lines; `go mod edit -fmt` of the result equals the go command's result.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bump, { type GoDirectiveBumpOptions } from '../codemods/go-directive-bump/index.js';
import { applyEdits } from '../src/go/edits.js';
import { compareGoVersionsLax, formatModDiagnosticAsGo, parseModFile, toolchainRedundant, toolchainVersion } from '../src/go/gomod.js';
import { LineIndex } from '../src/go/position.js';
import type { Context, Report, SourceFile } from '../src/go/codemod.js';
import { haveGo } from './helpers/go-tool.js';
import { matchWants, parseWants } from './helpers/wants.js';

type Kind = 'go.mod' | 'go.work';

function runBump(source: string, kind: Kind = 'go.mod', options: Partial<GoDirectiveBumpOptions> = {}) {
  // Go-only members (tree, topLevel, ...) throw: the codemod must not touch them.
  const goOnly = (what: string) => () => {
    throw new Error(`a ${kind} file has no ${what}`);
  };
  const file = {
    kind,
    path: kind,
    source,
    packageName: '',
    goVersion: undefined,
    editable: true,
    get tree() {
      return goOnly('syntax tree')();
    },
    get topLevel() {
      return goOnly('top-level declarations')();
    },
  } as unknown as SourceFile;
  const reports: Report[] = [];
  const ctx: Context<GoDirectiveBumpOptions> = {
    codemod: bump.name,
    options: { ...bump.defaultOptions!, ...options },
    file,
    files: [file],
    query: () => {
      throw new Error('no Go queries on go.mod / go.work');
    },
    matches: () => {
      throw new Error('no Go queries on go.mod / go.work');
    },
    report: (r) => void reports.push(r),
  };
  bump.run(ctx);
  const fix = reports[0]?.fixes?.[0];
  const lines = new LineIndex(source);
  return {
    reports,
    /** `line:col: message`, as the engine would print them. */
    printed: reports.map((r) => {
      const p = lines.position(r.start);
      return `${p.line}:${p.column}: ${r.message}${r.fixes?.length ? '' : ' (no fix)'}`;
    }),
    output: fix ? applyEdits(source, fix.edits) : source,
  };
}

// ---------------------------------------------------------------------------------------
// The go command, offline, in throwaway directories.

const goAvailable = haveGo();
const goTest = goAvailable ? test : test.skip;
const scratch = mkdtempSync(join(tmpdir(), 'gocodemod-bump-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let seq = 0;

const MOD_ENV = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOWORK: 'off', GOTELEMETRY: 'off' };
const WORK_ENV = { ...process.env, GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOTELEMETRY: 'off' };

/**
 * Writes `source` as go.mod (or go.work, with a module ./m at go `moduleGo`), runs the
 * commands in order, and returns the file after them (or the first failure).
 */
function goRun(kind: Kind, source: string, commands: string[][], moduleGo?: string): { ok: boolean; out: string; stderr: string } {
  const dir = join(scratch, String(seq++));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, kind), source);
  if (kind === 'go.work') {
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'go.mod'), `module example.com/m\n\ngo ${moduleGo ?? '1.21'}\n`);
  }
  for (const args of commands) {
    const r = spawnSync(args[0], args.slice(1), { cwd: dir, encoding: 'utf8', env: kind === 'go.mod' ? MOD_ENV : { ...WORK_ENV, GOWORK: join(dir, 'go.work') } });
    if (r.status !== 0) return { ok: false, out: '', stderr: r.stderr };
  }
  return { ok: true, out: readFileSync(join(dir, kind), 'utf8'), stderr: '' };
}

const verb = (kind: Kind) => (kind === 'go.mod' ? 'mod' : 'work');
const goEdit = (kind: Kind, source: string, ...flags: string[]) => goRun(kind, source, [['go', verb(kind), 'edit', ...flags]]);

/** A full release or prerelease (1.22.0, 1.22rc1), as `go get go@V` resolves offline; not a language version (1.22). */
const isFullVersion = (v: string) => /^\d+\.\d+(\.\d+|[a-z]+\d+)$/.test(v);

/** The go line moves: the file's version (or the go command's default) is older than `to`. */
function bumps(source: string, kind: Kind, to: string): boolean {
  const go = parseModFile(source, { kind }).go?.version;
  if (go === undefined) return compareGoVersionsLax(kind === 'go.mod' ? '1.16' : '1.18', to) <= 0;
  return compareGoVersionsLax(go, to) < 0;
}

/** A toolchain line that `go mod tidy` keeps but the go command's own raise (`go get go@V`) drops. */
function tidyKeepsButRaiseDrops(toolchain: string, to: string): boolean {
  const tv = toolchainVersion(toolchain);
  return tv !== '' && compareGoVersionsLax(tv, '1.21') >= 0 && compareGoVersionsLax(tv, to) < 0;
}

// ---------------------------------------------------------------------------------------
// Canonical inputs: byte for byte what the go command writes.

interface Case {
  name: string;
  kind?: Kind;
  input: string;
  to?: string;
  /** go mod tidy re-formats the go command's own (non-canonical) result. */
  tidyReformats?: boolean;
}

const REALISTIC = `// Deprecated: use example.com/m/v2.
module example.com/m

go 1.17

require (
	golang.org/x/mod v0.14.0
	golang.org/x/text v0.14.0 // indirect
)

require example.com/other v1.2.3

// Local fork until upstream merges the fix.
replace example.com/other v1.2.3 => ../other

replace example.com/spaced => "./dir with space"

exclude (
	example.com/bad v1.0.0
	example.com/bad v1.1.0
)

retract (
	[v1.1.0, v1.1.5] // broken build
	// Published by mistake.
	v1.0.1
)

tool golang.org/x/tools/cmd/stringer

ignore ./node_modules

godebug (
	default=go1.21
	panicnil=1
)
`;

const modCases: Case[] = [
  { name: 'older go line', input: 'module example.com/m\n\ngo 1.17\n' },
  { name: 'older, with a suffix comment', input: 'module example.com/m\n\ngo 1.17 // minimum for CI\n' },
  { name: 'equal', input: 'module example.com/m\n\ngo 1.22\n' },
  { name: 'newer', input: 'module example.com/m\n\ngo 1.23\n' },
  { name: 'newer patch release', input: 'module example.com/m\n\ngo 1.22.3\n' },
  { name: 'language version below its first release', input: 'module example.com/m\n\ngo 1.22\n', to: '1.22.0' },
  { name: 'release candidate to release', input: 'module example.com/m\n\ngo 1.22rc1\n', to: '1.22.0' },
  { name: 'language version to its release candidate', input: 'module example.com/m\n\ngo 1.21\n', to: '1.21rc1' },
  { name: 'before 1.21 a missing patch is .0', input: 'module example.com/m\n\ngo 1.20\n', to: '1.20.0' },
  { name: 'to a patch release', input: 'module example.com/m\n\ngo 1.17\n', to: '1.22.3' },
  { name: 'no go line', input: 'module example.com/m\n' },
  { name: 'no go line, requirements after', input: 'module example.com/m\n\nrequire golang.org/x/mod v0.14.0\n' },
  { name: 'no go line, comments around the module line', input: '// top\nmodule example.com/m // the module\n\n// after\nrequire golang.org/x/mod v0.14.0\n' },
  { name: 'no go line, no module line', input: 'require golang.org/x/mod v0.14.0\n\n// end\n' },
  { name: 'empty go.mod', input: '' },
  { name: 'no go line, a toolchain line', input: 'module example.com/m\n\ntoolchain go1.21.0\n' },
  { name: 'a realistic go.mod: blocks and comments stay', input: REALISTIC },
  { name: 'exclude block re-sorted by version from Go 1.21', input: 'module example.com/m\n\ngo 1.20\n\nexclude (\n\texample.com/a v1.10.0 // ten\n\t// nine\n\texample.com/a v1.9.0\n\texample.com/b v1.0.0\n)\n' },
  {
    // go mod edit's own output here is not canonical (the blank line moves to the top of the
    // block, which its next run removes): the codemod gives that output, go mod tidy one more.
    name: 'exclude block re-sorted, a blank line moves with its line',
    input: 'module example.com/m\n\ngo 1.20\n\nexclude (\n\texample.com/a v1.10.0 // ten\n\n\t// nine\n\texample.com/a v1.9.0\n)\n',
    tidyReformats: true,
  },
  { name: 'exclude block already in version order', input: 'module example.com/m\n\ngo 1.20\n\nexclude (\n\texample.com/a v1.2.0\n\texample.com/a v1.3.0\n)\n' },
  { name: 'exclude block already semantic from 1.21', input: 'module example.com/m\n\ngo 1.21\n\nexclude (\n\texample.com/a v1.9.0\n\texample.com/a v1.10.0\n)\n' },
  { name: 'non-ASCII before the go line', input: '// Модуль 🚀 для тестов\nmodule example.com/m\n\ngo 1.17\n\ntoolchain go1.21.0\n' },
];

// Toolchain lines: every kind of name against a language-version `to` and a release `to`.
for (const [go, tc, to] of [
  ['1.17', 'go1.21.5', '1.22'],
  ['1.21', 'go1.22', '1.22'],
  ['1.21', 'go1.22.0', '1.22'],
  ['1.21', 'go1.22rc1', '1.22'],
  ['1.21', 'go1.22.3', '1.22'],
  ['1.21', 'go1.22.1-custom', '1.22'],
  ['1.21', 'go1.20', '1.22'],
  ['1.21', 'default', '1.22'],
  ['1.21', 'go1.23.1', '1.22'],
  ['1.17', 'go1.21.5', '1.22.0'],
  ['1.21', 'go1.22.0', '1.22.0'],
  ['1.21', 'go1.22', '1.22.0'],
  ['1.21', 'go1.22rc1', '1.22.0'],
  ['1.21', 'go1.22.0-custom', '1.22.0'],
  ['1.21', 'go1.22.3', '1.22.0'],
  ['1.21', 'default', '1.22.0'],
  ['1.17', 'go1.20.5', '1.20'],
  ['1.17', 'go1.21.0', '1.20'],
  ['1.22', 'go1.21.5', '1.22'], // no bump: left as it is
]) {
  modCases.push({ name: `go ${go}, toolchain ${tc}, to ${to}`, input: `module example.com/m\n\ngo ${go}\n\ntoolchain ${tc}\n`, to });
}
modCases.push(
  { name: 'toolchain between statements', input: 'module example.com/m\n\ngo 1.17\n\ntoolchain go1.21.5\n\ngodebug panicnil=1\n' },
  { name: 'toolchain with its own comments (dropped with it, as modfile does)', input: 'module example.com/m\n\ngo 1.17\n\n// Pinned for the release branch.\ntoolchain go1.21.5 // see #123\n\n// A comment block of its own.\n\ngodebug panicnil=1\n' },
  { name: 'no go line, toolchain before the module line', input: 'toolchain go1.20.1\n\nmodule example.com/m\n' },
  { name: 'no go line, toolchain right after the module line', input: 'module example.com/m\n\n// pinned\ntoolchain go1.21.3\n\ngodebug panicnil=1\n' },
  { name: 'toolchain before the go line', input: 'module example.com/m\n\ntoolchain go1.21.5\n\ngo 1.17\n' },
);

const workCases: Case[] = [
  { name: 'go.work older', kind: 'go.work', input: 'go 1.21\n\nuse ./m\n' },
  { name: 'go.work equal', kind: 'go.work', input: 'go 1.22\n\nuse ./m\n' },
  { name: 'go.work newer', kind: 'go.work', input: 'go 1.23\n\nuse ./m\n' },
  { name: 'go.work no go line', kind: 'go.work', input: 'use ./m\n' },
  { name: 'go.work no go line, comment block first', kind: 'go.work', input: '// The workspace.\n\nuse ./m\n' },
  { name: 'go.work no go line, comment on the first statement', kind: 'go.work', input: '// The modules.\nuse (\n\t./m\n\t./n\n)\n' },
  { name: 'go.work empty', kind: 'go.work', input: '' },
  { name: 'go.work toolchain older', kind: 'go.work', input: 'go 1.21\n\ntoolchain go1.21.5\n\nuse ./m\n' },
  { name: 'go.work toolchain equal with a suffix', kind: 'go.work', input: 'go 1.21\n\ntoolchain go1.22-custom\n\nuse ./m\n' },
  { name: 'go.work toolchain newer', kind: 'go.work', input: 'go 1.21\n\ntoolchain go1.23.0\n\nuse ./m\n' },
  { name: 'go.work toolchain default', kind: 'go.work', input: 'go 1.21\n\ntoolchain default\n\nuse ./m\n' },
  { name: 'go.work no go line, toolchain first', kind: 'go.work', input: 'toolchain go1.21.0\n\nuse ./m\n' },
  { name: 'go.work no go line, toolchain kept', kind: 'go.work', input: '// ws\n\ntoolchain go1.23.0\n\nuse ./m\n' },
  { name: 'go.work everything', kind: 'go.work', input: '// Workspace for the monorepo.\n\ngo 1.18\n\ntoolchain go1.21.0\n\ngodebug (\n\tdefault=go1.21\n\tpanicnil=1\n)\n\nuse (\n\t./m // main\n\t./tools\n)\n\nreplace example.com/other v1.2.3 => ../other\n' },
];

describe.each([...modCases, ...workCases].map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const kind = c.kind ?? 'go.mod';
  const to = c.to ?? '1.22';
  const moves = bumps(c.input, kind, to);
  const mod = parseModFile(c.input, { kind });
  const tc = mod.toolchain?.name;
  const drops = moves && tc !== undefined && toolchainRedundant(tc, to);

  test('reports one change per moved go line, none otherwise', () => {
    const r = runBump(c.input, kind, { to });
    if (!moves) {
      expect(r.reports).toEqual([]);
      expect(r.output).toBe(c.input);
      return;
    }
    expect(r.reports).toHaveLength(1);
    const from = mod.go ? `go ${mod.go.version}` : `no go line`;
    expect(r.reports[0].message).toContain(`${from}`);
    expect(r.reports[0].message).toContain(`-> go ${to}`);
    expect(r.reports[0].message.includes(`toolchain ${tc} dropped`)).toBe(drops);
    // The diagnostic sits on the go line (or the module line when one is added).
    const at = new LineIndex(c.input).position(r.reports[0].start).line;
    const want = mod.go?.line.start.line ?? (kind === 'go.mod' ? (mod.module?.line.start.line ?? 1) : (mod.stmts.find((s) => s.type !== 'comments')?.start.line ?? 1));
    expect(at).toBe(want);
  });

  test('a second run changes nothing', () => {
    const once = runBump(c.input, kind, { to }).output;
    expect(runBump(once, kind, { to }).output).toBe(once);
    const kept = runBump(c.input, kind, { to, toolchain: 'keep' }).output;
    expect(runBump(kept, kind, { to, toolchain: 'keep' }).output).toBe(kept);
  });

  goTest('the input is canonical (go ' + verb(kind) + ' edit -fmt leaves it as it is)', () => {
    expect(goEdit(kind, c.input, '-fmt')).toEqual({ ok: true, out: c.input, stderr: '' });
  });

  goTest(`toolchain keep: exactly go ${verb(kind)} edit -go=V`, () => {
    const want = moves ? goEdit(kind, c.input, `-go=${to}`) : { ok: true, out: c.input, stderr: '' };
    expect(want.ok).toBe(true);
    expect(runBump(c.input, kind, { to, toolchain: 'keep' }).output).toBe(want.out);
  });

  goTest(`toolchain drop-redundant: exactly go ${verb(kind)} edit -go=V, and the toolchain line as the go command leaves it`, () => {
    const got = runBump(c.input, kind, { to }).output;
    if (!moves) {
      expect(got).toBe(c.input);
      return;
    }
    const edited = goEdit(kind, c.input, `-go=${to}`, ...(drops ? ['-toolchain=none'] : []));
    expect(edited.ok).toBe(true);
    expect(got).toBe(edited.out);

    if (kind === 'go.work') {
      // go work sync raises the go line to the modules' and drops the toolchain by its rule.
      if (!c.input.includes('use ./m')) return;
      const synced = goRun(kind, c.input, [['go', 'work', 'sync']], to);
      expect(synced.ok).toBe(true);
      expect(got).toBe(synced.out);
      return;
    }
    const noRequirements = mod.require.length === 0 && mod.replace.length === 0 && mod.tool.length === 0;
    if (noRequirements && mod.module) {
      // go mod tidy after go mod edit -go=V: agrees, except on toolchains in [1.21, V).
      const tidied = goRun(kind, c.input, [['go', 'mod', 'edit', `-go=${to}`], ['go', 'mod', 'tidy']]);
      expect(tidied.ok).toBe(true);
      if (tc !== undefined && tidyKeepsButRaiseDrops(tc, to)) {
        expect(tidied.out).toBe(goEdit(kind, c.input, `-go=${to}`).out); // tidy keeps it ...
        expect(got).not.toContain('toolchain'); // ... the codemod drops it, as go get go@V does
      } else if (c.tidyReformats) {
        expect(goEdit(kind, got, '-fmt').out).toBe(tidied.out);
      } else {
        expect(got).toBe(tidied.out);
      }
      if (isFullVersion(to) && mod.go) {
        // The go command's own raise of a go line.
        const got2 = goRun(kind, c.input, [['go', 'get', `go@${to}`]]);
        expect(got2.ok).toBe(true);
        expect(got).toBe(got2.out);
      }
    }
  });
});

goTest('go get go@V drops a toolchain older than V that go mod tidy keeps (why drop-redundant drops it)', () => {
  const input = 'module example.com/m\n\ngo 1.17\n\ntoolchain go1.21.5\n';
  expect(goRun('go.mod', input, [['go', 'mod', 'edit', '-go=1.22.0'], ['go', 'mod', 'tidy']]).out).toBe('module example.com/m\n\ngo 1.22.0\n\ntoolchain go1.21.5\n');
  expect(goRun('go.mod', input, [['go', 'get', 'go@1.22.0']]).out).toBe('module example.com/m\n\ngo 1.22.0\n');
  expect(runBump(input, 'go.mod', { to: '1.22.0' }).output).toBe('module example.com/m\n\ngo 1.22.0\n');
});

// ---------------------------------------------------------------------------------------
// The go command's own corpus: every go.mod and go.work in $GOROOT (the cmd/go test scripts
// hold about 1,300, some malformed), run through the go command's own modfile package (the
// copy vendored in $GOROOT/src/cmd/vendor) by a small Go program, against the parser and the
// codemod. modfile is what `go mod edit` runs, so this is `go mod edit` on 1,300 files
// without 1,300 processes.

const HARNESS = `package main

import (
	"encoding/json"
	"errors"
	"go/version"
	"os"
	"strings"

	"golang.org/x/mod/modfile"
)

type job struct{ Kind, Path, To string }

type result struct {
	Errors    []string
	Canonical bool
	Moves     bool
	Keep      string
	Drop      string
	Formatted string
}

func cmp(a, b string) int { return version.Compare("go"+a, "go"+b) }

// gover.FromToolchain.
func fromToolchain(name string) string {
	if strings.ContainsAny(name, "\\\\/") || !strings.HasPrefix(name, "go") {
		return ""
	}
	v := name[2:]
	if i := strings.IndexAny(v, " \\t-"); i >= 0 {
		v = v[:i]
	}
	if !version.IsValid("go" + v) {
		return ""
	}
	return v
}

// modload.UpdateWorkGoVersion's rule, which go get go@V also follows.
func redundant(tc, to string) bool {
	tv := fromToolchain(tc)
	return tc == "go"+to || cmp(tv, to) < 0 || cmp(tv, "1.21") < 0
}

func errs(err error) []string {
	var list modfile.ErrorList
	if errors.As(err, &list) {
		var out []string
		for _, e := range list {
			out = append(out, e.Error())
		}
		return out
	}
	return []string{err.Error()}
}

// What go {mod,work} edit [-go=to] [-toolchain=none] writes: parse, edit, SortBlocks, Cleanup, Format.
func edit(kind string, data []byte, to string, drop bool) (string, bool, error) {
	moves := false
	decide := func(goLine *modfile.Go, implied string) {
		old := implied
		if goLine != nil {
			old = goLine.Version
		}
		moves = to != "" && (cmp(old, to) < 0 || (goLine == nil && cmp(old, to) == 0))
	}
	if kind == "go.work" {
		wf, err := modfile.ParseWork(kind, data, nil)
		if err != nil {
			return "", false, err
		}
		decide(wf.Go, "1.18")
		if moves {
			wf.AddGoStmt(to)
			if drop && wf.Toolchain != nil && redundant(wf.Toolchain.Name, to) {
				wf.DropToolchainStmt()
			}
		}
		wf.SortBlocks()
		wf.Cleanup()
		return string(modfile.Format(wf.Syntax)), moves, nil
	}
	mf, err := modfile.Parse(kind, data, nil)
	if err != nil {
		return "", false, err
	}
	decide(mf.Go, "1.16")
	if moves {
		mf.AddGoStmt(to)
		if drop && mf.Toolchain != nil && redundant(mf.Toolchain.Name, to) {
			mf.DropToolchainStmt()
		}
	}
	mf.SortBlocks()
	mf.Cleanup()
	out, _ := mf.Format()
	return string(out), moves, nil
}

func main() {
	var jobs []job
	if err := json.NewDecoder(os.Stdin).Decode(&jobs); err != nil {
		panic(err)
	}
	results := make([]result, 0, len(jobs))
	for _, j := range jobs {
		data, err := os.ReadFile(j.Path)
		if err != nil {
			panic(err)
		}
		var r result
		formatted, _, err := edit(j.Kind, data, "", false)
		if err != nil {
			r.Errors = errs(err)
		} else {
			r.Formatted = formatted
			r.Canonical = formatted == string(data)
			r.Keep, r.Moves, _ = edit(j.Kind, data, j.To, false)
			r.Drop, _, _ = edit(j.Kind, data, j.To, true)
		}
		results = append(results, r)
	}
	json.NewEncoder(os.Stdout).Encode(results)
}
`;

interface HarnessResult {
  Errors: string[] | null;
  Canonical: boolean;
  Moves: boolean;
  Keep: string;
  Drop: string;
  Formatted: string;
}

function goEnvValue(name: string): string {
  return spawnSync('go', ['env', name], { encoding: 'utf8' }).stdout.trim();
}

/** Builds the harness (modfile from $GOROOT/src/cmd/vendor) and returns a runner, or undefined without the Go source. */
function modfileHarness(): ((jobs: { Kind: Kind; Path: string; To: string }[]) => HarnessResult[]) | undefined {
  const vendored = join(goEnvValue('GOROOT'), 'src', 'cmd', 'vendor', 'golang.org', 'x', 'mod');
  if (!existsSync(join(vendored, 'modfile', 'rule.go'))) return undefined;
  const lang = goEnvValue('GOVERSION').replace(/^go(\d+\.\d+).*$/, '$1');
  const root = join(scratch, 'harness');
  cpSync(vendored, join(root, 'xmod'), { recursive: true });
  writeFileSync(join(root, 'xmod', 'go.mod'), `module golang.org/x/mod\n\ngo ${lang}\n`);
  mkdirSync(join(root, 'h'));
  writeFileSync(join(root, 'h', 'go.mod'), `module harness\n\ngo ${lang}\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n`);
  writeFileSync(join(root, 'h', 'main.go'), HARNESS);
  const build = spawnSync('go', ['build', '-o', join(root, 'harness'), '.'], { cwd: join(root, 'h'), env: MOD_ENV, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the modfile harness failed:\n${build.stderr}`);
  return (jobs) => {
    const r = spawnSync(join(root, 'harness'), [], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`modfile harness failed:\n${r.stderr}`);
    return JSON.parse(r.stdout) as HarnessResult[];
  };
}

/** go.mod and go.work texts of $GOROOT: the txtar sections of cmd/go's test scripts and the real files. */
function goCorpus(): { kind: Kind; source: string; origin: string }[] {
  const goroot = goEnvValue('GOROOT');
  const out: { kind: Kind; source: string; origin: string }[] = [];
  for (const d of ['src/cmd/go/testdata/script', 'src/cmd/go/testdata/mod']) {
    const abs = join(goroot, d);
    if (!existsSync(abs)) continue;
    for (const n of readdirSync(abs).filter((n) => n.endsWith('.txt'))) {
      const parts = readFileSync(join(abs, n), 'utf8').split(/^-- (.+?) --$/m);
      for (let i = 1; i < parts.length; i += 2) {
        const name = parts[i].trim();
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (base === 'go.mod' || base === 'go.work') out.push({ kind: base, source: parts[i + 1].replace(/^\n/, ''), origin: `${d}/${n}: ${name}` });
      }
    }
  }
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === 'go.mod') out.push({ kind: 'go.mod', source: readFileSync(join(dir, e.name), 'utf8'), origin: join(dir, e.name) });
    }
  };
  walk(join(goroot, 'src'));
  return out;
}

goTest("the go command's corpus: same diagnostics as modfile, same output as go mod edit -go=V on canonical files, and on the others the same after go mod edit -fmt", () => {
  const harness = modfileHarness();
  if (!harness) {
    if (process.env.GOCODEMOD_REQUIRE_GO === '1') throw new Error('$GOROOT/src/cmd/vendor/golang.org/x/mod is missing');
    console.warn('no Go source in $GOROOT: skipping the corpus test');
    return;
  }
  const corpus = goCorpus();
  expect(corpus.length).toBeGreaterThan(1000);
  const dir = join(scratch, 'corpus');
  mkdirSync(dir);
  const paths = corpus.map((c, i) => {
    const p = join(dir, `${i}.${c.kind}`);
    writeFileSync(p, c.source);
    return p;
  });
  const tos = ['1.22', '1.21', '1.22.0', '1.23rc1'];
  const jobs = tos.flatMap((to) => corpus.map((c, i) => ({ Kind: c.kind, Path: paths[i], To: to })));
  const results = harness(jobs);

  const problems: string[] = [];
  const stats = { malformed: 0, canonical: 0, other: 0, changed: 0 };
  const reformat: { job: number; ours: string }[] = [];
  jobs.forEach((job, k) => {
    const c = corpus[k % corpus.length];
    const r = results[k];
    const mine = parseModFile(c.source, { kind: c.kind }).diagnostics.map((d) => formatModDiagnosticAsGo(d, c.kind));
    if (JSON.stringify(mine) !== JSON.stringify(r.Errors ?? [])) problems.push(`${c.origin}: diagnostics ${JSON.stringify(mine)} != ${JSON.stringify(r.Errors)}`);
    if (r.Errors) {
      stats.malformed++;
      const out = runBump(c.source, c.kind, { to: job.To });
      if (out.output !== c.source || out.reports.some((x) => x.fixes?.length)) problems.push(`${c.origin}: malformed but changed`);
      return;
    }
    const keep = runBump(c.source, c.kind, { to: job.To, toolchain: 'keep' }).output;
    const drop = runBump(c.source, c.kind, { to: job.To }).output;
    if (drop !== c.source) stats.changed++;
    if (r.Canonical) {
      stats.canonical++;
      const wantKeep = r.Moves ? r.Keep : c.source;
      const wantDrop = r.Moves ? r.Drop : c.source;
      if (keep !== wantKeep) problems.push(`${c.origin} (to ${job.To}, keep): ${JSON.stringify(keep)} != ${JSON.stringify(wantKeep)}`);
      if (drop !== wantDrop) problems.push(`${c.origin} (to ${job.To}): ${JSON.stringify(drop)} != ${JSON.stringify(wantDrop)}`);
    } else {
      stats.other++;
      reformat.push({ job: k, ours: drop });
    }
  });
  // Non-canonical files: formatted by modfile, our output is what the go command writes.
  const fmtPaths = reformat.map((x, i) => {
    const p = join(dir, `ours-${i}.${jobs[x.job].Kind}`);
    writeFileSync(p, x.ours);
    return { Kind: jobs[x.job].Kind, Path: p, To: '' };
  });
  const formatted = harness(fmtPaths);
  reformat.forEach((x, i) => {
    const r = results[x.job];
    const want = r.Moves ? r.Drop : r.Formatted;
    if (formatted[i].Formatted !== want) problems.push(`${corpus[x.job % corpus.length].origin} (to ${jobs[x.job].To}): formatted ${JSON.stringify(formatted[i].Formatted)} != ${JSON.stringify(want)}`);
  });
  expect(problems.slice(0, 20)).toEqual([]);
  expect(stats.malformed).toBeGreaterThan(0);
  expect(stats.canonical).toBeGreaterThan(stats.other);
  expect(stats.changed).toBeGreaterThan(1000);
});

// ---------------------------------------------------------------------------------------
// Non-canonical inputs: only the go and toolchain lines change.

const nonCanonical: { name: string; kind?: Kind; input: string; to?: string; want: string; keep?: string }[] = [
  {
    name: 'CRLF line endings are kept',
    input: 'module example.com/m\r\n\r\ngo 1.17\r\n\r\ntoolchain go1.21.5\r\n\r\nrequire (\r\n\tgolang.org/x/mod v0.14.0\r\n)\r\n',
    want: 'module example.com/m\r\n\r\ngo 1.22\r\n\r\nrequire (\r\n\tgolang.org/x/mod v0.14.0\r\n)\r\n',
    keep: 'module example.com/m\r\n\r\ngo 1.22\r\n\r\ntoolchain go1.21.5\r\n\r\nrequire (\r\n\tgolang.org/x/mod v0.14.0\r\n)\r\n',
  },
  {
    name: 'no final newline, a go line is added',
    input: 'module example.com/m',
    want: 'module example.com/m\n\ngo 1.22\n',
  },
  {
    name: 'CRLF, a go line is added',
    input: 'module example.com/m\r\n\r\nrequire golang.org/x/mod v0.14.0\r\n',
    want: 'module example.com/m\r\n\r\ngo 1.22\r\n\r\nrequire golang.org/x/mod v0.14.0\r\n',
  },
  {
    name: 'odd spacing stays odd',
    input: 'module   example.com/m\ngo    1.17   // old\ntoolchain\tgo1.21.5\nrequire golang.org/x/mod    v0.14.0\n',
    want: 'module   example.com/m\ngo    1.22   // old\nrequire golang.org/x/mod    v0.14.0\n',
  },
  {
    name: 'quoted paths and short versions are not rewritten',
    input: 'module "example.com/m"\n\ngo 1.17\n\nrequire "golang.org/x/mod" v0.14\n',
    want: 'module "example.com/m"\n\ngo 1.22\n\nrequire "golang.org/x/mod" v0.14\n',
  },
  {
    name: 'no blank line after the module line: a go line is added with blank lines around it',
    input: 'module example.com/m\nrequire golang.org/x/mod v0.14.0\n',
    want: 'module example.com/m\n\ngo 1.22\n\nrequire golang.org/x/mod v0.14.0\n',
  },
  {
    name: 'a single-line block is not collapsed',
    input: 'module example.com/m\n\ngo 1.17\n\nrequire (\n\tgolang.org/x/mod v0.14.0\n)\n',
    want: 'module example.com/m\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/mod v0.14.0\n)\n',
  },
  {
    name: 'unsorted blocks stay unsorted (also exclude blocks across Go 1.21)',
    input: 'module example.com/m\n\ngo 1.20\n\nrequire (\n\tgolang.org/x/text v0.14.0\n\tgolang.org/x/mod v0.14.0\n)\n\nexclude (\n\texample.com/b v1.0.0\n\texample.com/a v1.9.0\n)\n',
    want: 'module example.com/m\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.14.0\n\tgolang.org/x/mod v0.14.0\n)\n\nexclude (\n\texample.com/b v1.0.0\n\texample.com/a v1.9.0\n)\n',
  },
  {
    name: 'go.work with CRLF and no go line',
    kind: 'go.work',
    input: 'use (\r\n\t./a\r\n\t./b\r\n)\r\n',
    want: 'go 1.22\r\n\r\nuse (\r\n\t./a\r\n\t./b\r\n)\r\n',
  },
  {
    name: 'go.work with tabs and a toolchain line',
    kind: 'go.work',
    input: 'go\t1.21\ntoolchain go1.21.5\nuse ./a\n',
    want: 'go\t1.22\nuse ./a\n',
  },
];

describe.each(nonCanonical.map((c) => [c.name, c] as const))('non-canonical: %s', (_name, c) => {
  const kind = c.kind ?? 'go.mod';
  const to = c.to ?? '1.22';

  test('only the go and toolchain lines change', () => {
    expect(runBump(c.input, kind, { to }).output).toBe(c.want);
    if (c.keep !== undefined) expect(runBump(c.input, kind, { to, toolchain: 'keep' }).output).toBe(c.keep);
  });

  goTest('the go command does not leave it as it is (it is really non-canonical)', () => {
    expect(goEdit(kind, c.input, '-fmt').out).not.toBe(c.input);
  });

  goTest('formatted by the go command, the result is what the go command writes', () => {
    const mod = parseModFile(c.input, { kind });
    const drops = mod.toolchain !== undefined && toolchainRedundant(mod.toolchain.name, to);
    const theirs = goEdit(kind, c.input, `-go=${to}`, ...(drops ? ['-toolchain=none'] : []));
    expect(theirs.ok).toBe(true);
    expect(goEdit(kind, c.want, '-fmt').out).toBe(theirs.out);
  });
});

// ---------------------------------------------------------------------------------------
// The codemod's fixtures (codemods/go-directive-bump/testdata/<case>/go.mod|go.work and
// their .golden), checked here without the engine, the way the fixture runner checks them.

const testdata = join(import.meta.dirname, '..', 'codemods', 'go-directive-bump', 'testdata');
const fixtures = readdirSync(testdata, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) =>
    (['go.mod', 'go.work'] as const)
      .filter((kind) => existsSync(join(testdata, e.name, kind)))
      .map((kind) => {
        const golden = join(testdata, e.name, `${kind}.golden`);
        return { name: `${e.name}/${kind}`, kind, input: readFileSync(join(testdata, e.name, kind), 'utf8'), golden: existsSync(golden) ? readFileSync(golden, 'utf8') : undefined };
      }),
  );

test('fixtures cover the cases of the issue', () => {
  const names = fixtures.map((f) => f.name);
  for (const n of ['older/go.mod', 'equal/go.mod', 'newer/go.mod', 'nogo/go.mod', 'toolchain_dropped/go.mod', 'toolchain_kept/go.mod', 'work/go.work', 'crlf/go.mod', 'blocks/go.mod']) {
    expect(names).toContain(n);
  }
});

describe.each(fixtures.map((f) => [f.name, f] as const))('fixture %s', (_name, f) => {
  test('wants match the diagnostics, output equals the golden, a second run changes nothing', () => {
    const r = runBump(f.input, f.kind);
    const lines = new LineIndex(f.input);
    const findings = r.reports.map((x) => ({ line: lines.position(x.start).line, message: x.message }));
    const { missing, unexpected } = matchWants(parseWants(f.input), findings);
    expect({ missing: missing.map((w) => `${w.line}: ${w.raw}`), unexpected }).toEqual({ missing: [], unexpected: [] });
    expect(r.output).toBe(f.golden ?? f.input);
    expect(runBump(r.output, f.kind).output).toBe(r.output);
  });

  goTest('the golden is what the go command writes (on canonical inputs)', () => {
    const canonical = goEdit(f.kind, f.input, '-fmt');
    if (!canonical.ok || canonical.out !== f.input || f.golden === undefined) return;
    const mod = parseModFile(f.input, { kind: f.kind });
    const drops = mod.toolchain !== undefined && toolchainRedundant(mod.toolchain.name, '1.22');
    expect(goEdit(f.kind, f.input, '-go=1.22', ...(drops ? ['-toolchain=none'] : [])).out).toBe(f.golden);
  });
});

// ---------------------------------------------------------------------------------------
// Options, malformed files.

test.each([
  ['1.x', /^to: '1\.x' is not a Go version; use a form like 1\.22, 1\.22\.3 or 1\.23rc1/],
  ['go1.22', /^to: 'go1\.22' is not a Go version/],
  ['1', /^to: '1' is not a Go version/], // gover accepts it, go mod edit -go does not
  ['1.21.0rc1', /^to: '1\.21\.0rc1' is not a Go version/], // go mod edit accepts it, gover does not
  ['1.22rc', /is not a Go version/],
  ['v1.22', /is not a Go version/],
  ['', /is not a Go version/],
])('to=%j is rejected', (to, message) => {
  expect(bump.validateOptions!({ to, toolchain: 'drop-redundant' })).toMatch(message);
  expect(() => runBump('module m\n\ngo 1.17\n', 'go.mod', { to })).toThrow(/invalid options/);
});

test.each(['1.22', '1.22.3', '1.23rc1', '1.21beta2', '2.0'])('to=%j is accepted', (to) => {
  expect(bump.validateOptions!({ to, toolchain: 'keep' })).toBeUndefined();
});

test('toolchain modes', () => {
  expect(bump.validateOptions!({ to: '1.22', toolchain: 'remove' })).toBe("toolchain: 'remove' is not a mode; use drop-redundant (the default) or keep");
  expect(bump.defaultOptions).toEqual({ to: '1.22', toolchain: 'drop-redundant' });
  expect(bump.fileKinds).toEqual(['go.mod', 'go.work']);
});

goTest('what go mod edit -go accepts is what validateOptions accepts (apart from gover-invalid 1.21.0rc1)', () => {
  for (const to of ['1.x', 'go1.22', '1', '1.22rc', 'v1.22', '1.22', '1.22.3', '1.23rc1']) {
    const theirs = goEdit('go.mod', 'module m\n', `-go=${to}`).ok;
    expect({ to, ok: bump.validateOptions!({ to, toolchain: 'keep' }) === undefined }).toEqual({ to, ok: theirs });
  }
  expect(goEdit('go.mod', 'module m\n', '-go=1.21.0rc1').ok).toBe(true);
});

test.each([
  ['module m\n\ngo 1.x\n', ["3:1: malformed go.mod, not changed: invalid go version '1.x': must match format 1.23.0 (no fix)"]],
  ['module m\ngo\n', ['2:1: malformed go.mod, not changed: go directive expects exactly one argument (no fix)']],
  ['module m\n\ngo 1.17\ngo 1.18\n', ['4:1: malformed go.mod, not changed: repeated go statement (no fix)']],
  ['module m\n\ngo 1.17\n\nrequire (\n\tx.org/a v1.0.0\n', ['7:1: malformed go.mod, not changed: syntax error (unterminated block started at go.mod:5:1) (no fix)']],
  ['module m /* c */\n', ['1:10: malformed go.mod, not changed: mod files must use // comments (not /* */ comments) (no fix)']],
  ['module m\n\ngo 1.17\n\nrequire (\n\tx.org/a v2.0.0\n\tx.org/b v1\n)\nfrobnicate\n', [
    '6:2: malformed go.mod, not changed: require x.org/a: version "v2.0.0" invalid: should be v0 or v1, not v2 (no fix)',
    '9:1: malformed go.mod, not changed: unknown directive: frobnicate (no fix)',
  ]],
  ['// Модуль\nmodule m é\n', ['2:1: malformed go.mod, not changed: usage: module module/path (no fix)']],
  ['module m\n\tgo 1.17 "x\n', ['2:12: malformed go.mod, not changed: unexpected newline in string (no fix)']],
])('malformed go.mod %j: reported at line:col, not changed', (input, want) => {
  const r = runBump(input);
  expect(r.printed).toEqual(want);
  expect(r.output).toBe(input);
});

test('malformed go.work: reported, not changed', () => {
  const r = runBump('go 1.21\n\nmodule m\n', 'go.work');
  expect(r.printed).toEqual(['3:1: malformed go.work, not changed: unknown directive: module (no fix)']);
});

goTest('the go command refuses the same malformed files', () => {
  for (const input of ['module m\n\ngo 1.x\n', 'module m\ngo\n', 'module m\n\ngo 1.17\n\nrequire (\n\tx.org/a v1.0.0\n', 'module m\n\ngo 1.17\n\nrequire x.org/a v2.0.0\n']) {
    expect(goEdit('go.mod', input, '-go=1.22').ok).toBe(false);
  }
  expect(goEdit('go.work', 'go 1.21\n\nmodule m\n', '-go=1.22').ok).toBe(false);
});

test('the codemod never reads a syntax tree or runs a query', () => {
  // runBump's SourceFile.tree and Context.query throw: every case above passed through them.
  expect(runBump('module m\n\ngo 1.17\n').output).toBe('module m\n\ngo 1.22\n');
});

test('a go line older than to but with a version gover cannot compare is raised', () => {
  // modfile accepts "1.21.0rc1" (GoVersionRE), gover does not: gover.Compare puts it first.
  expect(runBump('module m\n\ngo 1.21.0rc1\n').output).toBe('module m\n\ngo 1.22\n');
});

test('to below what a missing go line implies adds nothing (that would lower the version)', () => {
  expect(runBump('module m\n', 'go.mod', { to: '1.15' }).reports).toEqual([]);
  expect(runBump('use ./a\n', 'go.work', { to: '1.17' }).reports).toEqual([]);
  expect(runBump('module m\n', 'go.mod', { to: '1.16' }).output).toBe('module m\n\ngo 1.16\n');
});

describe('a dropped toolchain line takes a blank line with it only where two would meet', () => {
  const cases = [
    // [input, what the go command leaves]
    ['module m\n\ngo 1.21\ntoolchain go1.21.5\n\nrequire golang.org/x/text v0.3.0\n', 'module m\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.0\n'],
    ['module m\n\ngo 1.21\n\ntoolchain go1.21.5\n\nrequire golang.org/x/text v0.3.0\n', 'module m\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.0\n'],
    ['module m\n\ngo 1.21\n\ntoolchain go1.21.5\n', 'module m\n\ngo 1.22\n'],
    ['toolchain go1.21.5\n\nmodule m\n\ngo 1.21\n', 'module m\n\ngo 1.22\n'],
  ];
  test.each(cases)('%j', (input, want) => {
    expect(runBump(input).output).toBe(want);
  });
  goTest('as go mod edit -go=1.22 -toolchain=none leaves them', () => {
    for (const [input, want] of cases) expect(goEdit('go.mod', input, '-go=1.22', '-toolchain=none')).toEqual({ ok: true, out: want, stderr: '' });
  });
});
