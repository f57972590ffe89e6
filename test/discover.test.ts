import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { discover } from '../src/run/discover.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const pkg = 'package p\n';

function layout() {
  const root = tmpTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'ignored/\n*.gen.go\n!keep.gen.go\n',
    'go.mod': 'module m\n\ngo 1.22\n',
    'a.go': pkg,
    'b.txt': 'not go',
    'sub/c.go': pkg,
    'sub/x.gen.go': pkg,
    'sub/keep.gen.go': pkg,
    'sub/.gitignore': 'local.go\n',
    'sub/local.go': pkg,
    'sub/deeper/d.go': pkg,
    'ignored/e.go': pkg,
    'vendor/v/v.go': pkg,
    'testdata/t.go': pkg,
    '.hidden/h.go': pkg,
    '_under/u.go': pkg,
    '_file.go': pkg,
  });
  return root;
}

const paths = (d: ReturnType<typeof discover>) => d.files.map((f) => f.path);
const reasons = (d: ReturnType<typeof discover>) => Object.fromEntries(d.skipped.map((s) => [s.path, s.reason]));

test('walks directories with the go command rules and .gitignore (nested, with negation)', () => {
  const root = layout();
  const d = discover(['./...'], { cwd: root });
  expect(paths(d)).toEqual(['a.go', 'sub/c.go', 'sub/deeper/d.go', 'sub/keep.gen.go']);
  expect(reasons(d)).toEqual({
    '.hidden': 'hidden',
    _under: 'hidden',
    '_file.go': 'hidden',
    ignored: 'gitignored',
    testdata: 'testdata',
    vendor: 'vendor',
    'sub/local.go': 'gitignored',
    'sub/x.gen.go': 'gitignored',
  });
  expect(d.errors).toEqual([]);
});

test('a subdirectory argument still honours the .gitignore files above it', () => {
  const root = layout();
  const d = discover(['sub/...'], { cwd: root });
  expect(paths(d)).toEqual(['sub/c.go', 'sub/deeper/d.go', 'sub/keep.gen.go']);
});

test('--include-vendor, --include-testdata and --no-gitignore', () => {
  const root = layout();
  const d = discover(['.'], { cwd: root, includeVendor: true, includeTestdata: true, gitignore: false });
  expect(paths(d)).toEqual([
    'a.go',
    'ignored/e.go',
    'sub/c.go',
    'sub/deeper/d.go',
    'sub/keep.gen.go',
    'sub/local.go',
    'sub/x.gen.go',
    'testdata/t.go',
    'vendor/v/v.go',
  ]);
});

test('--exclude globs: names at any depth, or paths', () => {
  const root = layout();
  expect(paths(discover(['.'], { cwd: root, exclude: ['deeper'] }))).toEqual(['a.go', 'sub/c.go', 'sub/keep.gen.go']);
  expect(paths(discover(['.'], { cwd: root, exclude: ['sub/*.go'] }))).toEqual(['a.go', 'sub/deeper/d.go']);
  expect(paths(discover(['.'], { cwd: root, exclude: ['**/c.go'] }))).toEqual(['a.go', 'sub/deeper/d.go', 'sub/keep.gen.go']);
});

test('a path above the current directory: paths stay relative to it, and --exclude sees them so', () => {
  const root = tmpTree({ 'b/x.go': pkg, 'b/sub/z.go': pkg, 'c/y.go': pkg });
  const r = discover(['..'], { cwd: join(root, 'b'), exclude: ['sub/**'] });
  expect(r.files.map((f) => f.path)).toEqual(['../c/y.go', 'x.go']);
  expect(r.skipped).toEqual([{ path: 'sub', reason: 'excluded' }]);
  const deeper = discover(['../..'], { cwd: join(root, 'b', 'sub') });
  expect(deeper.files.map((f) => f.path)).toEqual(['../../c/y.go', '../x.go', 'z.go']);
});

test('file arguments, duplicates and overlapping arguments give one sorted list', () => {
  const root = layout();
  const d = discover(['sub/c.go', '.', 'a.go', 'sub', 'vendor/v/v.go'], { cwd: root });
  // A file named explicitly is processed even inside vendor/.
  expect(paths(d)).toEqual(['a.go', 'sub/c.go', 'sub/deeper/d.go', 'sub/keep.gen.go', 'vendor/v/v.go']);
});

test('missing paths and non-Go files are errors, not crashes', () => {
  const root = layout();
  const d = discover(['nope', 'b.txt'], { cwd: root });
  expect(d.errors).toEqual([
    { path: 'nope', message: 'no such file or directory' },
    { path: 'b.txt', message: 'not a Go file' },
  ]);
});

test('symlinks are never followed nor written through; a symlink loop is harmless', () => {
  const root = tmpTree({ 'real/r.go': pkg, 'a.go': pkg });
  symlinkSync(join(root, 'real'), join(root, 'linkdir'));
  symlinkSync(join(root, 'a.go'), join(root, 'link.go'));
  mkdirSync(join(root, 'loop'));
  symlinkSync(join(root, 'loop'), join(root, 'loop', 'self'));
  const d = discover(['./...'], { cwd: root });
  expect(paths(d)).toEqual(['a.go', 'real/r.go']);
  expect(reasons(d)).toEqual({ linkdir: 'symlink', 'link.go': 'symlink', 'loop/self': 'symlink' });
  expect(reasons(discover(['link.go'], { cwd: root }))).toEqual({ 'link.go': 'symlink' });
});
