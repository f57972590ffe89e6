/**
 * Codemod definitions checked once, when they are loaded, for built-ins and `--codemod`
 * files alike (ast-grep's rule: raw config is validated at load time, with errors that say
 * what is valid). A codemod that passes runs; one that does not is a usage error (exit 2)
 * before any file is read, instead of the same error once per file.
 *
 * `codemodProblem` checks the shape (synchronous, no parser); `queryProblemOf` compiles a
 * declared query and says where it breaks: in the author's file when the query is a string
 * literal there (src/registry/find-literal.ts), else at its line and column in the query.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayFile as display } from '../output/paths.js';
import type { Codemod } from '../go/codemod.js';
import { isValidGoVersion } from '../go/goversion.js';
import { loadGoParser } from '../go/parser.js';
import { packageRoot } from '../package-root.js';
import { findStringLiteral } from './find-literal.js';
import { lineColumn, queryProblem, queryProblemText } from './query-check.js';
import type { MappedSource } from './source-map.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

/** What is wrong with a value that should be a codemod, or undefined. */
export function codemodProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `expected an object, got ${value === null ? 'null' : typeof value}`;
  const c = value as Record<string, unknown>;
  if (typeof c.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.name)) {
    return `name must be a kebab-case string (lower-case letters, digits and single dashes, like 'my-codemod'), got ${shown(c.name)}`;
  }
  if (typeof c.description !== 'string' || c.description.trim() === '' || /[\r\n]/.test(c.description)) {
    return `description must be a one-line, non-empty string, got ${shown(c.description)}`;
  }
  if (typeof c.run !== 'function') return `run must be a function, got ${shown(c.run)}`;
  if (c.needles !== undefined) {
    if (!Array.isArray(c.needles)) return `needles must be an array of strings, got ${shown(c.needles)}`;
    const bad = c.needles.findIndex((n) => typeof n !== 'string' || n === '');
    // '' is in every file: as a needle it would silently turn the prefilter off.
    if (bad >= 0) return `needles must be non-empty strings, but needles[${bad}] is ${shown(c.needles[bad])}`;
  }
  if (c.scope !== undefined && c.scope !== 'file' && c.scope !== 'package') return `scope must be 'file' or 'package', got ${shown(c.scope)}`;
  const kinds = ['go', 'go.mod', 'go.work'];
  if (
    c.fileKinds !== undefined &&
    !(Array.isArray(c.fileKinds) && c.fileKinds.length > 0 && c.fileKinds.every((k) => kinds.includes(k as string)))
  ) {
    return `fileKinds must be a non-empty array of ${kinds.map((k) => `'${k}'`).join(', ')}`;
  }
  if (c.minGo !== undefined && !(typeof c.minGo === 'string' && isValidGoVersion(c.minGo))) {
    return `minGo must be a Go version like '1.22' or '1.21.3' (no 'go' prefix), got ${shown(c.minGo)}`;
  }
  if (c.query !== undefined && (typeof c.query !== 'string' || c.query.trim() === '')) {
    return `query must be a non-empty string (a tree-sitter query), got ${shown(c.query)}`;
  }
  if (c.explicitOnly !== undefined && typeof c.explicitOnly !== 'boolean') return 'explicitOnly must be a boolean';
  if (c.defaultOptions !== undefined) {
    const problem = optionsProblem(c.defaultOptions);
    if (problem) return problem;
  }
  if (c.validateOptions !== undefined && typeof c.validateOptions !== 'function') return 'validateOptions must be a function';
  if (c.cacheInputs !== undefined && typeof c.cacheInputs !== 'function' && !(Array.isArray(c.cacheInputs) && c.cacheInputs.every((p) => typeof p === 'string'))) {
    return `cacheInputs must be an array of paths (strings) or a function of the options that returns one, got ${shown(c.cacheInputs)}`;
  }
  if (c.cache !== undefined && typeof c.cache !== 'boolean') return `cache must be a boolean, got ${shown(c.cache)}`;
  return undefined;
}

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return v === undefined ? 'nothing' : typeof v;
}

/**
 * The option types `-o codemod.key=value` can give (src/registry/options.ts coerces to the
 * default's type): a default of another type could never be set, and its codemod would see a
 * string where it expects something else.
 */
function optionsProblem(defaults: unknown): string | undefined {
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) return `defaultOptions must be an object, got ${shown(defaults)}`;
  for (const [key, value] of Object.entries(defaults)) {
    const ok =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) {
      return `defaultOptions.${key} must be a string, a finite number, a boolean or an array of strings (what -o ${key}=... can set), got ${shown(value)}`;
    }
  }
  return undefined;
}

/** Where a codemod's code is, to find its query in: the files to search, the one to name. */
export interface CodemodSources {
  /** The codemod's own file (absolute), named when the query is not found in any source. */
  file: string;
  /** Its source files with their text (a bundle's map carries them), the codemod's own first. */
  sources: MappedSource[];
}

/**
 * Compiles the codemod's declared query (if any); the problem as one line, or undefined.
 * `path:line:col: ...` in the author's file when the query is a literal there; paths are
 * shown relative to `cwd`.
 */
export async function queryProblemOf(codemod: AnyCodemod, where: CodemodSources, cwd: string): Promise<string | undefined> {
  if (codemod.query === undefined) return undefined;
  const parser = await loadGoParser();
  const problem = queryProblem(parser, codemod.query);
  if (!problem) return undefined;
  const what = `codemod ${codemod.name}: its query does not compile: ${queryProblemText(problem)}`;
  if (problem.index !== undefined) {
    for (const s of where.sources) {
      const text = s.content ?? (existsSync(s.path) ? readFileSync(s.path, 'utf8') : undefined);
      const found = text === undefined ? undefined : findStringLiteral(text, codemod.query);
      if (!found || text === undefined) continue;
      const { line, column } = lineColumn(text, found.offsetOf(problem.index));
      return `${display(s.path, cwd)}:${line}:${column}: ${what}`;
    }
  }
  return `${display(where.file, cwd)}: ${what}`;
}

/**
 * The sources of a built-in: the files of codemods/<name>/ (its name is its folder's), as
 * TypeScript in a checkout, or as the compiled JavaScript an installed package ships.
 */
export function builtinSources(name: string): CodemodSources {
  const root = packageRoot();
  for (const [dir, ext] of [
    [join(root, 'codemods', name), '.ts'],
    [join(root, 'dist', 'codemods', name), '.js'],
  ] as const) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
      .sort((a, b) => (a === `index${ext}` ? -1 : b === `index${ext}` ? 1 : a < b ? -1 : 1))
      .map((f) => join(dir, f));
    return { file: files[0] ?? join(dir, `index${ext}`), sources: files.map((path) => ({ path, content: undefined })) };
  }
  return { file: join(root, 'codemods', name, 'index.ts'), sources: [] };
}

/**
 * Checks built-in codemods (or those a program hands to `main`) as `--codemod` files are
 * checked: a usage error message, or undefined. The parser is loaded only when one of them
 * declares a query.
 */
export async function builtinProblem(codemods: readonly AnyCodemod[], cwd: string): Promise<string | undefined> {
  for (const c of codemods) {
    const problem = codemodProblem(c);
    if (problem) return `built-in codemod ${typeof c?.name === 'string' ? `'${c.name}'` : '(unnamed)'}: ${problem}`;
  }
  for (const c of codemods) {
    const problem = await queryProblemOf(c, builtinSources(c.name), cwd);
    if (problem) return problem;
  }
  return undefined;
}
