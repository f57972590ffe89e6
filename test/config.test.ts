/** gocodemod.yaml: discovery, flags over keys, validation errors with their lines, `gocodemod config`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree, writeTree } from './helpers/tmp-tree.js';
import { cacheEntries } from '../src/run/cache.js';
import { configSchema, validatorSource } from '../src/config/schema.js';
import { builtinCodemods } from '../src/registry/builtins.js';

afterAll(cleanupTmpTrees);

/** time.Now().Sub(t) ⇒ time.Since(t), with an option that changes its message. */
const TIME_SINCE_TS = `import { defineCodemod, fixer } from 'gocodemod';

export default defineCodemod({
  name: 'time-since',
  description: 'time.Now().Sub(t) becomes time.Since(t)',
  needles: ['time.Now().Sub('],
  defaultOptions: { note: '' },
  run(ctx) {
    const q = ctx.query('(call_expression function: (selector_expression operand: (_) @now field: (_) @sub) arguments: (_) @args) @call');
    for (const m of q.matches(ctx.file.tree.rootNode)) {
      const [now, sub, args, call] = ['now', 'sub', 'args', 'call'].map((n) => m.captures.find((c) => c.name === n)!.node);
      if (now.text !== 'time.Now()' || sub.text !== 'Sub') continue;
      ctx.report({
        start: call.startIndex,
        end: call.endIndex,
        message: 'time.Now().Sub(t) is time.Since(t)' + ctx.options.note,
        fixes: [{ message: 'use time.Since', edits: [fixer.replace(call, 'time.Since' + args.text)] }],
      });
    }
  },
});
`;

const ANY_GO = (pkg: string) => `package ${pkg}\n\nvar X interface{}\n`;
const SINCE_GO = 'package app\n\nimport "time"\n\nfunc Age(t time.Time) time.Duration { return time.Now().Sub(t) }\n';

/** A git repository (a .git directory) with a module at go 1.21 and work for several codemods. */
function repo(files: Record<string, string> = {}): string {
  return tmpTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'go.mod': 'module example.com/r\n\ngo 1.21\n',
    'app/app.go': ANY_GO('app'),
    'app/since.go': SINCE_GO,
    'internal/legacy/legacy.go': ANY_GO('legacy'),
    'tools/codemods/time-since.ts': TIME_SINCE_TS,
    ...files,
  });
}

/** The example, as a repository keeps it. */
const EXAMPLE = `codemods: [go-directive-bump, interface-to-any]   # run when no codemod is named
options:
  go-directive-bump: { to: "1.23" }
exclude: ["internal/legacy/**"]
codemod-files: [tools/codemods/*.ts]
`;

const diffPaths = (diff: string) => [...diff.matchAll(/^diff --git a\/(\S+) b\/\S+$/gm)].map((m) => m[1]);
/** stderr without the elapsed time, which differs between runs. */
const stable = (stderr: string) => stderr.replace(/^ {2}\d+\.\d\ds \(/m, '  T (');

test("the issue's example: the file's codemods, options, exclude and codemod files run when none is named", async () => {
  const dir = repo({ 'gocodemod.yaml': EXAMPLE });
  const r = await runCli(['run', '--no-cache', '.'], dir);
  expect(r.code).toBe(0);
  expect(diffPaths(r.stdout)).toEqual(['go.mod', 'app/app.go', 'app/since.go']);
  expect(r.stdout).toContain('-go 1.21\n+go 1.23\n');
  expect(r.stdout).toContain('+func Age(t time.Time) time.Duration { return time.Since(t) }\n');
  expect(r.stderr).toMatch(/skipped: excluded 1\n/);
  expect(r.stderr).toMatch(/changes: go-directive-bump 1, interface-to-any 1, time-since 1\n/);
});

test('a run with the config and one with the equivalent flags give byte-identical output (-j 1 and -j 2)', async () => {
  const dir = repo({ 'gocodemod.yaml': EXAMPLE, 'app/sub/sub.go': ANY_GO('sub') });
  const flags = ['run', '--no-config', 'go-directive-bump', 'interface-to-any', '-o', 'go-directive-bump.to=1.23', '--exclude', 'internal/legacy/**', '--codemod', 'tools/codemods/time-since.ts', '.'];
  for (const j of ['1', '2']) {
    const withConfig = await runCli(['run', '--no-cache', '-j', j, '.'], dir);
    const withFlags = await runCli([...flags, '--no-cache', '-j', j], dir);
    expect(withConfig.code).toBe(0);
    expect(withFlags.stdout).toBe(withConfig.stdout);
    expect(stable(withFlags.stderr)).toBe(stable(withConfig.stderr));
    const check = await runCli(['run', '--check', '-j', j], dir);
    expect((await runCli([...flags, '--check', '-j', j], dir)).stdout).toBe(check.stdout);
  }
});

test('nearest wins, not merged: a nested file decides alone for the files below it; one command line, several files', async () => {
  const dir = repo({
    'gocodemod.yaml': EXAMPLE,
    // No exclude and no codemod-files here: the root's do not apply below svc/.
    'svc/gocodemod.yaml': 'codemods: [interface-to-any]\n',
    'svc/a/a.go': ANY_GO('a'),
    'svc/a/since.go': SINCE_GO.replace('package app', 'package a'),
    'svc/internal/legacy/legacy.go': ANY_GO('legacy'),
  });
  const r = await runCli(['run', '--no-cache', '.'], dir);
  expect(diffPaths(r.stdout)).toEqual(['go.mod', 'app/app.go', 'app/since.go', 'svc/a/a.go', 'svc/internal/legacy/legacy.go']);
  // Two paths on one command line: each file gets its own directory's nearest file.
  const two = await runCli(['run', '--no-cache', 'app/since.go', 'svc/a'], dir);
  expect(diffPaths(two.stdout)).toEqual(['app/since.go', 'svc/a/a.go']);
  // From inside svc/, the same files get the same settings (the diff names them from the
  // repository's root, as git diff does).
  const inside = await runCli(['run', '--no-cache', '.'], join(dir, 'svc'));
  expect(diffPaths(inside.stdout)).toEqual(['svc/a/a.go', 'svc/internal/legacy/legacy.go']);
});

test('discovery stops at the repository root; a directory whose file selects no codemod is skipped', async () => {
  const outer = tmpTree({ 'gocodemod.yaml': 'all: true\n' });
  writeTree(outer, { 'inner/.git/HEAD': 'x\n', 'inner/go.mod': 'module m\n\ngo 1.22\n', 'inner/a.go': ANY_GO('m'), 'inner/sub/gocodemod.yaml': 'exclude: [x]\n', 'inner/sub/s.go': ANY_GO('sub') });
  // The outer file is above inner's repository root: not used.
  const r = await runCli(['run', '--no-cache', '.'], join(outer, 'inner'));
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(/^gocodemod: name at least one codemod \(or --all, or --codemod FILE\), or list them in a gocodemod.yaml/);
  // Named on the command line, a codemod runs everywhere; without, sub/ (whose file lists none) is skipped.
  expect(diffPaths((await runCli(['run', '--no-cache', 'interface-to-any'], join(outer, 'inner'))).stdout)).toEqual(['a.go', 'sub/s.go']);
  writeFileSync(join(outer, 'inner/gocodemod.yaml'), 'codemods: [interface-to-any]\n');
  const some = await runCli(['run', '--no-cache'], join(outer, 'inner'));
  expect(diffPaths(some.stdout)).toEqual(['a.go']);
  expect(some.stderr).toMatch(/skipped: no codemod selected 1\n/);
});

test('--config FILE applies to every path (its globs relative to its own directory); --no-config ignores the files', async () => {
  const dir = repo({ 'gocodemod.yaml': 'codemods: [interface-to-any]\n', 'conf/strict.yaml': 'codemods: [go-directive-bump]\noptions:\n  go-directive-bump: { to: "1.24" }\ncodemod-files: [../tools/codemods/*.ts]\n' });
  const r = await runCli(['run', '--no-cache', '--config', 'conf/strict.yaml', '.'], dir);
  expect(diffPaths(r.stdout)).toEqual(['go.mod', 'app/since.go']);
  expect(r.stdout).toContain('+go 1.24\n');
  const none = await runCli(['run', '--no-cache', '--no-config', '.'], dir);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/^gocodemod: name at least one codemod/);
  expect((await runCli(['run', '--config', 'nope.yaml'], dir)).stderr).toBe('gocodemod: --config nope.yaml: no such file\n');
  expect((await runCli(['run', '--config', 'x', '--no-config'], dir)).stderr).toMatch(/^gocodemod: --config and --no-config cannot be used together/);
});

test('a flag given on the command line wins over the key of the same name', async () => {
  const dir = repo({
    'gocodemod.yaml': 'all: true\noptions:\n  go-directive-bump: { to: "1.23", toolchain: keep }\nexclude: ["internal/**"]\ninclude-testdata: true\n',
    'loose.go': ANY_GO('r'),
    'app/testdata/t.go': ANY_GO('t'),
  });
  const base = await runCli(['run', '--no-cache'], dir);
  expect(diffPaths(base.stdout)).toEqual(['go.mod', 'loose.go', 'app/app.go', 'app/testdata/t.go']);
  expect(base.stdout).toContain('+go 1.23\n');
  // Codemod names replace the file's selection (all: true here).
  expect(diffPaths((await runCli(['run', '--no-cache', 'go-directive-bump'], dir)).stdout)).toEqual(['go.mod']);
  // --no-all turns the file's `all` off: nothing left to run.
  expect((await runCli(['run', '--no-cache', '--no-all'], dir)).stderr).toMatch(/^gocodemod: name at least one codemod/);
  // -o wins per option; the file's other options stay.
  const o = await runCli(['run', '--no-cache', '-o', 'go-directive-bump.to=1.24'], dir);
  expect(o.stdout).toContain('+go 1.24\n');
  // --exclude replaces the file's exclude; --no-include-testdata its include-testdata.
  expect(diffPaths((await runCli(['run', '--no-cache', '--exclude', 'loose.go', '--no-include-testdata'], dir)).stdout)).toEqual([
    'go.mod',
    'app/app.go',
    'internal/legacy/legacy.go',
  ]);
});

test('go and include-generated keys; --go and --include-generated win', async () => {
  const dir = tmpTree({
    '.git/HEAD': 'x\n',
    'gocodemod.yaml': 'codemods: [interface-to-any]\ngo: "1.17"\n',
    'a.go': ANY_GO('a'),
    'gen/g.go': '// Code generated by hand. DO NOT EDIT.\n\npackage gen\n\nvar G interface{}\n',
  });
  // No go.mod: files take `go` from the file, too old for interface-to-any (1.18).
  const old = await runCli(['run', '--no-cache'], dir);
  expect(old.stdout).toBe('');
  expect(old.stderr).toMatch(/interface-to-any: go version too old 1/);
  expect(diffPaths((await runCli(['run', '--no-cache', '--go', '1.22'], dir)).stdout)).toEqual(['a.go']);
  writeFileSync(join(dir, 'gocodemod.yaml'), 'codemods: [interface-to-any]\ngo: "1.22"\ninclude-generated: true\n');
  expect(diffPaths((await runCli(['run', '--no-cache'], dir)).stdout)).toEqual(['a.go', 'gen/g.go']);
  expect(diffPaths((await runCli(['run', '--no-cache', '--no-include-generated'], dir)).stdout)).toEqual(['a.go']);
});

describe('validation: a usage error (exit 2) naming the file, the line and the key; nothing runs', () => {
  const cases: [string, string, RegExp][] = [
    ['not YAML', 'codemods: [a\n', /^gocodemod: gocodemod.yaml:2: not valid YAML: /],
    ['two documents', 'all: true\n---\nall: false\n', /^gocodemod: gocodemod.yaml:2: a config file is one YAML document; this one starts a second here\n/],
    ['a duplicate key', 'all: true\nall: false\n', /^gocodemod: gocodemod.yaml:2: not valid YAML: Map keys must be unique/],
    ['not a mapping', '- a\n', /^gocodemod: gocodemod.yaml:1: \(the file\): expected a mapping, got a list\n/],
    ['an unknown key', 'codemods: [interface-to-any]\nexlcude: [x]\n', /^gocodemod: gocodemod.yaml:2: unknown key 'exlcude'; the keys are: codemods, all, options, exclude, /],
    ['a wrong type', 'codemods: [interface-to-any]\n\nall: "yes"\n', /^gocodemod: gocodemod.yaml:3: all: expected a boolean, got the string "yes"\n/],
    ['a list item of a wrong type', 'exclude:\n  - a\n  - 3\n', /^gocodemod: gocodemod.yaml:3: exclude\[1\]: expected a string, got the number 3 \(quote it: "3"\)\n/],
    ['an empty glob', 'exclude: ["a", ""]\n', /^gocodemod: gocodemod.yaml:1: exclude\[1\]: must not be empty\n/],
    ['a blank codemod file', 'codemod-files:\n  - " "\n', /^gocodemod: gocodemod.yaml:2: codemod-files\[0\]: must not be empty\n/],
    ['an unquoted version', 'codemods: [go-directive-bump]\noptions:\n  go-directive-bump:\n    to: 1.20\n', /^gocodemod: gocodemod.yaml:4: options.go-directive-bump.to: expected a string, got the number 1.2 \(quote it: "1.20"; /],
    ['an unknown codemod', 'codemods:\n  - interface-to-any\n  - interface-to-anything\n', /^gocodemod: gocodemod.yaml:3: codemods\[1\]: unknown codemod 'interface-to-anything'; available: go-directive-bump, /],
    ['a codemod listed twice', 'codemods: [interface-to-any, interface-to-any]\n', /^gocodemod: gocodemod.yaml:1: codemods: the string "interface-to-any" is listed twice\n/],
    ['a name that is not one', 'codemods: [Interface]\n', /^gocodemod: gocodemod.yaml:1: codemods\[0\]: 'Interface' is not a codemod name/],
    ['options of an unknown codemod', 'all: true\noptions:\n  go-directive-bump: { to: "1.23" }\n  nope: { a: 1 }\n', /^gocodemod: gocodemod.yaml:4: options.nope: unknown codemod 'nope'; available: /],
    ['an unknown option of a built-in', 'all: true\noptions:\n  go-directive-bump:\n    to: "1.23"\n    too: "1.24"\n', /^gocodemod: gocodemod.yaml:5: options.go-directive-bump: codemod 'go-directive-bump' has no option 'too'; its options: to, toolchain\n/],
    ['an option the codemod rejects', 'all: true\noptions:\n  go-directive-bump: { to: "1.2x" }\n', /^gocodemod: gocodemod.yaml:3: options.go-directive-bump: to: '1.2x' is not a Go version/],
    ['an unknown option of a codemod file', 'codemod-files: [tools/codemods/time-since.ts]\noptions:\n  time-since:\n    not: x\n', /^gocodemod: gocodemod.yaml:4: options.time-since.not: codemod 'time-since' has no option 'not'; its options: note\n/],
    ['a wrong option type of a codemod file', 'codemod-files: [tools/codemods/time-since.ts]\noptions:\n  time-since: { note: 3 }\n', /^gocodemod: gocodemod.yaml:3: options.time-since.note: expected a string, got 3\n/],
    ['codemod-files matching nothing', 'codemods: [interface-to-any]\ncodemod-files:\n  - tools/codemods/*.ts\n  - tools/other/*.ts\n', /^gocodemod: gocodemod.yaml:4: codemod-files\[1\]: 'tools\/other\/\*.ts' matches no file/],
    ['a codemod file that does not load', 'codemod-files: [go.mod]\n', /^gocodemod: gocodemod.yaml:1: codemod-files\[0\]: go.mod: expected a .ts, .mts, .js, .mjs file\n/],
    ['a Go version that is not one', 'all: true\ngo: "banana"\n', /^gocodemod: gocodemod.yaml:2: go: 'banana' is not a Go version/],
    ['a rule folder that does not exist', 'all: true\nrules: [rules/]\n', /^gocodemod: gocodemod.yaml:2: rules\[0\]: 'rules\/' is neither a rule file/],
    ['a preset name that is not one', 'presets: [Go1.22]\n', /^gocodemod: gocodemod.yaml:1: presets\[0\]: the string "Go1.22" is not one of go1.22, go1.23/],
  ];
  test.each(cases)('%s', async (_name, yaml, stderr) => {
    const dir = repo({ 'gocodemod.yaml': yaml });
    const before = readFileSync(join(dir, 'app/app.go'), 'utf8');
    const r = await runCli(['run', '--write', '.'], dir);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(stderr);
    expect(readFileSync(join(dir, 'app/app.go'), 'utf8')).toBe(before);
  });

  test('all the schema problems of a file at once, in line order; a nested file too', async () => {
    const dir = repo({ 'gocodemod.yaml': 'all: true\n', 'app/gocodemod.yaml': 'include-vendor: 1\nbogus: 2\noptions:\n  Bad: {}\n' });
    const r = await runCli(['run', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'gocodemod: app/gocodemod.yaml:1: include-vendor: expected a boolean, got the number 1\n' +
        "app/gocodemod.yaml:2: unknown key 'bogus'; the keys are: codemods, all, options, exclude, include-vendor, include-testdata, include-generated, report-unused-suppressions, codemod-files, go, rules, presets\n" +
        "app/gocodemod.yaml:4: options: 'Bad' is not a codemod name (kebab-case: lower-case letters, digits, single dashes)\n",
    );
  });
});

test('rules and presets: what they select runs when the command line names none', async () => {
  const rule = 'id: index-to-contains\ndescription: strings.Index(s, t) != -1 is strings.Contains(s, t)\nimports: { strings: strings }\nmatch: strings.Index($S, $T) != -1\nrewrite: strings.Contains($S, $T)\n';
  const dir = repo({
    'gocodemod.yaml': 'codemods: [interface-to-any]\nrules: [tools/rules]\npresets: [go1.22]\n',
    'tools/rules/strings.yaml': rule,
    'app/index.go': 'package app\n\nimport "strings"\n\nfunc Has(s string) bool { return strings.Index(s, "x") != -1 }\n',
  });
  const r = await runCli(['run', '--no-cache', '.'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('+func Has(s string) bool { return strings.Contains(s, "x") }');
  expect(r.stdout).toContain('+var X any'); // interface-to-any, from codemods
  // The preset raises the go line to 1.22 (go-directive-bump, with the preset's option).
  expect(r.stdout).toContain('-go 1.21\n+go 1.22\n');
  const c = JSON.parse((await runCli(['config', '--json'], dir)).stdout);
  expect(c.codemods).toEqual(expect.arrayContaining(['go-directive-bump', 'interface-to-any', 'loopvar-copy', 'rangeint', 'index-to-contains']));
  expect(c).toMatchObject({ rules: ['tools/rules'], presets: ['go1.22'], options: { 'go-directive-bump': { to: '1.22' } } });
  // The file's options override the preset's.
  const own = repo({ 'gocodemod.yaml': 'presets: [go1.22]\noptions:\n  go-directive-bump: { to: "1.23" }\n' });
  expect((await runCli(['run', '--no-cache', '.'], own)).stdout).toContain('+go 1.23\n');
  // Naming a codemod on the command line replaces the file's selection, rules included.
  const named = await runCli(['run', '--no-cache', 'interface-to-any', '.'], dir);
  expect(named.stdout).not.toContain('strings.Contains');
  // A broken rule file is a usage error naming it, and where the config listed it.
  const broken = repo({ 'gocodemod.yaml': 'rules: [bad.yaml]\n', 'bad.yaml': 'id: x\n' });
  const b = await runCli(['run', '--no-cache', '.'], broken);
  expect(b.code).toBe(2);
  expect(b.stderr).toMatch(/bad\.yaml:1.*\n  \(listed in gocodemod\.yaml:1\)/);
});

test('the cache key covers the settings that apply, not the bytes of the file', async () => {
  const dir = repo({ 'gocodemod.yaml': EXAMPLE });
  const env = { GOCODEMOD_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')) };
  const first = await runCli(['run', '.'], dir, { env });
  const entries = cacheEntries(env.GOCODEMOD_CACHE_DIR);
  expect(entries).toBeGreaterThan(0);
  // Comments, key order and flow vs block style change nothing.
  writeFileSync(
    join(dir, 'gocodemod.yaml'),
    '# the repository\'s codemods\ncodemod-files:\n  - tools/codemods/*.ts\nexclude:\n  - internal/legacy/**   # old code\noptions:\n  go-directive-bump:\n    to: "1.23"\ncodemods:\n  - go-directive-bump\n  - interface-to-any\n',
  );
  const second = await runCli(['run', '.'], dir, { env });
  expect(second.stdout).toBe(first.stdout);
  expect(cacheEntries(env.GOCODEMOD_CACHE_DIR)).toBe(entries);
  // A setting that applies does.
  writeFileSync(join(dir, 'gocodemod.yaml'), EXAMPLE.replace('"1.23"', '"1.24"'));
  const third = await runCli(['run', '.'], dir, { env });
  expect(third.stdout).toContain('+go 1.24\n');
  expect(cacheEntries(env.GOCODEMOD_CACHE_DIR)).toBeGreaterThan(entries);
});

test('gocodemod config [path]: which file applies and the settings that result', async () => {
  const dir = repo({ 'gocodemod.yaml': EXAMPLE, 'svc/gocodemod.yaml': 'all: true\nexclude: [gen]\n', 'svc/x/x.go': ANY_GO('x') });
  const root = await runCli(['config'], dir);
  expect(root.code).toBe(0);
  expect(root.stdout).toBe(
    [
      '# settings for ., from gocodemod.yaml',
      'config: gocodemod.yaml',
      'codemods:',
      '  - go-directive-bump',
      '  - interface-to-any',
      '  - time-since',
      'options:',
      '  go-directive-bump:',
      '    to: "1.23"',
      '    toolchain: drop-redundant',
      '  interface-to-any: {}',
      '  time-since:',
      '    note: ""',
      'exclude:',
      '  - internal/legacy/**',
      'exclude-relative-to: .',
      'include-vendor: false',
      'include-testdata: false',
      'include-generated: false',
      'report-unused-suppressions: false',
      'codemod-files:',
      '  - tools/codemods/time-since.ts',
      'go: null',
      'rules: []',
      'presets: []',
      '',
    ].join('\n'),
  );
  const nested = JSON.parse((await runCli(['config', '--json', 'svc/x/x.go'], dir)).stdout);
  expect(nested).toMatchObject({ config: 'svc/gocodemod.yaml', codemods: builtinCodemods.filter((c) => !c.explicitOnly).map((c) => c.name), exclude: ['gen'], 'exclude-relative-to': 'svc' });
  const inside = JSON.parse((await runCli(['config', '--json'], join(dir, 'svc/x'))).stdout);
  expect(inside).toMatchObject({ config: '../gocodemod.yaml', 'exclude-relative-to': '..' });
  const none = await runCli(['config', '--no-config', 'svc'], dir);
  expect(none.stdout).toMatch(/^# settings for svc, from none \(--no-config\)\nconfig: null\ncodemods: \[\]\n/);
  expect((await runCli(['config', '--config', 'svc/gocodemod.yaml', '--json'], dir)).stdout).toMatch(/"config": "svc\/gocodemod.yaml"/);
  expect((await runCli(['config', 'nope'], dir)).stderr).toBe('gocodemod: nope: no such file or directory\n');
  // A broken file is reported as by run.
  writeFileSync(join(dir, 'svc/gocodemod.yaml'), 'all: 1\n');
  expect(await runCli(['config', 'svc'], dir)).toMatchObject({ code: 2, stderr: 'gocodemod: svc/gocodemod.yaml:1: all: expected a boolean, got the number 1\n' });
});

test('docs/config-schema.json is the schema of the built-ins, and the loader validates with it (npm run config-schema)', () => {
  const root = join(import.meta.dirname, '..');
  expect(readFileSync(join(root, 'docs', 'config-schema.json'), 'utf8')).toBe(JSON.stringify(configSchema(builtinCodemods), null, 2) + '\n');
  expect(readFileSync(join(root, 'src', 'config', 'validator.generated.ts'), 'utf8')).toBe(validatorSource(builtinCodemods));
});

test('all with codemods: both, so an explicit-only codemod can be listed beside all', async () => {
  const dir = repo({ 'gocodemod.yaml': 'all: true\ncodemods: [unsafe-slice-to-sliceheader]\n' });
  const c = JSON.parse((await runCli(['config', '--json'], dir)).stdout);
  expect(c.codemods).toEqual(builtinCodemods.map((b) => b.name));
  expect(builtinCodemods.some((b) => b.explicitOnly)).toBe(true);
});
