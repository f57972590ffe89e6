/**
 * Access to the real Go toolchain for tests. Where `go` is missing, tests that need it are
 * skipped with a message, except under GOCODEMOD_REQUIRE_GO=1 (set by .ci/run): then missing
 * Go is a failure, so CI can never pass by skipping the compile checks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function haveGo(): boolean {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok && process.env.GOCODEMOD_REQUIRE_GO === '1') {
    throw new Error('GOCODEMOD_REQUIRE_GO=1 but the go command is not available');
  }
  if (!ok) console.warn('go command not found: skipping the checks that need the Go toolchain (gofmt, go vet)');
  return ok;
}

/** Files (relative to dir) that gofmt would change. */
export function gofmtList(dir: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const out = execFileSync('gofmt', ['-l', ...files], { cwd: dir, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

export function gofmtSource(source: string): string {
  return execFileSync('gofmt', [], { input: source, encoding: 'utf8' });
}

/** `go vet ./...` in a module: the package directories (relative, forward slashes) that fail. */
export function goVetFailures(moduleDir: string): { failed: Set<string>; output: string } {
  const r = spawnSync('go', ['vet', './...'], {
    cwd: moduleDir,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
  });
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  const failed = new Set<string>();
  for (const line of output.split('\n')) {
    // "dir/file.go:3:2: message" or "vet: dir/file.go:..." ; "# pkg/path" headers are ignored.
    const m = /^(?:vet: )?(?:\.\/)?([^\s:]+)\/[^/\s:]+\.go:\d+/.exec(line);
    if (m) failed.add(m[1]);
  }
  if (r.status !== 0 && failed.size === 0) failed.add('?'); // a failure we could not place
  return { failed, output };
}

/**
 * Every `every`-th .go file of $(go env GOROOT)/src outside testdata/, in a stable order:
 * a sample of real Go for tests (only where haveGo()).
 */
export function gorootSample(every: number): string[] {
  const root = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'testdata') walk(abs);
      } else if (e.isFile() && e.name.endsWith('.go')) all.push(abs);
    }
  };
  walk(root);
  return all.filter((_, i) => i % every === 0);
}
