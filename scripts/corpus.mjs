#!/usr/bin/env node
// npm run test:corpus
//
// A property test of every built-in codemod over a large real corpus: the Go toolchain's own
// source, $(go env GOROOT)/src (every .go file outside testdata/; vendor/, generated files and
// `_`-prefixed directories included). Variants: each codemod alone (two are inverses, and
// unsafe-slice-to-sliceheader is explicit-only), `--all`, go-directive-bump raised to the
// toolchain's version (its default changes nothing in GOROOT), sliceheader-to-unsafe-slice
// on its inverse's output (GOROOT gives it nothing to do), and plusbuild and obsolete-go-build
// on files given back the // +build lines Go 1.17's gofmt wrote (GOROOT has none left; the
// variant that adds them is checked too, `go vet`'s buildtag check included). Each is a dry
// run through the public run() API (default worker threads, no cache), then these properties, each a failure
// kind in the summary:
//
//   crash        no file error, no internal error, no problem report (in either run)
//   reparse      no Go output has more tree-sitter syntax-error regions than its input;
//                every go.mod/go.work output still parses (`go mod edit -json`)
//   idempotence  a second run over the outputs (applied in a copy) changes nothing
//   gofmt        a Go file that real `gofmt -l` found clean stays clean
//   vet          a package that passed `go vet` before the change still passes after it
//
// The work happens in a copy of src (the "mirror"), never in GOROOT: the first run reads the
// mirror, its outputs are written into the mirror for gofmt and the second run, and the mirror
// is restored before the next variant. `go vet` runs on the real GOROOT with `-overlay`, which
// maps each changed file to a temporary file holding its new content: it reuses the build
// cache of the installed toolchain, where vetting a copied GOROOT would rebuild everything.
// Only the changed packages are vetted (not their importers), each with its own changes only.
// A changed file that does not build on the host (syscall_windows.go) is vetted under the
// first GOOS/GOARCH (and GOEXPERIMENT or build tag from its //go:build line) where it does;
// files that build nowhere (`//go:build ignore`, zos) are listed as not vetted. go.mod and
// go.work changes are not vetted.
//
// Takes about 8 minutes on 2 cores with a warm Go build cache. With a cold one, vetting the
// ~200 packages rangeint changes (before and after, for each GOOS/GOARCH that builds them)
// dominates: 46 minutes on a machine loaded by other jobs (load average 6-10 on 2 cores).
//
// Environment:
//   CORPUS_SELFTEST=1  proves the checks catch failures: corrupts four outputs of the first
//                      variant with at least four changed Go files (a syntax error, an undefined
//                      name, a gofmt-dirty line, and one output replaced by its input, which the
//                      second run rewrites again) and one go.mod output (a broken block), and
//                      runs a codemod that throws. The run must then fail with every kind; it
//                      prints which kinds it caught.
//   CORPUS_KEEP=1      keep the temporary directory (the mirror and the overlays).
//   CORPUS_ONLY=REGEXP only the variants whose name matches (and those they start from), to
//                      work on one codemod; the full run is what CI runs.
// Exit status: 0 when every property holds, 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (m) => import(join(root, 'dist', 'src', m));
const { run } = await dist('run/runner.js');
const { builtinCodemods } = await dist('registry/builtins.js');
const { loadGoParser } = await dist('go/parser.js');
const { errorRegions } = await dist('engine/syntax-errors.js');
const { buildConstraints, plusBuildLines } = await dist('index.js');

/**
 * Writes the // +build lines of a //go:build line (constraint.PlusBuildLines, as gofmt did
 * from Go 1.17 to 1.20) below it, in the files of a few directories: platform files (os/exec,
 * os/signal), go1.N constraints (cmd/link, vendored x/ packages). A few: vetting every
 * platform's files of a package costs minutes.
 */
const ADD_PLUS_BUILD = {
  name: 'corpus: add +build lines',
  description: 'Adds the +build lines of //go:build lines, as Go 1.17 gofmt wrote them.',
  needles: ['//go:build'],
  run(ctx) {
    const file = ctx.file;
    if (!/^(cmd\/link|os\/exec|os\/signal|vendor\/golang\.org\/x\/(crypto|net|text))\//.test(file.path)) return;
    const c = buildConstraints(file.source);
    if (c.goBuild.length !== 1 || c.plusBuild.length || !c.expr) return;
    const lines = plusBuildLines(c.expr);
    if (!lines) return;
    const at = c.goBuild[0].lineEnd;
    ctx.report({ start: at, end: at, message: 'add +build lines', fixes: [{ message: 'add', edits: [{ start: at, end: at, text: lines.map((l) => l + '\n').join('') }] }] });
  },
};

const SELFTEST = process.env.CORPUS_SELFTEST === '1';
const KINDS = ['crash', 'reparse', 'idempotence', 'gofmt', 'vet'];
/** Environment for every go command: never download a toolchain or a module; no stray flags. */
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOWORK: 'off', GOFLAGS: '' };

const started = performance.now();
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: GO_ENV }).trim();
const src = join(goroot, 'src');
const tmp = mkdtempSync(join(tmpdir(), 'gocodemod-corpus-'));
/** Every failure, as { variant, kind, where, message }. */
const failures = [];
const fail = (variant, kind, where, message) => failures.push({ variant, kind, where, message });

// ---------------------------------------------------------------------------------------
// The corpus

/**
 * Every .go file under src outside testdata/, relative to src, and the paths run() must be
 * given to see them all: discovery skips `_`- and `.`-prefixed names as the go command does
 * (src has Go modules under `_asm/` and `_gen/`), but takes such a path when named.
 */
function listCorpus() {
  const goFiles = [];
  const hidden = [];
  const walk = (rel, underHidden) => {
    for (const ent of readdirSync(join(src, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      const isHidden = ent.name.startsWith('_') || ent.name.startsWith('.');
      if (ent.isDirectory() && ent.name !== 'testdata') {
        if (isHidden && !underHidden) hidden.push(r);
        walk(r, underHidden || isHidden);
      } else if (ent.isFile() && ent.name.endsWith('.go')) {
        goFiles.push(r);
        if (isHidden && !underHidden) hidden.push(r);
      }
    }
  };
  walk('', false);
  return { goFiles, paths: ['.', ...hidden] };
}

// ---------------------------------------------------------------------------------------
// Running codemods

/**
 * The variants: each codemod alone (two are inverses, one is explicit-only), then --all,
 * then the bench's codemod from a file (a user's codemod, in workers, with a declared query
 * the engine derives needles from and parses only in part), then rewrite rules.
 */
async function variants(tmp) {
  const load = (c) => ({ codemod: c, options: {} });
  const list = builtinCodemods.map((c) => ({ name: c.name, codemods: [load(c)] }));
  list.push({ name: '--all', codemods: builtinCodemods.filter((c) => !c.explicitOnly).map(load) });
  // go-directive-bump's default (1.22) is below every go line in GOROOT: raise them to the
  // toolchain's own version instead, so it rewrites the go.mod files of the _asm and _gen modules.
  const bump = builtinCodemods.find((c) => c.name === 'go-directive-bump');
  const toolchainGo = /^go(\d+\.\d+)/.exec(goEnvVar('GOVERSION'))[1];
  list.push({ name: `go-directive-bump to=${toolchainGo}`, codemods: [{ codemod: bump, options: { to: toolchainGo } }] });
  // sliceheader-to-unsafe-slice has nothing to do in GOROOT, which already uses unsafe.Slice:
  // run it again on its inverse's output, so it rewrites real code too.
  const toSlice = builtinCodemods.find((c) => c.name === 'sliceheader-to-unsafe-slice');
  list.push({ name: 'sliceheader-to-unsafe-slice after its inverse', codemods: [load(toSlice)], base: 'unsafe-slice-to-sliceheader' });
  // GOROOT has no // +build lines left: put back those gofmt wrote in Go 1.17, in a part of
  // the tree, for plusbuild to delete and obsolete-go-build to keep consistent.
  list.push({ name: ADD_PLUS_BUILD.name, codemods: [load(ADD_PLUS_BUILD)] });
  for (const name of ['plusbuild', 'obsolete-go-build']) {
    list.push({ name: `${name} after +build lines were added`, codemods: [load(builtinCodemods.find((c) => c.name === name))], base: ADD_PLUS_BUILD.name });
  }
  const { loadUserCodemod } = await dist('registry/user-codemods.js');
  const outDir = join(tmp, 'codemods');
  mkdirSync(outDir, { recursive: true });
  const user = await loadUserCodemod(join(root, 'scripts', 'bench', 'bool-compare.ts'), { cwd: root, outDir });
  list.push({ name: 'bool-compare (--codemod file, derived needles)', codemods: [{ codemod: user.codemod, options: {}, origin: user.origin }] });
  // Rewrite rules (docs/rules.md), compiled into codemods as `--rules` does: the examples'
  // migrations (GOROOT has sort.Strings and sort.Ints calls) and the bench's rule.
  const { loadRules } = await dist('rules/load.js');
  const rules = await loadRules([join(root, 'examples', 'rules'), join(root, 'scripts', 'bench', 'replace-all.yaml')], { cwd: root, outDir, taken: builtinCodemods });
  list.push({ name: 'rules (--rules examples/rules scripts/bench/replace-all.yaml)', codemods: rules.map((r) => ({ codemod: r.codemod, options: {}, origin: r.origin })) });
  return list;
}

/**
 * One dry run over the mirror. Returns the changed files ({ rel, original, output }), the
 * number of Go files scanned and of rewrites; crashes are recorded as failures.
 */
async function runOnce(variant, label, mirror, paths, codemods) {
  const changed = [];
  let goScanned = 0;
  const summary = await run({
    paths,
    cwd: mirror,
    codemods,
    includeVendor: true,
    includeGenerated: true,
    gitignore: false,
    cacheDir: undefined,
    onResult: (r) => {
      if (r.path.endsWith('.go')) goScanned++;
      for (const e of r.errors) fail(variant, 'crash', r.path, `${label}: ${e.codemod ? `${e.codemod}: ` : ''}${e.message}`);
      if (!r.errors.length && r.output !== r.original) changed.push({ rel: r.path, original: r.original, output: r.output });
    },
  });
  for (const p of summary.problems) fail(variant, 'crash', p.path, `${label}: ${p.message}`);
  const rewrites = [...summary.changesByCodemod.values()].reduce((a, b) => a + b, 0);
  return { changed, goScanned, rewrites, jobs: summary.jobs };
}

/** Writes texts (rel -> text) into the mirror. */
function applyTexts(mirror, texts) {
  for (const [rel, text] of texts) writeFileSync(join(mirror, rel), text);
}

/** Puts the mirror's copies of these files back as they are in GOROOT. */
function restore(mirror, rels) {
  for (const rel of rels) copyFileSync(join(src, rel), join(mirror, rel));
}

// ---------------------------------------------------------------------------------------
// Checks

/** Syntax-error regions tree-sitter finds in a text (a Go 1.26 `new(expr)` is one already). */
function syntaxErrors(parser, text) {
  const tree = parser.parse(text);
  try {
    return errorRegions(tree, text);
  } finally {
    tree.delete();
  }
}

function checkReparse(variant, parser, changed) {
  for (const c of changed.filter((c) => c.rel.endsWith('.go'))) {
    const before = syntaxErrors(parser, c.original).length;
    const after = syntaxErrors(parser, c.output);
    if (after.length > before) {
      fail(variant, 'reparse', c.rel, `${after.length} syntax-error regions after, ${before} before (first at line ${after[0].line})`);
    }
  }
  // go.mod and go.work: the go command's own parser, `go mod edit -json` / `go work edit -json`.
  for (const c of changed.filter((c) => !c.rel.endsWith('.go'))) {
    const name = basename(c.rel);
    const parses = (text) => {
      const file = join(mkdtempSync(join(tmp, 'modfile-')), name);
      writeFileSync(file, text);
      return spawnSync('go', [name === 'go.work' ? 'work' : 'mod', 'edit', '-json', file], { env: GO_ENV, encoding: 'utf8' });
    };
    const after = parses(c.output);
    if (after.status !== 0 && parses(c.original).status === 0) fail(variant, 'reparse', c.rel, after.stderr.trim());
  }
}

/**
 * Files among `rels` (in the mirror) that real gofmt would change or cannot parse, with
 * gofmt's word on them. `gofmt -l` lists the first on stdout and reports the second on stderr.
 */
function gofmtUnclean(mirror, rels) {
  const out = new Map();
  if (!rels.length) return out;
  const r = spawnSync('gofmt', ['-l', ...rels], { cwd: mirror, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  for (const line of r.stdout.split('\n').filter(Boolean)) out.set(line, 'gofmt -l lists it');
  for (const line of r.stderr.split('\n').filter(Boolean)) {
    const rel = rels.find((f) => line.startsWith(`${f}:`));
    if (!rel) throw new Error(`gofmt: ${line}`);
    if (!out.has(rel)) out.set(rel, `gofmt cannot parse it: ${line}`);
  }
  return out;
}

/** The second run, over the mirror holding the outputs, must change nothing. */
async function checkIdempotence(variant, mirror, paths, codemods) {
  const again = await runOnce(variant, 'second run', mirror, paths, codemods);
  for (const c of again.changed) fail(variant, 'idempotence', c.rel, 'the second run changes it again');
}

// ---------------------------------------------------------------------------------------
// go vet, on the real GOROOT with an overlay

// go/build's known GOOS and GOARCH values (src/internal/syslist), so that a //go:build line's
// other words can be told apart: those are tags and GOEXPERIMENTs worth trying.
const KNOWN_OS = 'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(' ');
const KNOWN_ARCH = '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(' ');
// `ignore` marks programs run by hand (`go run gen.go`); the gc toolchain cannot build gccgo files.
const NOT_A_CONFIG = new Set(['unix', 'cgo', 'gc', 'gccgo', 'ignore', ...KNOWN_OS, ...KNOWN_ARCH]);

const goEnvVar = (name) => execFileSync('go', ['env', name], { encoding: 'utf8', env: GO_ENV }).trim();
const HOST = `${goEnvVar('GOOS')}/${goEnvVar('GOARCH')}`;
const PLATFORMS = execFileSync('go', ['tool', 'dist', 'list'], { encoding: 'utf8', env: GO_ENV }).split('\n').filter(Boolean);

/** The module root (directory of the nearest go.mod, relative to src) of a file. */
function moduleRoot(rel) {
  for (let d = dirname(rel); ; d = dirname(d)) {
    if (existsSync(join(src, d, 'go.mod'))) return d;
    if (d === '.') throw new Error(`no go.mod above ${rel}`);
  }
}

/** Tags and GOEXPERIMENTs named by a file's //go:build line. */
function buildExtras(text) {
  const line = /^\/\/go:build (.*)$/m.exec(text.slice(0, text.search(/^package /m)))?.[1] ?? '';
  const words = new Set(line.match(/[\w.]+/g) ?? []);
  return [...words]
    .filter((w) => !NOT_A_CONFIG.has(w) && !/^go1\.\d+$/.test(w))
    .map((w) => (w.startsWith('goexperiment.') ? { experiment: w.slice('goexperiment.'.length) } : { tags: w }));
}

function configKey(c) {
  return [c.platform, c.experiment && `GOEXPERIMENT=${c.experiment}`, c.tags && `-tags=${c.tags}`].filter(Boolean).join(' ');
}

function goCommand(config, args, cwd) {
  const [GOOS, GOARCH] = config.platform.split('/');
  const env = { ...GO_ENV, GOOS, GOARCH };
  if (config.experiment) env.GOEXPERIMENT = config.experiment;
  const flags = config.tags ? [`-tags=${config.tags}`] : [];
  return spawnSync('go', [args[0], ...flags, ...args.slice(1)], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 15 * 60_000 });
}

/**
 * For each changed Go file, the first build configuration whose package includes it (test
 * files too): the host first, then the host with a tag or GOEXPERIMENT from the file's
 * //go:build line, then every other port, then those with the tags. `go list -find` takes
 * ~60 ms; files the host builds need one call per module.
 */
function buildConfigs(files) {
  const chosen = new Map();
  const extras = [...new Map(files.flatMap((f) => buildExtras(f.text)).map((e) => [configKey({ platform: '', ...e }), e])).values()];
  // Other ports, those of the host's GOARCH first (windows/amd64 before windows/386).
  const hostArch = HOST.split('/')[1];
  const others = PLATFORMS.filter((p) => p !== HOST).sort((a, b) => Number(!a.endsWith(`/${hostArch}`)) - Number(!b.endsWith(`/${hostArch}`)));
  const withExtras = (platform) => extras.map((e) => ({ platform, ...e }));
  const candidates = [{ platform: HOST }, ...withExtras(HOST), ...others.map((platform) => ({ platform })), ...others.flatMap(withExtras)];
  for (const config of candidates) {
    const pending = files.filter((f) => !chosen.has(f.rel));
    if (!pending.length) break;
    for (const [mod, group] of groupBy(pending, (f) => moduleRoot(f.rel))) {
      const dirs = [...new Set(group.map((f) => `./${relative(mod, dirname(f.rel)) || '.'}`))];
      const fmt = '{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{range .CgoFiles}} {{.}}{{end}}{{range .TestGoFiles}} {{.}}{{end}}{{range .XTestGoFiles}} {{.}}{{end}}';
      const r = goCommand(config, ['list', '-e', '-find', '-f', fmt, ...dirs], join(src, mod));
      if (r.status !== 0) continue; // e.g. an unknown GOEXPERIMENT
      const built = new Set();
      for (const line of r.stdout.split('\n').filter(Boolean)) {
        const [dir, ...names] = line.split(' ');
        for (const n of names) built.add(join(dir, n));
      }
      for (const f of group) if (built.has(join(src, f.rel))) chosen.set(f.rel, config);
    }
  }
  return chosen;
}

function groupBy(items, keyOf) {
  const m = new Map();
  for (const it of items) {
    const k = keyOf(it);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(it);
  }
  return m;
}

let overlays = 0;

/** An overlay file mapping GOROOT paths to temporary copies of texts; undefined when none. */
function writeOverlay(texts) {
  const goTexts = [...texts].filter(([rel]) => rel.endsWith('.go'));
  if (!goTexts.length) return undefined;
  const dir = join(tmp, 'overlay', String(overlays++));
  const replace = {};
  goTexts.forEach(([rel, text], i) => {
    // Keep the base name: vet's messages then name the file as GOROOT does.
    const file = join(dir, String(i), basename(rel));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    replace[join(src, rel)] = file;
  });
  const json = join(dir, 'overlay.json');
  writeFileSync(json, JSON.stringify({ Replace: replace }));
  return json;
}

/**
 * Packages (./dir, relative to the module root `mod`) that fail `go vet`, with its output.
 * `textsOf(pkgs)` is what the overlay holds for those packages. One vet over all of them
 * first; only when that fails, each package alone with only its own files changed, so that a
 * package broken by a change to one of its dependencies is not blamed for it.
 */
function vetFailures(config, mod, pkgs, textsOf) {
  const vet = (list) => {
    const overlay = writeOverlay(textsOf(list));
    const t0 = performance.now();
    const r = goCommand(config, ['vet', ...(overlay ? [`-overlay=${overlay}`] : []), ...list], join(src, mod));
    console.error(`  go vet ${configKey(config)}: ${list.length} package(s) of ${mod === '.' ? 'std' : mod}, ${r.status === 0 ? 'ok' : 'failed'}, ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return r;
  };
  const failed = new Map();
  if (!pkgs.length) return failed;
  const all = vet(pkgs);
  if (all.status === 0) return failed;
  if (pkgs.length === 1) return failed.set(pkgs[0], all.stderr + all.stdout);
  for (const p of pkgs) {
    const one = vet([p]);
    if (one.status !== 0) failed.set(p, one.stderr + one.stdout);
  }
  return failed;
}

/**
 * The packages of the changed Go files must pass vet after the change wherever they passed
 * before it. `before` and `after` map rel -> text (before: the base of the variant, if any).
 * Returns the files that could not be vetted, with why.
 */
function checkVet(variant, changed, before, after) {
  const files = changed.filter((c) => c.rel.endsWith('.go')).map((c) => ({ rel: c.rel, text: c.original }));
  const unvetted = [];
  const configs = buildConfigs(files);
  for (const f of files) if (!configs.has(f.rel)) unvetted.push(`${f.rel} (no GOOS/GOARCH, tag or GOEXPERIMENT tried builds it)`);
  const byConfig = groupBy(files.filter((f) => configs.has(f.rel)), (f) => configKey(configs.get(f.rel)));
  for (const group of byConfig.values()) {
    const config = configs.get(group[0].rel);
    for (const [mod, inMod] of groupBy(group, (f) => moduleRoot(f.rel))) {
      const pkgOf = (rel) => `./${relative(mod, dirname(rel)) || '.'}`;
      const textsIn = (texts) => (pkgs) => [...texts].filter(([rel]) => moduleRoot(rel) === mod && pkgs.includes(pkgOf(rel)));
      const pkgs = [...new Set(inMod.map((f) => pkgOf(f.rel)))].sort();
      const failedBefore = vetFailures(config, mod, pkgs, textsIn(before));
      for (const f of inMod) if (failedBefore.has(pkgOf(f.rel))) unvetted.push(`${f.rel} (its package fails vet before the change, ${configKey(config)})`);
      const failedAfter = vetFailures(config, mod, pkgs.filter((p) => !failedBefore.has(p)), textsIn(after));
      for (const [pkg, output] of failedAfter) {
        fail(variant, 'vet', `${join(mod, pkg)} (${configKey(config)})`, output.trim().split('\n').slice(0, 12).join('\n'));
      }
    }
  }
  return unvetted;
}

// ---------------------------------------------------------------------------------------
// The self-test

/**
 * Corrupts four outputs in place, one per check that reads outputs, each in its own package
 * where there are enough, so that one corruption does not hide another: a syntax error
 * (reparse; gofmt and vet see it too), an undefined name (vet), a gofmt-dirty line (gofmt),
 * and an output replaced by its input, which the second run rewrites again (idempotence).
 */
function corrupt(changed) {
  const go = changed.filter((c) => c.rel.endsWith('.go'));
  if (go.length < 4) return false;
  const firstPerDir = [...groupBy(go, (c) => dirname(c.rel)).values()].map((inDir) => inDir[0]);
  const picked = firstPerDir.length >= 4 ? firstPerDir : go;
  picked[0].output += '\nfunc corpusSelftest( {\n';
  picked[1].output += '\nvar _ = corpusSelftestUndefined\n';
  picked[2].output += '\nvar  _ = 0\n';
  picked[3].output = picked[3].original;
  console.error(`self-test: corrupted ${picked.slice(0, 4).map((c) => c.rel).join(', ')}`);
  return true;
}

/** Leaves a go.mod or go.work output with an unterminated block: the reparse check must see it. */
function corruptModFile(changed) {
  const mod = changed.find((c) => !c.rel.endsWith('.go'));
  if (!mod) return false;
  mod.output += '\nrequire (\n';
  console.error(`self-test: corrupted ${mod.rel}`);
  return true;
}

/** A codemod that throws, over one small package: the crash check must report it. */
async function selftestCrash(mirror) {
  const thrower = { name: 'corpus-selftest-throws', description: 'Throws.', run: () => { throw new Error('self-test'); } };
  await runOnce('self-test', 'throwing codemod', mirror, ['errors'], [{ codemod: thrower, options: {} }]);
}

// ---------------------------------------------------------------------------------------
// One variant

async function runVariant(v, ctx) {
  const t0 = performance.now();
  const { mirror, paths, parser, outputsByVariant } = ctx;
  // The starting point: GOROOT as it is, or another variant's outputs.
  const base = new Map(v.base ? outputsByVariant.get(v.base) : []);
  applyTexts(mirror, base);
  const first = await runOnce(v.name, 'first run', mirror, paths, v.codemods);
  if (SELFTEST && !ctx.corrupted && corrupt(first.changed)) ctx.corrupted = v.name;
  if (SELFTEST && !ctx.corruptedMod && corruptModFile(first.changed)) ctx.corruptedMod = v.name;
  outputsByVariant.set(v.name, new Map([...base, ...first.changed.map((c) => [c.rel, c.output])]));

  checkReparse(v.name, parser, first.changed);
  const goRels = first.changed.filter((c) => c.rel.endsWith('.go')).map((c) => c.rel);
  const cleanBefore = gofmtUnclean(mirror, goRels);
  applyTexts(mirror, first.changed.map((c) => [c.rel, c.output]));
  for (const [rel, why] of gofmtUnclean(mirror, goRels)) {
    if (!cleanBefore.has(rel)) fail(v.name, 'gofmt', rel, `gofmt-clean before, not after: ${why}`);
  }
  await checkIdempotence(v.name, mirror, paths, v.codemods);
  const unvetted = checkVet(v.name, first.changed, base, outputsByVariant.get(v.name));
  restore(mirror, new Set([...base.keys(), ...first.changed.map((c) => c.rel)]));
  return { ...first, unvetted, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------
// Reporting

function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

function report(corpusSize, results, elapsed) {
  for (const f of failures) console.log(`FAIL ${f.kind} [${f.variant}] ${f.where}: ${f.message}`);
  for (const [name, r] of results) {
    if (r.unvetted.length) console.log(`\nnot vetted [${name}]:\n  ${r.unvetted.join('\n  ')}`);
  }
  const count = (name, kind) => failures.filter((f) => f.variant === name && f.kind === kind).length;
  const rows = [['variant', 'Go files', 'rewrites', 'changed files', ...KINDS, 'not vetted', 'seconds']];
  for (const [name, r] of results) {
    rows.push([name, r.goScanned, r.rewrites, r.changed.length, ...KINDS.map((k) => count(name, k)), r.unvetted.length, r.seconds.toFixed(1)]);
  }
  const total = (kind) => failures.filter((f) => f.kind === kind).length;
  rows.push(['total', '', '', '', ...KINDS.map(total), '', elapsed.toFixed(1)]);
  console.log(`\ncorpus: ${src}, ${corpusSize} .go files outside testdata/; ${[...results.values()][0]?.jobs ?? '?'} worker threads; ${process.version}`);
  printTable(rows);
}

// ---------------------------------------------------------------------------------------

async function main() {
  const corpus = listCorpus();
  const mirror = join(tmp, 'src');
  cpSync(src, mirror, { recursive: true, verbatimSymlinks: true });
  const ctx = { mirror, paths: corpus.paths, parser: await loadGoParser(), outputsByVariant: new Map(), corrupted: undefined, corruptedMod: undefined };
  const results = new Map();
  let all = await variants(tmp);
  if (process.env.CORPUS_ONLY) {
    const only = new RegExp(process.env.CORPUS_ONLY);
    const wanted = all.filter((v) => only.test(v.name));
    all = all.filter((v) => wanted.includes(v) || wanted.some((w) => w.base === v.name));
  }
  for (const v of all) {
    console.error(`corpus: ${v.name}…`);
    const r = await runVariant(v, ctx);
    results.set(v.name, r);
    // Coverage: the run must have seen every Go file of the corpus, or it tests less than it says.
    if (r.goScanned !== corpus.goFiles.length) {
      throw new Error(`${v.name}: scanned ${r.goScanned} Go files of ${corpus.goFiles.length}`);
    }
  }
  if (SELFTEST) await selftestCrash(mirror);
  if (SELFTEST && !ctx.corrupted) throw new Error('self-test: no variant has four changed Go files to corrupt');
  report(corpus.goFiles.length, results, (performance.now() - started) / 1000);
  if (SELFTEST) {
    // Only what the self-test caused counts: not failures the corpus has anyway.
    const caused = failures.filter((f) => [ctx.corrupted, ctx.corruptedMod, 'self-test'].includes(f.variant));
    const caught = KINDS.filter((k) => caused.some((f) => f.kind === k));
    if (!caused.some((f) => f.variant === ctx.corruptedMod && f.kind === 'reparse')) console.log('self-test: the corrupted go.mod was not caught');
    console.log(`\nself-test: caught ${caught.join(', ') || 'nothing'}; missed ${KINDS.filter((k) => !caught.includes(k)).join(', ') || 'nothing'}`);
  }
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = await main();
} finally {
  if (process.env.CORPUS_KEEP === '1') console.error(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
