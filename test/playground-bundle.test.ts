/**
 * The playground page's bundle (src/playground/build-site.ts) is the engine's own code, and
 * holds no import of a Node.js built-in: the engine modules import none, the toolkit's Node
 * loader of the parser is replaced by the page's, and web-tree-sitter's Node branch (never
 * taken in a browser) gets empty modules.
 */
import { builtinModules } from 'node:module';
import { bundlePage } from '../src/playground/build-site.js';

const nodeBuiltin = (path: string) => path.startsWith('node:') || builtinModules.includes(path) || builtinModules.includes(path.split('/')[0]);

let page: Awaited<ReturnType<typeof bundlePage>>;
beforeAll(async () => {
  page = await bundlePage();
});

test('no module in the bundle imports a Node.js built-in, except web-tree-sitter, whose Node branch gets empty modules', () => {
  const offenders: string[] = [];
  for (const [file, input] of Object.entries(page.metafile.inputs)) {
    for (const imp of input.imports) {
      if (!nodeBuiltin(imp.original ?? imp.path)) continue;
      const stubbed = file === 'node_modules/web-tree-sitter/web-tree-sitter.js' && imp.path.startsWith('web-tree-sitter-node-branch:');
      if (!stubbed) offenders.push(`${file} imports ${imp.original ?? imp.path}`);
    }
    if (file.startsWith('web-tree-sitter-node-branch:')) expect(input.bytes).toBeLessThan(20);
  }
  expect(offenders).toEqual([]);
  // Nor does the output name one in an import or require, but for web-tree-sitter's
  // `require("fs")`, `require("path")` and `require("url")` right after
  // `if (ENVIRONMENT_IS_NODE) {` (its require is made with createRequire there, never in a browser).
  const named = [...page.js.matchAll(/(from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[a-z_/]+|fs|path|url|module|os|crypto|child_process|worker_threads|async_hooks|util)["'/]/g)];
  const branches = [...page.js.matchAll(/if\s*\(\s*ENVIRONMENT_IS_NODE\s*\)\s*\{/g)].map((m) => m.index);
  const outsideNodeBranch = named.filter((m) => !branches.some((b) => b < m.index && m.index - b < 200));
  expect(outsideNodeBranch.map((m) => page.js.slice(Math.max(0, m.index - 60), m.index + 30))).toEqual([]);
});

test("the bundle runs the engine's own modules, not a second implementation, and none of Node's entries", () => {
  const inputs = Object.keys(page.metafile.inputs);
  for (const engine of ['src/engine/unit-run.ts', 'src/engine/edits.ts', 'src/engine/round-trees.ts', 'src/engine/codemod-call.ts', 'src/engine/gofmt-wasm.ts', 'src/go/parser-from-bytes.ts', 'src/rules/compile.ts', 'src/output/unified-diff.ts']) {
    expect(inputs).toContain(engine);
  }
  for (const codemod of ['go-directive-bump', 'interface-to-any', 'inline-generic-constraints', 'sliceheader-to-unsafe-slice', 'unsafe-slice-to-sliceheader']) {
    expect(inputs).toContain(`codemods/${codemod}/index.ts`);
  }
  for (const nodeOnly of ['src/engine/engine.ts', 'src/engine/node-guard.ts', 'src/engine/gofmt.ts', 'src/engine/crash.ts', 'src/go/parser.ts', 'src/package-root.ts', 'src/rules/load.ts', 'src/run/runner.ts']) {
    expect(inputs).not.toContain(nodeOnly);
  }
});
