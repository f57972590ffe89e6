#!/usr/bin/env node
// npm run grammar:update [-- options]
//
// The maintainer's step (grammars/README.md): upstream grammar + our patch -> generated parser ->
// WASM. It needs the tree-sitter CLI at the version the manifest names (0.25.8:
// `cargo install tree-sitter-cli --locked --version 0.25.8`), GNU patch, and what build.mjs needs.
//
//   (no option)          apply grammars/grammar.patch to grammars/upstream/ in a temporary
//                        directory, run `tree-sitter generate` there, copy the generated sources to
//                        grammars/src/, record upstream, patch and generator in PROVENANCE.json,
//                        then build the WASM (build.mjs)
//   --from-npm           first copy grammar.js, tree-sitter.json and LICENSE from the installed
//                        tree-sitter-go package (the devDependency package.json pins) into
//                        grammars/upstream/: how a new upstream release comes in
//   --checkout DIR       only write upstream + patch into DIR (grammar.js, tree-sitter.json), to
//                        edit the grammar there; `tree-sitter generate` and `tree-sitter parse`
//                        work in DIR
//   --patch-from DIR     first rewrite grammars/grammar.patch as the difference between
//                        grammars/upstream/grammar.js and DIR/grammar.js
//   --check              change nothing: fail unless applying the patch and generating gives
//                        byte for byte the committed grammars/src/ and the manifest's hashes
//                        (.ci/run runs this when tree-sitter is on PATH)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, writeManifest } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const upstreamDir = join(here, 'upstream');
const patchPath = join(here, 'grammar.patch');
const manifestPath = join(here, 'PROVENANCE.json');
/** What we keep of the upstream package: what `tree-sitter generate` reads, and the licence. */
const UPSTREAM_FILES = ['grammar.js', 'tree-sitter.json', 'LICENSE'];
/** What `tree-sitter generate` writes that the build (and readers of node types) use. */
const GENERATED_FILES = ['parser.c', 'grammar.json', 'node-types.json', 'tree_sitter/parser.h', 'tree_sitter/alloc.h', 'tree_sitter/array.h'];
const GENERATOR = { package: 'tree-sitter-cli', version: '0.25.8' };

function fail(message) {
  console.error(`grammar:update: ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error?.code === 'ENOENT') fail(`${cmd} not found`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed:\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
}

function fromNpm() {
  const require = createRequire(join(root, 'package.json'));
  const pkgJson = require.resolve('tree-sitter-go/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  mkdirSync(upstreamDir, { recursive: true });
  for (const f of UPSTREAM_FILES) copyFileSync(join(dirname(pkgJson), f), join(upstreamDir, f));
  console.log(`grammars/upstream <- ${pkg.name}@${pkg.version}`);
  // Our generator should make upstream's own parser.c from upstream's grammar.js, else the
  // diff between their sources and ours is not only our patch.
  const tmp = mkdtempSync(join(tmpdir(), 'gocodemod-grammar-'));
  try {
    for (const f of UPSTREAM_FILES) copyFileSync(join(upstreamDir, f), join(tmp, f));
    generate(tmp);
    if (!readFileSync(join(tmp, 'src', 'parser.c')).equals(readFileSync(join(dirname(pkgJson), 'src', 'parser.c')))) {
      const theirs = readFileSync(join(dirname(pkgJson), 'src', 'parser.c'), 'utf8').split('\n')[0];
      console.warn(`warning: tree-sitter ${GENERATOR.version} does not generate ${pkg.name}@${pkg.version}'s own parser.c (${theirs})`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { package: pkg.name, version: pkg.version };
}

/** Copies upstream into dir and applies the patch there, refusing any fuzz. */
function checkout(dir) {
  mkdirSync(dir, { recursive: true });
  for (const f of UPSTREAM_FILES) copyFileSync(join(upstreamDir, f), join(dir, f));
  run('patch', ['-p1', '--fuzz=0', '--no-backup-if-mismatch', '--batch', '-d', dir, '-i', patchPath]);
}

function patchFrom(dir) {
  const r = spawnSync('diff', ['-u', '--label', 'a/grammar.js', '--label', 'b/grammar.js', join(upstreamDir, 'grammar.js'), join(dir, 'grammar.js')], { encoding: 'utf8' });
  if (r.status !== 1) fail(r.status === 0 ? `${dir}/grammar.js is upstream's: no patch` : `diff failed: ${r.stderr}`);
  writeFileSync(patchPath, r.stdout);
  console.log(`grammars/grammar.patch <- ${dir}/grammar.js`);
}

function generate(dir) {
  let version;
  try {
    version = execFileSync('tree-sitter', ['--version'], { encoding: 'utf8' }).trim().split(/\s+/)[1];
  } catch {
    fail(`tree-sitter not found: cargo install ${GENERATOR.package} --locked --version ${GENERATOR.version}`);
  }
  if (version !== GENERATOR.version) fail(`tree-sitter ${version} found, ${GENERATOR.version} needed (generated sources differ between versions)`);
  run('tree-sitter', ['generate'], { cwd: dir });
}

function main(argv) {
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1] ?? fail(`${name} needs a directory`);
  };
  const check = argv.includes('--check');
  const checkoutDir = opt('--checkout');
  if (checkoutDir) {
    checkout(resolve(checkoutDir));
    console.log(`${checkoutDir}: upstream grammar with grammars/grammar.patch applied; edit grammar.js, then npm run grammar:update -- --patch-from ${checkoutDir}`);
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  let upstream = manifest.upstream;
  if (argv.includes('--from-npm')) upstream = { ...upstream, ...fromNpm() };
  const from = opt('--patch-from');
  if (from) patchFrom(resolve(from));

  const tmp = mkdtempSync(join(tmpdir(), 'gocodemod-grammar-'));
  try {
    checkout(tmp);
    generate(tmp);
    const generated = Object.fromEntries(GENERATED_FILES.map((f) => [f, sha256(readFileSync(join(tmp, 'src', f)))]));
    if (check) {
      const differ = GENERATED_FILES.filter((f) => {
        const committed = join(here, 'src', f);
        return !existsSync(committed) || sha256(readFileSync(committed)) !== generated[f] || manifest.generated?.sha256?.[f] !== generated[f];
      });
      if (differ.length) fail(`upstream + grammar.patch do not generate the committed grammars/src (${differ.join(', ')}): run npm run grammar:update and commit`);
      console.log('grammars/src is what upstream + grammar.patch generate');
      return;
    }
    rmSync(join(here, 'src'), { recursive: true, force: true });
    for (const f of GENERATED_FILES) {
      mkdirSync(dirname(join(here, 'src', f)), { recursive: true });
      cpSync(join(tmp, 'src', f), join(here, 'src', f));
    }
    manifest.upstream = {
      ...upstream,
      dir: 'upstream',
      sha256: Object.fromEntries(UPSTREAM_FILES.map((f) => [f, sha256(readFileSync(join(upstreamDir, f)))])),
    };
    manifest.patch = { file: 'grammar.patch', sha256: sha256(readFileSync(patchPath)) };
    manifest.generator = GENERATOR;
    manifest.generated = { dir: 'src', sha256: generated };
    writeManifest(manifest);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  run(process.execPath, [join(here, 'build.mjs')], { stdio: 'inherit' });
}

main(process.argv.slice(2));
