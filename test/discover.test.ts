import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover, type DiscoverOptions } from '../src/run/discover.js';
import { StatIndex } from '../src/run/stat-index.js';
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

describe('the listing cache (warm runs list only directories that changed)', () => {
  const pastRacyWindow = () => new Promise((r) => setTimeout(r, 2100));

  /** A StatIndex in a fresh cache directory, and a view that counts what it served. */
  function counted(index: StatIndex) {
    const served: string[] = [];
    const listings = {
      get: (dir: string) => {
        const hit = index.get(dir);
        if (hit) served.push(dir);
        return hit;
      },
      put: index.put.bind(index),
    };
    return { listings, served };
  }

  test('same files and skips as a fresh walk; an added file, a changed .gitignore, other options and a retargeted symlink are seen', async () => {
    const root = layout();
    writeFileSync(join(root, 'target'), 'a file for now');
    symlinkSync(join(root, 'target'), join(root, 'sub', 'link'));
    await pastRacyWindow();
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-listings-'));
    const fresh = (opts: Partial<DiscoverOptions> = {}) => discover(['./...'], { cwd: root, ...opts });
    const first = StatIndex.open(cache, root, [root]);
    expect(fresh({ listings: first })).toEqual(fresh());
    first.save(true);

    const warm = (opts: Partial<DiscoverOptions> = {}) => {
      const { listings, served } = counted(StatIndex.open(cache, root, [root]));
      return { d: discover(['./...'], { cwd: root, listings, ...opts }), served };
    };
    const again = warm();
    expect(again.d).toEqual(fresh());
    expect(again.served.sort()).toEqual([root, join(root, 'sub'), join(root, 'sub', 'deeper')]);

    // A new file changes its directory's mtime: that directory is listed again.
    writeFileSync(join(root, 'sub', 'deeper', 'new.go'), pkg);
    const added = warm();
    expect(paths(added.d)).toContain('sub/deeper/new.go');
    expect(added.served).not.toContain(join(root, 'sub', 'deeper'));
    expect(added.d).toEqual(fresh());

    // A .gitignore edited in place changes no directory's mtime, yet every verdict below it may change.
    writeFileSync(join(root, 'sub', '.gitignore'), 'c.go\n');
    const reignored = warm();
    expect(paths(reignored.d)).not.toContain('sub/c.go');
    expect(paths(reignored.d)).toContain('sub/local.go');
    expect(reignored.d).toEqual(fresh());

    // Other settings, other judgements.
    expect(warm({ includeVendor: true, exclude: ['deeper'] }).d).toEqual(fresh({ includeVendor: true, exclude: ['deeper'] }));

    // A symlink's target can change while its directory stays the same.
    expect(reasons(warm().d)['sub/link']).toBeUndefined(); // a link to a file that is not a .go name: not reported
    rmSync(join(root, 'target'));
    mkdirSync(join(root, 'target'));
    const retargeted = warm();
    expect(retargeted.served).toContain(join(root, 'sub'));
    expect(reasons(retargeted.d)['sub/link']).toBe('symlink');
  });

  test('a damaged listing is no listing', async () => {
    const root = layout();
    await pastRacyWindow();
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-listings-'));
    const index = StatIndex.open(cache, root, [root]);
    discover(['./...'], { cwd: root, listings: index });
    index.save(true);
    const file = join(cache, 'stat-v5', readdirSync(join(cache, 'stat-v5'))[0]);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of Object.values(stored.dirs) as unknown[][]) (entry[5] as { steps: unknown[] }).steps.push(['f']);
    writeFileSync(file, JSON.stringify(stored));
    const { listings, served } = counted(StatIndex.open(cache, root, [root]));
    expect(discover(['./...'], { cwd: root, listings })).toEqual(discover(['./...'], { cwd: root }));
    expect(served).toEqual([]);
  });
});
