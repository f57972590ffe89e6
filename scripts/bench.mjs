#!/usr/bin/env node
// npm run bench [-- DIR] [--reps N]
// gocodemod against ast-grep, back to back in one run, on the same tree (default: the Go
// toolchain's own source, $(go env GOROOT)/src). Medians of N repetitions, ratios to
// ast-grep measured in the same run, and peak RSS. Writes docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args.splice(repsAt, 2)[1]) : 3;
const dir = args[0] ?? join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
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

const astGrep = (pattern) => [sg, ['run', '-p', pattern, '-l', 'go', '--globs', '!**/testdata/**', '--globs', '!**/vendor/**', dir]];
const gcm = (codemods, extra = []) => ['node', [bin, 'run', ...codemods, dir, '-q', ...extra]];

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
for (const copy of ['a', 'b', 'c']) cpSync(dir, join(tripled, copy), { recursive: true, verbatimSymlinks: true });
variants.push({ name: 'gocodemod --all, cold, the tree three times over', cmd: ['node', [bin, 'run', '--all', tripled, '-q', '--no-cache']], scale: 3 });

const results = new Map(variants.map((v) => [v.name, []]));
// Fill the cache once for the warm variant.
measure(...gcm(['--all']));
for (let i = 0; i < reps; i++) {
  for (const v of variants) results.get(v.name).push(measure(v.cmd[0], v.cmd[1], v.freshCache));
  process.stderr.write(`repetition ${i + 1}/${reps} done\n`);
}
rmSync(cacheDir, { recursive: true, force: true });
rmSync(tripled, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
const files = execFileSync('sh', ['-c', `find '${dir}' -name '*.go' -not -path '*/testdata/*' -not -path '*/vendor/*' | wc -l`], { encoding: 'utf8' }).trim();
const machine = [
  `- CPU: ${cpus()[0]?.model ?? '?'} × ${cpus().length}; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- Node ${process.version}; ${execFileSync(sg, ['--version'], { encoding: 'utf8' }).trim()}; ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}`,
  `- Tree: \`${dir}\`, ${files} .go files outside testdata/ and vendor/`,
  `- ${reps} repetitions, median wall time; peak RSS is the largest of the repetitions (GNU time)`,
];
const table = ['| run | seconds | ratio to ast-grep `interface{}` | | peak RSS MB |', '|---|---|---|---|---|', ...rows].join('\n');
const text = `${machine.join('\n')}\n\n${table}\n`;
process.stdout.write(text);
if (!args.includes('--no-write')) writeFileSync(join(root, 'docs', 'benchmark-latest.md'), `# Latest \`npm run bench\`\n\n${text}`);
