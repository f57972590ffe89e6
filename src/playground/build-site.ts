/**
 * Builds the playground page as a static site: index.html, app.js (the page and the engine,
 * bundled for browsers by esbuild), app.css, and the three WASM modules it fetches (the
 * tree-sitter runtime, our Go grammar, gofmt). `npm run build` writes it to dist/playground;
 * `npm run build:playground -- --out DIR` anywhere else (any static host serves it).
 *
 * The page runs the engine's own modules. Two substitutions make the bundle a browser's:
 * the toolkit's `loadGoParser` (src/go/parser.ts reads the grammar with node:fs) becomes the
 * page's, which fetches it, as a package's `browser` field would map it; and the Node
 * branch of web-tree-sitter (dynamic imports of fs/promises and module, taken only when
 * `process.versions.node` exists) gets empty modules, as bundlers do for Emscripten output.
 * Any other import of a Node built-in fails the build (test/playground-bundle.test.ts).
 *
 * Run from a checkout: the page's sources (src/playground/page) are not in the npm package.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../package-root.js';
import { wasmSources } from './site-files.js';

export interface PageBundle {
  js: string;
  css: string;
  html: string;
  /** esbuild's metafile: every input and what it imports. */
  metafile: import('esbuild').Metafile;
}

const NODE_BRANCH_OF_WEB_TREE_SITTER = /^(fs|fs\/promises|module|path|url)$/;

/** Bundles the page (minified, in memory). */
export async function bundlePage(): Promise<PageBundle> {
  const esbuild = await import('esbuild');
  const root = packageRoot();
  const pageDir = join(root, 'src', 'playground', 'page');
  const toolkitLoader = join(root, 'src', 'go', 'parser.ts');
  const browserPlugin: import('esbuild').Plugin = {
    name: 'gocodemod-browser',
    setup(build) {
      build.onResolve({ filter: /(^|\/)parser\.js$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        return target === toolkitLoader ? { path: join(pageDir, 'go-parser.ts') } : undefined;
      });
      build.onResolve({ filter: NODE_BRANCH_OF_WEB_TREE_SITTER }, (args) =>
        args.importer.includes(`${'/'}node_modules${'/'}web-tree-sitter${'/'}`) ? { path: args.path, namespace: 'web-tree-sitter-node-branch' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'web-tree-sitter-node-branch' }, () => ({ contents: 'export {};', loader: 'js' }));
    },
  };
  const common = { bundle: true, minify: true, write: false, logLevel: 'silent', absWorkingDir: root } as const;
  const js = await esbuild.build({
    ...common,
    entryPoints: [join(pageDir, 'main.ts')],
    outfile: 'app.js',
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    alias: { gocodemod: join(root, 'src', 'index.ts') },
    plugins: [browserPlugin],
    metafile: true,
    legalComments: 'none',
  });
  const css = await esbuild.build({ ...common, entryPoints: [join(pageDir, 'style.css')], outfile: 'app.css' });
  return {
    js: js.outputFiles[0].text,
    css: css.outputFiles[0].text,
    html: readFileSync(join(pageDir, 'index.html'), 'utf8'),
    metafile: js.metafile!,
  };
}

/** Writes the site to `outDir`. */
export async function buildSite(outDir: string): Promise<void> {
  const page = await bundlePage();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), page.html);
  writeFileSync(join(outDir, 'app.js'), page.js);
  writeFileSync(join(outDir, 'app.css'), page.css);
  for (const [name, from] of Object.entries(wasmSources())) copyFileSync(from, join(outDir, name));
}

// `node dist/src/playground/build-site.js [--out DIR]` (default: dist/playground).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(packageRoot(), 'dist', 'playground');
  buildSite(out).then(
    () => process.stdout.write(`playground written to ${out}\n`),
    (e: unknown) => {
      process.stderr.write(`build-site: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
