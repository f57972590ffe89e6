#!/usr/bin/env node
// Copies the Go grammar WASM from the pinned tree-sitter-go devDependency into grammars/
// and records where it came from. The runtime only ever loads grammars/, so changing the
// grammar is a deliberate step that shows up in review as a new hash in PROVENANCE.json.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgJson = require.resolve('tree-sitter-go/package.json');
const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
const wasm = readFileSync(join(dirname(pkgJson), 'tree-sitter-go.wasm'));
const sha256 = createHash('sha256').update(wasm).digest('hex');
writeFileSync(join(root, 'grammars', 'tree-sitter-go.wasm'), wasm);
const provenance = {
  file: 'tree-sitter-go.wasm',
  package: pkg.name,
  version: pkg.version,
  source: `https://registry.npmjs.org/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz (file tree-sitter-go.wasm)`,
  sha256,
  abi: 15,
  loadedBy: 'web-tree-sitter ~0.27',
};
writeFileSync(join(root, 'grammars', 'PROVENANCE.json'), JSON.stringify(provenance, null, 2) + '\n');
console.log(`grammars/tree-sitter-go.wasm <- ${pkg.name}@${pkg.version} sha256 ${sha256}`);
