/**
 * The Go parser of Node.js threads: web-tree-sitter initialised once per thread with the
 * grammar from grammars/ (src/go/parser-from-bytes.ts). Offsets in trees are UTF-16 string
 * indices (we always parse JS strings). Every tree must be deleted: without it the WASM heap
 * grows until it aborts at 2 GiB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { packageRoot } from '../package-root.js';
import { createGoParser, type GoParser } from './parser-from-bytes.js';

export type { GoParser } from './parser-from-bytes.js';

let ready: Promise<GoParser> | undefined;

export function grammarPath(): string {
  return join(packageRoot(), 'grammars', 'tree-sitter-go.wasm');
}

/** Initialises web-tree-sitter and loads the Go grammar, once per thread. */
export function loadGoParser(): Promise<GoParser> {
  // Bytes, not a path: web-tree-sitter's path loading uses fetch() in some hosts (and Jest).
  ready ??= (async () => createGoParser(readFileSync(grammarPath())))();
  return ready;
}

/** Parses, calls fn, and always deletes the tree. */
export async function withTree<T>(source: string, fn: (tree: Tree) => T): Promise<T> {
  const parser = await loadGoParser();
  const tree = parser.parse(source);
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}
