#!/usr/bin/env node
// npm run test:grammar (and the first step of npm run test:corpus)
//
// Our Go grammar (grammars/tree-sitter-go.wasm) against the Go toolchain's own source, with the
// npm package tree-sitter-go 0.25.0 ("upstream", the pinned devDependency) as the reference:
//
//   errors     no file has an ERROR or MISSING node: every .go file of $(go env GOROOT)/src
//              outside testdata/ (vendor/ and `_` directories included), and every file of
//              $(go env GOROOT)/test that the Go test runner compiles (a `// run`, `// compile`,
//              `// build`, `// runoutput` header), except the EXCEPTIONS below
//   same trees a GOROOT/src file's tree is upstream's, S-expression for S-expression, unless the
//              file calls new or make with an expression where upstream wants a type (Go 1.26
//              new(expr), or a local func named make). Then each such argument is blanked to `_`
//              (same length, newlines kept) and the two grammars must give the same tree for
//              the rest of the file.
//
// Takes about 100 s on 2 busy cores (GOROOT/src is parsed twice). Exit status 0 when all holds.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Language, Parser } = await import(require.resolve('web-tree-sitter'));

/**
 * Files Go accepts that our grammar still rejects, relative to GOROOT: path -> construct and reason.
 * Empty: none on Go 1.26. (Known, not in these corpora: an empty statement followed by more
 * statements on one line, `L: ; x()` or `x();; y()`, which gofmt never writes.)
 */
const EXCEPTIONS = {};

/** Node types of a type where new and make want one: an argument of another type is an expression. */
const TYPE_NODES = new Set([
  'type_identifier', 'qualified_type', 'generic_type', 'pointer_type', 'struct_type', 'interface_type',
  'array_type', 'implicit_length_array_type', 'slice_type', 'map_type', 'channel_type', 'function_type',
  'negated_type', 'parenthesized_type',
]);

const started = performance.now();
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();

function walk(dir, keep, out = []) {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name !== 'testdata') walk(path, keep, out);
    } else if (ent.isFile() && ent.name.endsWith('.go') && keep(path)) {
      out.push(path);
    }
  }
  return out;
}

const COMPILED = /^\/\/ (run|compile|build|runoutput)\b/;
const srcFiles = walk(join(goroot, 'src'), () => true);
const testFiles = walk(join(goroot, 'test'), (path) => COMPILED.test(readFileSync(path, 'utf8')));

await Parser.init();
const load = async (path) => {
  const parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(path)));
  return parser;
};
const ours = await load(join(root, 'grammars', 'tree-sitter-go.wasm'));
const upstream = await load(join(dirname(require.resolve('tree-sitter-go/package.json')), 'tree-sitter-go.wasm'));

/** Parses, gives fn the tree, always deletes it. */
function withTree(parser, source, fn) {
  const tree = parser.parse(source);
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}

/** First ERROR or MISSING node as `line:col what`. */
function firstError(node) {
  if (node.isError || node.isMissing) {
    return `${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `MISSING ${node.type}` : 'ERROR'}`;
  }
  for (const child of node.children) {
    if (child.hasError || child.isMissing) return firstError(child);
  }
  return `${node.startPosition.row + 1}:${node.startPosition.column + 1} error inside ${node.type}`;
}

/** [start, end) of each first argument of new/make that is not a type (UTF-16 indices). */
function expressionArguments(tree) {
  const out = [];
  for (const call of tree.rootNode.descendantsOfType('call_expression')) {
    let fn = call.childForFieldName('function');
    while (fn?.type === 'parenthesized_expression') fn = fn.namedChildren[0];
    if (fn?.type !== 'identifier' || (fn.text !== 'new' && fn.text !== 'make')) continue;
    const first = call.childForFieldName('arguments')?.namedChildren.find((n) => n.type !== 'comment');
    if (first && !TYPE_NODES.has(first.type)) out.push([first.startIndex, first.endIndex]);
  }
  return out;
}

/** The source with each range blanked to `_` and spaces, newlines kept, so positions stay. */
function blank(source, ranges) {
  let out = source;
  for (const [start, end] of ranges) {
    const text = out.slice(start, end).replace(/[^\n]/g, ' ');
    out = out.slice(0, start) + '_' + text.slice(1) + out.slice(end);
  }
  return out;
}

const failures = [];
const exceptionsSeen = new Set();
const differing = [];
/** Parses with our grammar, records a syntax error, and returns fn(tree). */
function ourTree(path, source, fn) {
  return withTree(ours, source, (tree) => {
    const rel = relative(goroot, path);
    if (tree.rootNode.hasError) {
      if (EXCEPTIONS[rel]) exceptionsSeen.add(rel);
      else failures.push(`${rel}: ${firstError(tree.rootNode)}`);
    }
    return fn(tree);
  });
}

for (const path of srcFiles) {
  const source = readFileSync(path, 'utf8');
  const sexp = ourTree(path, source, (t) => t.rootNode.toString());
  if (sexp === withTree(upstream, source, (t) => t.rootNode.toString())) continue;
  const rel = relative(goroot, path);
  differing.push(rel);
  const args = withTree(ours, source, expressionArguments);
  if (!args.length) {
    failures.push(`${rel}: tree differs from upstream's, and the file has no new/make(expr)`);
    continue;
  }
  const blanked = blank(source, args);
  const [a, b] = [ours, upstream].map((p) => withTree(p, blanked, (t) => t.rootNode.toString()));
  if (a !== b) failures.push(`${rel}: with its new/make(expr) arguments blanked, the tree still differs from upstream's`);
}
for (const path of testFiles) ourTree(path, readFileSync(path, 'utf8'), () => {});
for (const rel of Object.keys(EXCEPTIONS)) {
  if (!exceptionsSeen.has(rel)) failures.push(`${rel}: listed in EXCEPTIONS but parses without errors now: remove it`);
}
ours.delete();
upstream.delete();

const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `grammar corpus: ${srcFiles.length} files of GOROOT/src (trees differ in ${differing.length}: ` +
    `${differing.slice(0, 5).join(', ')}${differing.length > 5 ? ', ...' : ''}) and ` +
    `${testFiles.length} compiled files of GOROOT/test, ${Object.keys(EXCEPTIONS).length} exceptions, ${secs} s`,
);
if (failures.length) {
  console.error(`${failures.length} failures:\n  ${failures.slice(0, 50).join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('no syntax errors; trees identical to upstream outside new/make(expr)');
}
