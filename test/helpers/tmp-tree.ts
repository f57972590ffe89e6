/** Temporary directory trees for tests: `{ 'a/b.go': 'package b\n' }`. */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

export function tmpTree(files: Record<string, string | Buffer>): string {
  // realpath: on some systems tmpdir is behind a symlink, and paths are compared literally.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'gocodemod-test-')));
  made.push(root);
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string | Buffer>) {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

export function cleanupTmpTrees() {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A fresh copy of the repository's examples/ in a temporary directory (returned). */
export function copyExamples(): string {
  const dir = tmpTree({});
  cpSync(join(import.meta.dirname, '..', '..', 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}
