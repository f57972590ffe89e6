/** `--preset go1.N`: the table, `list --presets`, and runs as a user makes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { MIGRATION_CODEMODS, NEWEST_GO, PRESETS } from '../src/registry/presets.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

test('one preset per Go from 1.22 to the newest this release knows; each raises the go line to its version', () => {
  expect(PRESETS.map((p) => p.name)).toEqual(['go1.22', 'go1.23', 'go1.24', 'go1.25', 'go1.26']);
  expect(NEWEST_GO).toBe('1.26');
  for (const p of PRESETS) {
    expect(p.go).toBe(p.name.slice(2));
    expect(p.options).toEqual({ 'go-directive-bump': { to: p.go } });
    expect(p.codemods[0]).toBe('go-directive-bump');
  }
  expect(PRESETS[0].codemods).toEqual(['go-directive-bump', 'interface-to-any', 'sliceheader-to-unsafe-slice', 'loopvar-copy', 'rangeint', 'plusbuild', 'obsolete-go-build']);
});

test('the table names registered built-ins that --all runs, in the order they run', () => {
  const names = builtinCodemods.map((c) => c.name);
  const rows = MIGRATION_CODEMODS.map((r) => r.codemod);
  for (const r of rows) expect(builtinCodemods.find((c) => c.name === r)?.explicitOnly).toBeFalsy();
  expect(rows).toEqual([...rows].sort((a, b) => names.indexOf(a) - names.indexOf(b)));
  // A row applies from its own version on, and never before the codemod's minimum Go.
  for (const r of MIGRATION_CODEMODS) {
    const minGo = builtinCodemods.find((c) => c.name === r.codemod)!.minGo;
    if (minGo) expect(Number(r.since.split('.')[1] ?? 0)).toBeGreaterThanOrEqual(Number(minGo.split('.')[1]));
  }
});

test('list --presets: name, go line, codemods; --json with the options', async () => {
  const r = await runCli(['list', '--presets'], '/');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^PRESET\s+GO LINE\s+CODEMODS\n/);
  expect(r.stdout).toMatch(/\ngo1\.22\s+1\.22\s+go-directive-bump, interface-to-any, sliceheader-to-unsafe-slice, loopvar-copy, rangeint, plusbuild, obsolete-go-build\n/);
  expect(r.stdout.trim().split('\n')).toHaveLength(1 + PRESETS.length);
  const j = JSON.parse((await runCli(['list', '--presets', '--json'], '/')).stdout);
  expect(j[4]).toEqual({ name: 'go1.26', go: '1.26', codemods: PRESETS[4].codemods, options: { 'go-directive-bump': { to: '1.26' } } });
  expect(await runCli(['list', '--presets', '--codemod', 'x.ts'], '/')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--presets lists the presets: it takes no --codemod/) });
});

const LEGACY = `//go:build go1.18
// +build go1.18

package p

func Fns(xs []interface{}) (fns []func() interface{}) {
	for i := 0; i < len(xs); i++ {
		i := i
		fns = append(fns, func() interface{} { return xs[i] })
	}
	return fns
}
`;

const MIGRATED = `package p

func Fns(xs []any) (fns []func() any) {
	for i := range len(xs) {
		fns = append(fns, func() any { return xs[i] })
	}
	return fns
}
`;

test('--preset go1.22: the go line, then every codemod on the raised version, rounds until done, no conflict', async () => {
  const dir = tmpTree({ 'go.mod': 'module example.com/m\n\ngo 1.16\n', 'p.go': LEGACY });
  const r = await runCli(['run', '--preset', 'go1.22', '--write', './...'], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/conflict|note|error/);
  expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe('module example.com/m\n\ngo 1.22\n');
  // //go:build go1.18 kept the file at Go 1.21 (shared loop variables, no range over int)
  // until obsolete-go-build dropped it; loopvar-copy and rangeint ran on the next round.
  expect(readFileSync(join(dir, 'p.go'), 'utf8')).toBe(MIGRATED);
  expect(await runCli(['run', '--preset', 'go1.22', '--check', './...'], dir)).toMatchObject({ code: 0, stdout: '' });
});

test('a preset never lowers a go line; -o overrides its options; named codemods join it', async () => {
  const dir = tmpTree({
    'new/go.mod': 'module example.com/new\n\ngo 1.24\n',
    'new/p.go': 'package p\n\nvar X interface{}\n',
    'old/go.mod': 'module example.com/old\n\ngo 1.20\n',
    'old/p.go': 'package p\n\ntype number interface{ ~int | ~float64 }\n\nfunc Sum[T number](xs []T) (s T) {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n',
  });
  const r = await runCli(['run', '--preset', 'go1.22', './...'], dir);
  expect(r.stdout).toContain('-go 1.20\n+go 1.22\n');
  expect(r.stdout).not.toContain('new/go.mod');
  expect(r.stdout).toContain('+var X any\n');
  const o = await runCli(['run', '--preset', 'go1.22', '-o', 'go-directive-bump.to=1.25', './...'], dir);
  expect(o.stdout).toContain('-go 1.20\n+go 1.25\n');
  expect(o.stdout).toContain('-go 1.24\n+go 1.25\n');
  // inline-generic-constraints is in no preset; named, it runs with it.
  expect((await runCli(['run', '--preset', 'go1.22', './...'], dir)).stdout).not.toContain('func Sum[T ~int | ~float64]');
  const named = await runCli(['run', '--preset', 'go1.22', 'inline-generic-constraints', './...'], dir);
  expect(named.stdout).toContain('func Sum[T ~int | ~float64]');
  expect(named.stderr).toMatch(/changes: go-directive-bump 1, interface-to-any 1, inline-generic-constraints 1\n/);
});

test('usage errors: an unknown preset lists the presets; a preset option for no codemod of the run', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n' });
  expect(await runCli(['run', '--preset', 'go1.21', '.'], dir)).toMatchObject({
    code: 2,
    stderr: 'gocodemod: --preset go1.21: no such preset; available: go1.22, go1.23, go1.24, go1.25, go1.26\n',
  });
  expect(await runCli(['run', '--preset', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--preset \.: no such preset/) });
  expect(await runCli(['run', '--preset'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--preset needs a value: --preset NAME/) });
  expect(await runCli(['run', '--preset', 'go1.22', '-o', 'rangeint.x=1', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/codemod 'rangeint' has no option 'x'; it takes no options/) });
});
