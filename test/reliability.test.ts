/**
 * Promises a hostile user tried and broke (issue 12), each reproduced as it was reported,
 * through the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

describe('a build constraint bounds a file\'s Go version', () => {
  test('//go:build !go1.18 in a go 1.20 module: interface-to-any leaves the file alone, as go fix does', async () => {
    const old = '//go:build !go1.18\n\npackage m\n\nfunc Old(x interface{}) interface{} { return x }\n';
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.20\n', 'old.go': old, 'new.go': 'package m\n\nvar New interface{}\n' });
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'old.go'), 'utf8')).toBe(old); // `go tool compile -lang=go1.17` rejects `any`
    expect(readFileSync(join(dir, 'new.go'), 'utf8')).toBe('package m\n\nvar New any\n');
    expect(r.stderr).toMatch(/skipped: interface-to-any: go version too old 1\n/);
  });
});
