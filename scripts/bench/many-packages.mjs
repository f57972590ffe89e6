// A synthetic monorepo of many small packages, made from real Go code: the shape the second
// speed round (issue 17) measures, where per-directory and per-file costs, not parsing, decide.
//
// Every (687/PACKAGES)th directory of GOROOT/src that holds Go files becomes one package of
// the tree, with its first FILES_PER_PACKAGE .go files (by name, contents unchanged), under
// the same relative path. Around them, what a real monorepo has: a root go.mod with a long
// require list (parsing it is not free), nested modules, a vendor/ directory (skipped), a
// root and a nested .gitignore, non-Go files beside the Go ones, and a git repository of it
// all, so that `git status` can be measured on the very same tree.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = 400;
const FILES_PER_PACKAGE = 12;
/** Larger files (generated tables, big test files) are left out: the tree's files average ~6 KB, as in the monorepo that issue 17 measured (2,202 files, 11 MB). */
const MAX_FILE_BYTES = 24 * 1024;
const NESTED_MODULES = ['cmd', 'net', 'crypto', 'internal/trace'];

/** Directories of `src` holding .go files, skipping what the go command skips; sorted. */
function goDirs(src) {
  const out = [];
  const walk = (rel) => {
    const entries = readdirSync(join(src, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const files = entries
      .filter((e) => e.isFile() && e.name.endsWith('.go') && !/^[._]/.test(e.name) && statSync(join(src, rel, e.name)).size <= MAX_FILE_BYTES)
      .map((e) => e.name);
    if (files.length && rel) out.push({ rel, files });
    for (const e of entries) {
      if (!e.isDirectory() || /^[._]/.test(e.name) || e.name === 'testdata' || e.name === 'vendor') continue;
      walk(rel ? `${rel}/${e.name}` : e.name);
    }
  };
  walk('');
  return out;
}

function goMod(module, requires) {
  const lines = [`module ${module}`, '', 'go 1.22', '', 'require ('];
  for (let i = 0; i < requires; i++) lines.push(`\tgithub.com/example-org/lib${String(i).padStart(3, '0')} v1.${i % 17}.${i % 5}${i % 7 === 0 ? ' // indirect' : ''}`);
  lines.push(')', '', 'replace github.com/example-org/lib000 => ./third_party/lib000', '');
  return lines.join('\n');
}

/**
 * Writes the tree into `dest` (an empty directory) from GOROOT's `src`, commits it to a new
 * git repository there, and returns what it made.
 */
export function makeManyPackagesTree(src, dest) {
  const all = goDirs(src);
  const step = all.length / PACKAGES;
  const chosen = Array.from({ length: Math.min(PACKAGES, all.length) }, (_, i) => all[Math.floor(i * step)]);
  let files = 0;
  for (const { rel, files: names } of chosen) {
    mkdirSync(join(dest, rel), { recursive: true });
    for (const name of names.slice(0, FILES_PER_PACKAGE)) {
      copyFileSync(join(src, rel, name), join(dest, rel, name));
      files++;
    }
    // What sits beside Go code in a monorepo: a README, a BUILD file.
    writeFileSync(join(dest, rel, 'README.md'), `# ${rel}\n`);
    writeFileSync(join(dest, rel, 'BUILD.bazel'), `go_library(name = "${rel.split('/').pop()}")\n`);
  }
  writeFileSync(join(dest, 'go.mod'), goMod('example.com/mono', 240));
  for (const m of NESTED_MODULES) {
    mkdirSync(join(dest, m), { recursive: true });
    writeFileSync(join(dest, m, 'go.mod'), goMod(`example.com/mono/${m}`, 40));
  }
  // A vendored dependency (skipped by default, as by the go command).
  mkdirSync(join(dest, 'vendor', 'github.com', 'example-org', 'lib000'), { recursive: true });
  for (const name of chosen[0].files.slice(0, 3)) copyFileSync(join(src, chosen[0].rel, name), join(dest, 'vendor', 'github.com', 'example-org', 'lib000', name));
  writeFileSync(join(dest, '.gitignore'), ['/bin/', '/dist/', '*.log', '*.tmp', 'node_modules/', '.idea/', 'coverage.out', ''].join('\n'));
  writeFileSync(join(dest, NESTED_MODULES[0], '.gitignore'), ['*.test', '/out/', ''].join('\n'));
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dest, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'synthetic tree');
  return { packages: chosen.length, files };
}

/** Makes a git repository of an existing tree (a copy), so `git status` runs on it. */
export function commitTree(dest) {
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dest, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'tree');
}
