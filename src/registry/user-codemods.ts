/**
 * Codemods from the user's own files (`--codemod FILE`): a .ts, .mts, .js or .mjs module
 * whose default export is a codemod. The file is bundled by esbuild into one ESM file, with
 * every local file it imports (so its hash covers them all) and `import ... from
 * 'gocodemod'` pointed at this very package (see `gocodemodEntry`), so the user installs
 * nothing. The bundle is
 * written under a content-addressed name and imported by its file URL, which is all a
 * worker thread needs to load the same codemod. What is loaded is validated once, with
 * usage errors that name the file.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makeDirs } from '../run/safe-fs.js';
import { tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { UsageError } from './options.js';
import { displayFile as displayPath } from '../output/paths.js';
import { codemodProblem, queryProblemOf } from './check-codemod.js';
import { describeCrash } from '../engine/crash.js';
import { crashLines } from '../output/crash-report.js';
import { mappedSources } from './source-map.js';
import { packageRoot } from '../package-root.js';
import type { Codemod } from '../go/codemod.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export const USER_CODEMOD_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** A codemod loaded from a user's file, ready to become a `LoadedCodemod`. */
export interface UserCodemod {
  codemod: AnyCodemod;
  /** The user's file, absolute. */
  file: string;
  /**
   * `module`: the file URL of the bundle (a worker thread imports it to get the same
   * codemod); `hash`: sha256 (hex) of the bundle text, which covers the file and every
   * local file it imports.
   */
  origin: { module: string; hash: string };
}

/** Where bundles are written; `dispose` removes it when it is a private temporary one. */
export interface BundleDir {
  path: string;
  /** True when `path` is a temporary directory that `dispose` removes. */
  temporary: boolean;
  dispose(): void;
}

/**
 * `<cacheDir>/codemods` when a cache directory is given and writable; otherwise (no cache,
 * or one that cannot be written, like the result cache, which then only costs speed) a
 * private temporary directory, removed by `dispose` once the command is over.
 */
export function bundleDir(cacheDir: string | undefined): BundleDir {
  if (cacheDir !== undefined) {
    const dir = join(cacheDir, 'codemods');
    try {
      makeDirs(dir);
      accessSync(dir, constants.W_OK);
      return { path: dir, temporary: false, dispose: () => {} };
    } catch {
      /* fall through to a temporary directory */
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'gocodemod-codemods-'));
  return { path: dir, temporary: true, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LoadOptions {
  /** Paths are resolved against it and printed relative to it. */
  cwd: string;
  /** The directory the bundle is written to (see `bundleDir`). */
  outDir: string;
}

/**
 * Loads one user codemod: bundle, write `<outDir>/<sha256>.mjs`, import, validate.
 * Every failure is a UsageError naming the file.
 */
export async function loadUserCodemod(file: string, opts: LoadOptions): Promise<UserCodemod> {
  const abs = resolve(opts.cwd, file);
  const shown = displayPath(abs, opts.cwd);
  const fail = (message: string): never => {
    throw new UsageError(`--codemod ${shown}: ${message}`);
  };
  if (!existsSync(abs)) fail('no such file');
  if (!statSync(abs).isFile()) fail('not a file');
  const ext = extname(abs);
  if (!(USER_CODEMOD_EXTENSIONS as readonly string[]).includes(ext)) fail(`expected a ${USER_CODEMOD_EXTENSIONS.join(', ')} file`);

  const text = await bundle(abs, opts.cwd, fail);
  const hash = createHash('sha256').update(text).digest('hex');
  const out = join(opts.outDir, `${hash}.mjs`);
  writeBundle(out, text);
  const module = pathToFileURL(out).href;

  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(module)) as Record<string, unknown>;
  } catch (e) {
    return fail(`failed while loading: ${crashLines(describeCrash(e, module), opts.cwd).join('\n    ')}`);
  }
  if (!('default' in namespace) || namespace.default === undefined) {
    fail("no default export; write `export default defineCodemod({ ... })` with defineCodemod from 'gocodemod'");
  }
  const problem = codemodProblem(namespace.default);
  if (problem) fail(`the default export is not a codemod: ${problem}`);
  const codemod = namespace.default as AnyCodemod;
  const sources = mappedSources(out).sort((a, b) => (a.path === abs ? -1 : b.path === abs ? 1 : 0));
  const queryProblem = await queryProblemOf(codemod, { file: abs, sources }, opts.cwd);
  if (queryProblem) throw new UsageError(queryProblem);
  return { codemod, file: abs, origin: { module, hash } };
}

/**
 * Loads every file in order and checks that no name is taken twice: by a built-in (`taken`)
 * or by another file of the list.
 */
export async function loadUserCodemods(files: readonly string[], opts: LoadOptions & { taken: readonly AnyCodemod[] }): Promise<UserCodemod[]> {
  const out: UserCodemod[] = [];
  const builtin = new Set(opts.taken.map((c) => c.name));
  for (const file of files) {
    const u = await loadUserCodemod(file, opts);
    const name = u.codemod.name;
    const shown = displayPath(u.file, opts.cwd);
    if (builtin.has(name)) throw new UsageError(`--codemod ${shown}: the name '${name}' is the name of a built-in codemod; choose another`);
    const twin = out.find((o) => o.codemod.name === name);
    if (twin) {
      const other = displayPath(twin.file, opts.cwd);
      throw new UsageError(
        twin.file === u.file ? `--codemod ${shown} is given twice` : `--codemod ${shown}: the name '${name}' is also the name of the codemod in ${other}`,
      );
    }
    out.push(u);
  }
  return out;
}

/**
 * The module that `import ... from 'gocodemod'` means: this package's own public entry,
 * as JavaScript that plain Node (a worker thread) can import. Beside this module when it is
 * compiled (dist/src/index.js, beside this module's folder); from dist/ when the sources run under a test runner, as the
 * runner's worker script does; src/index.ts only when there is no dist/ at all (then the
 * bundle loads in-process under the test runner, not in a worker).
 */
export function gocodemodEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), '..', 'index.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const built = join(packageRoot(), 'dist', 'src', 'index.js');
  return existsSync(built) ? built : join(dirname(here), '..', `index${extname(here)}`);
}

async function bundle(abs: string, cwd: string, fail: (message: string) => never): Promise<string> {
  const esbuild = await import('esbuild'); // loaded only when a --codemod is given
  const entry = pathToFileURL(gocodemodEntry()).href;
  const gocodemod: Plugin = {
    name: 'gocodemod',
    setup(build) {
      // External, by file URL: the bundle shares this package's modules, and a worker
      // thread can import it with no node_modules around it.
      build.onResolve({ filter: /^gocodemod$/ }, () => ({ path: entry, external: true }));
    },
  };
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [abs],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Paths in the bundle's comments are relative to the codemod's own directory, so the
      // same files give the same bundle (and hash) wherever gocodemod is run from.
      absWorkingDir: dirname(abs),
      // A map with the sources' text: a crash's stack is mapped back to the author's .ts
      // (src/engine/crash.ts), and a query that does not compile is found in it.
      sourcemap: 'external',
      sourcesContent: true,
      outfile: join(dirname(abs), '__gocodemod_bundle__.mjs'), // names the map's files; nothing is written
      external: ['node:*'],
      // A CommonJS package bundled into ESM may require() node built-ins.
      banner: { js: "import { createRequire as __gocodemodCreateRequire } from 'node:module';\nconst require = __gocodemodCreateRequire(import.meta.url);" },
      plugins: [gocodemod],
      logLevel: 'silent',
    });
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors?.length) return fail(`build failed: ${e instanceof Error ? e.message : String(e)}`);
    return fail(`build failed:\n${errors.map((m) => formatMessage(m, dirname(abs), cwd)).join('\n')}`);
  }
  const js = result.outputFiles?.find((f) => f.path.endsWith('.mjs'));
  const map = result.outputFiles?.find((f) => f.path.endsWith('.map'));
  if (!js || !map) return fail('build failed: esbuild produced no output');
  return js.text + inlineSourceMap(map.text, dirname(abs));
}

/**
 * The map as an inline comment, its sources as absolute file URLs: the bundle is imported
 * from the cache directory, far from the codemod, and is content-addressed, so the map
 * travels inside it (and its hash covers where the sources are).
 */
function inlineSourceMap(mapText: string, sourceDir: string): string {
  const payload = JSON.parse(mapText) as { sources: string[]; sourceRoot?: string };
  const base = pathToFileURL(sourceDir + sep).href;
  payload.sources = payload.sources.map((s) => new URL(s, base).href);
  delete payload.sourceRoot;
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(payload)).toString('base64')}\n`;
}

/** `path:line:col: error: text` (1-based line, 1-based byte column), as gocodemod prints positions. */
function formatMessage(m: Message, base: string, cwd: string): string {
  const text = m.pluginName ? `[${m.pluginName}] ${m.text}` : m.text;
  if (!m.location) return `error: ${text}`;
  const { file, line, column } = m.location;
  const where = file ? displayPath(isAbsolute(file) ? file : resolve(base, file), cwd) : '<input>';
  return `${where}:${line}:${column + 1}: error: ${text}`;
}

function writeBundle(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) return; // content-addressed: already there
  } catch {
    /* not there yet */
  }
  makeDirs(dirname(path));
  // Atomic: another gocodemod may import it at the same moment.
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

