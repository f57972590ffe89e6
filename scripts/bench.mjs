#!/usr/bin/env node
// npm run bench [-- DIR] [--reps N]
// gocodemod against ast-grep, back to back in one run, on the same tree (default: the Go
// toolchain's own source, $(go env GOROOT)/src). Medians of N repetitions, ratios to
// ast-grep measured in the same run, and peak RSS. Then the same tools on trees of many small
// packages (GOROOT/src/cmd, and a synthetic monorepo made from GOROOT/src: see
// scripts/bench/many-packages.mjs), beside the floors: `cat` of the same files, Node's own
// start-up, and `git status` on the same tree for the warm run. Writes docs/benchmark-latest.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitTree, makeManyPackagesTree } from './bench/many-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args.splice(repsAt, 2)[1]) : 3;
const manyOnly = args.includes('--many-only');
if (manyOnly) args.splice(args.indexOf('--many-only'), 1, '--no-write');
const dir = args.find((a) => !a.startsWith('--')) ?? join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');
const sg = join(root, 'node_modules', '.bin', 'ast-grep');
if (!existsSync(bin)) throw new Error('run npm run build first');
const haveTime = existsSync('/usr/bin/time');
const cacheDir = mkdtempSync(join(tmpdir(), 'gocodemod-bench-cache-'));

/**
 * Runs a command; returns wall seconds and peak RSS in MB (GNU time), or throws.
 * `freshCache`: an empty cache directory for this run (a first run with the cache on).
 */
function measure(cmd, argv, freshCache = false) {
  const timeFile = join(cacheDir, 'time.txt');
  const full = haveTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, cmd, ...argv]] : [cmd, argv];
  const cache = freshCache ? mkdtempSync(join(tmpdir(), 'gocodemod-bench-fresh-')) : cacheDir;
  const t = performance.now();
  const r = spawnSync(full[0], full[1], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOCODEMOD_CACHE_DIR: cache }, maxBuffer: 1 << 28 });
  if (freshCache) rmSync(cache, { recursive: true, force: true });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = haveTime ? Number(execFileSync('tail', ['-1', timeFile], { encoding: 'utf8' })) / 1024 : NaN;
  return { s, rss };
}

const astGrepIn = (tree, pattern) => [sg, ['run', '-p', pattern, '-l', 'go', '--globs', '!**/testdata/**', '--globs', '!**/vendor/**', tree]];
const gcmIn = (tree, codemods, extra = []) => ['node', [bin, 'run', ...codemods, tree, '-q', ...extra]];
const astGrep = (pattern) => astGrepIn(dir, pattern);
const gcm = (codemods, extra = []) => gcmIn(dir, codemods, extra);

const builtins = JSON.parse(execFileSync('node', [bin, 'list', '--json'], { encoding: 'utf8' })).map((c) => c.name);
// A codemod with no needles (scripts/bench/bool-compare.ts), run from its file as a user's
// would be: with its declared query (the engine derives needles from it), and walking
// file.tree itself (every file parsed). ast-grep `$A == true` is its equivalent pattern.
const boolCompare = ['--codemod', join(root, 'scripts', 'bench', 'bool-compare.ts')];
// A rule (scripts/bench/replace-all.yaml, `--rules`) and its hand-written twin
// (scripts/bench/replace-all.ts, `--codemod`), beside ast-grep's same pattern.
const replaceAllPattern = 'strings.Replace($S, $OLD, $NEW, -1)';
const variants = [
  { name: 'ast-grep `interface{}` (the reference)', cmd: astGrep('interface{}'), ref: true },
  ...builtins.map((c) => ({ name: `gocodemod ${c}, cold`, cmd: gcm([c], ['--no-cache']) })),
  { name: 'gocodemod --all, cold', cmd: gcm(['--all'], ['--no-cache']) },
  { name: 'gocodemod --all, cold, 1 thread', cmd: gcm(['--all'], ['--no-cache', '-j', '1']) },
  { name: 'gocodemod --all, first run (empty cache)', cmd: gcm(['--all']), freshCache: true },
  { name: 'gocodemod --all, warm cache', cmd: gcm(['--all']), warm: true },
  { name: 'ast-grep `unsafe.Slice($P, $N)`', cmd: astGrep('unsafe.Slice($P, $N)') },
  { name: 'ast-grep `$A == true`', cmd: astGrep('$A == true'), boolRef: true },
  { name: 'gocodemod bool-compare (no needles, declared query), cold', cmd: gcm(boolCompare, ['--no-cache']), bool: true },
  { name: 'gocodemod bool-compare (no needles, walks file.tree: every file parsed), cold', cmd: gcm(boolCompare, ['--no-cache', '-o', 'bool-compare.walk=tree']), bool: true },
  { name: `ast-grep \`${replaceAllPattern}\``, cmd: astGrep(replaceAllPattern), ruleRef: true },
  { name: 'gocodemod rule replace-all (--rules, the same pattern), cold', cmd: gcm(['--rules', join(root, 'scripts', 'bench', 'replace-all.yaml')], ['--no-cache']), rule: true },
  { name: 'gocodemod replace-all-twin (--codemod, hand-written), cold', cmd: gcm(['--codemod', join(root, 'scripts', 'bench', 'replace-all.ts')], ['--no-cache']), twin: true },
];

// Memory as the tree grows: the same tree three times over, in one run.
const tripled = mkdtempSync(join(tmpdir(), 'gocodemod-bench-x3-'));
if (!manyOnly) for (const copy of ['a', 'b', 'c']) cpSync(dir, join(tripled, copy), { recursive: true, verbatimSymlinks: true });
variants.push({ name: 'gocodemod --all, cold, the tree three times over', cmd: ['node', [bin, 'run', '--all', tripled, '-q', '--no-cache']], scale: 3 });

// Trees of many small packages, each a git repository (for `git status`), in a temporary
// directory: GOROOT/src (the tree above, for comparison), GOROOT/src/cmd, and the synthetic one.
const treesDir = mkdtempSync(join(tmpdir(), 'gocodemod-bench-trees-'));
const trees = [
  { name: 'GOROOT/src', dir: join(treesDir, 'src') },
  { name: 'GOROOT/src/cmd', dir: join(treesDir, 'cmd') },
  { name: 'many small packages', dir: join(treesDir, 'many') },
];
cpSync(dir, trees[0].dir, { recursive: true, verbatimSymlinks: true });
cpSync(join(dir, 'cmd'), trees[1].dir, { recursive: true, verbatimSymlinks: true });
commitTree(trees[0].dir);
commitTree(trees[1].dir);
const made = makeManyPackagesTree(dir, trees[2].dir);
trees[2].name = `synthetic: ${made.files} files in ${made.packages} packages`;
/** The .go files gocodemod and ast-grep read (outside testdata/ and vendor/), as a NUL-separated list for `cat`. */
function goFiles(tree) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && !['testdata', 'vendor', '.git'].includes(e.name)) walk(join(d, e.name));
      else if (e.isFile() && e.name.endsWith('.go')) out.push(join(d, e.name));
    }
  };
  walk(tree);
  return out;
}
const selective = 'sliceheader-to-unsafe-slice';
const perTree = [
  { key: 'sg-slice', name: 'ast-grep `unsafe.Slice($P, $N)`', cmd: (t) => astGrepIn(t.dir, 'unsafe.Slice($P, $N)') },
  { key: 'sg-header', name: 'ast-grep `reflect.SliceHeader`', cmd: (t) => astGrepIn(t.dir, 'reflect.SliceHeader') },
  { key: 'sel', name: `gocodemod ${selective} (needles in < 1% of files), cold`, cmd: (t) => gcmIn(t.dir, [selective], ['--no-cache']), ref: 'sg-header' },
  { key: 'sel-j1', name: `  the same, -j 1`, cmd: (t) => gcmIn(t.dir, [selective], ['--no-cache', '-j', '1']), ref: 'sel', refName: 'of default -j' },
  { key: 'us', name: 'gocodemod unsafe-slice-to-sliceheader, cold', cmd: (t) => gcmIn(t.dir, ['unsafe-slice-to-sliceheader'], ['--no-cache']), ref: 'sg-slice' },
  { key: 'us-j1', name: '  the same, -j 1', cmd: (t) => gcmIn(t.dir, ['unsafe-slice-to-sliceheader'], ['--no-cache', '-j', '1']), ref: 'us', refName: 'of default -j' },
  { key: 'all', name: 'gocodemod --all, cold', cmd: (t) => gcmIn(t.dir, ['--all'], ['--no-cache']), ref: 'sg-slice' },
  { key: 'all-j1', name: '  the same, -j 1', cmd: (t) => gcmIn(t.dir, ['--all'], ['--no-cache', '-j', '1']), ref: 'all', refName: 'of default -j' },
  { key: 'warm', name: 'gocodemod --all, warm cache, nothing changed', cmd: (t) => gcmIn(t.dir, ['--all']), ref: 'git', warm: true },
  { key: 'git', name: '`git status --porcelain`', cmd: (t) => ['git', ['-C', t.dir, 'status', '--porcelain']] },
  { key: 'cat', name: 'read floor: `cat` of the same .go files', cmd: (t) => ['sh', ['-c', 'xargs -0 cat < "$1" > /dev/null', 'cat', t.listFile]], floor: true },
  { key: 'node', name: 'start-up floor: `node -e 0`', cmd: () => ['node', ['-e', '0']], floor: true },
];
for (const t of trees) {
  const files = goFiles(t.dir);
  t.files = files.length;
  t.listFile = join(treesDir, `${t.dir.split('/').pop()}.list`);
  writeFileSync(t.listFile, files.join('\0'));
}
const treeVariants = trees.flatMap((t) => perTree.map((v) => ({ name: `${t.name}\0${v.key}`, cmd: v.cmd(t) })));
// --many-only: only the many-packages table (while working on it; writes nothing).
if (manyOnly) variants.length = 0;

const results = new Map([...variants, ...treeVariants].map((v) => [v.name, []]));
const loads = [loadavg()[0]];
// Fill the caches once for the warm variants.
if (!manyOnly) measure(...gcm(['--all']));
for (const t of trees) measure(...gcmIn(t.dir, ['--all']));
for (let i = 0; i < reps; i++) {
  for (const v of [...variants, ...treeVariants]) results.get(v.name).push(measure(v.cmd[0], v.cmd[1], v.freshCache));
  loads.push(loadavg()[0]);
  process.stderr.write(`repetition ${i + 1}/${reps} done\n`);
}
rmSync(cacheDir, { recursive: true, force: true });
rmSync(tripled, { recursive: true, force: true });
rmSync(treesDir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (manyOnly) {
  process.stdout.write(manyTableText());
  process.exit(0);
}
const ref = median(results.get(variants.find((v) => v.ref).name).map((m) => m.s));
const cold = median(results.get('gocodemod --all, cold').map((m) => m.s));
const boolRef = median(results.get(variants.find((v) => v.boolRef).name).map((m) => m.s));
const ruleRef = median(results.get(variants.find((v) => v.ruleRef).name).map((m) => m.s));
const twin = median(results.get(variants.find((v) => v.twin).name).map((m) => m.s));
const rows = variants.map((v) => {
  const ms = results.get(v.name);
  const s = median(ms.map((m) => m.s));
  const rss = Math.max(...ms.map((m) => m.rss));
  const other = v.warm
    ? `${(s / cold).toFixed(2)}× of cold`
    : v.bool
      ? `${(s / boolRef).toFixed(2)}× of \`$A == true\``
      : v.rule
        ? `${(s / ruleRef).toFixed(2)}× of its ast-grep pattern, ${(s / twin).toFixed(2)}× of its twin`
        : v.twin
          ? `${(s / ruleRef).toFixed(2)}× of its ast-grep pattern`
          : v.scale
            ? `${v.scale}× the files: ${(s / cold).toFixed(2)}× the time of cold`
            : '';
  return `| ${v.name} | ${s.toFixed(2)} | ${(s / ref).toFixed(2)}× | ${other} | ${Number.isFinite(rss) ? rss.toFixed(0) : '?'} |`;
});

// The many-packages table: one column per tree; each gocodemod row with its ratio to the
// row it is compared with (ast-grep's same pattern, the default -j, git status).
function manyTableText() {
const treeMedian = (t, key) => median(results.get(`${t.name}\0${key}`).map((m) => m.s));
const treeRss = (t, key) => Math.max(...results.get(`${t.name}\0${key}`).map((m) => m.rss));
const refNames = { 'sg-header': 'ast-grep `reflect.SliceHeader`', 'sg-slice': 'ast-grep `unsafe.Slice`', git: '`git status`' };
const manyRows = perTree.map((v) => {
  const cells = trees.map((t) => {
    const s = treeMedian(t, v.key);
    const ratio = v.ref ? ` (${(s / treeMedian(t, v.ref)).toFixed(2)}×)` : '';
    return `${s.toFixed(3)}${ratio}`;
  });
  const against = v.ref ? (v.refName ?? `of ${refNames[v.ref]}`) : '';
  return `| ${v.name} | ${cells.join(' | ')} | ${against} | ${Math.max(...trees.map((t) => treeRss(t, v.key))).toFixed(0)} |`;
});
const manyTable = [
  `| run | ${trees.map((t) => `${t.name} (${t.files} files)`).join(' | ')} | ratio | peak RSS MB |`,
  `|---|${trees.map(() => '---|').join('')}---|---|`,
  ...manyRows,
].join('\n');
return `Load average (1 min) at the start and after each repetition: ${loads.map((l) => l.toFixed(1)).join(', ')}\n\n${manyTable}\n`;
}

const files = execFileSync('sh', ['-c', `find '${dir}' -name '*.go' -not -path '*/testdata/*' -not -path '*/vendor/*' | wc -l`], { encoding: 'utf8' }).trim();
const machine = [
  `- CPU: ${cpus()[0]?.model ?? '?'} × ${cpus().length}; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- Node ${process.version}; ${execFileSync(sg, ['--version'], { encoding: 'utf8' }).trim()}; ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}`,
  `- Tree: \`${dir}\`, ${files} .go files outside testdata/ and vendor/`,
  `- ${reps} repetitions, median wall time; peak RSS is the largest of the repetitions (GNU time)`,
  `- Load average (1 min) at the start and after each repetition: ${loads.map((l) => l.toFixed(1)).join(', ')} (${cpus().length} CPUs)`,
];
const table = ['| run | seconds | ratio to ast-grep `interface{}` | | peak RSS MB |', '|---|---|---|---|---|', ...rows].join('\n');
const text = `${machine.join('\n')}\n\n${table}\n\n## Many small packages\n\nSeconds (median), and in brackets the ratio to the run named in the ratio column, measured on the same tree in the same repetitions.\n\n${manyTableText()}`;
process.stdout.write(text);
if (!args.includes('--no-write')) writeFileSync(join(root, 'docs', 'benchmark-latest.md'), `# Latest \`npm run bench\`\n\n${text}`);
