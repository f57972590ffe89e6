/**
 * The WASM modules the playground page fetches from beside it: the tree-sitter runtime, our
 * Go grammar and gofmt. The static site holds copies (src/playground/build-site.ts); the
 * local server serves them from where the package has them installed (src/playground/server.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../package-root.js';

export const WASM_FILES = ['web-tree-sitter.wasm', 'tree-sitter-go.wasm', 'gofmt.wasm'] as const;

export type WasmFile = (typeof WASM_FILES)[number];

/** Where each WASM file of the site is installed. */
export function wasmSources(): Record<WasmFile, string> {
  const require = createRequire(join(packageRoot(), 'package.json'));
  return {
    'web-tree-sitter.wasm': join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'),
    'tree-sitter-go.wasm': join(packageRoot(), 'grammars', 'tree-sitter-go.wasm'),
    'gofmt.wasm': join(dirname(require.resolve('@wasm-fmt/gofmt')), 'gofmt.wasm'),
  };
}
