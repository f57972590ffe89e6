/**
 * Settings that vary by directory. The files of one run may fall under different
 * gocodemod.yaml files (src/config), each with its own codemods, options and paths: a scope
 * is the set of directories that share one. The runner asks for a directory's scope while
 * discovery walks (cheap and synchronous: what to skip), and once after discovery for what
 * the work needs of the scopes that hold files (asynchronous: loading codemod files).
 */
import type { LoadedCodemod } from '../engine/engine.js';

/** What discovery needs of a directory's settings: what to skip in it. */
export interface ScopeDiscovery {
  includeVendor: boolean;
  includeTestdata: boolean;
  /** Globs (picomatch; one without `/` matches a name at any depth), matched against paths relative to `base`, an absolute directory. */
  exclude: { base: string; globs: readonly string[] };
}

/** What the work on a scope's files needs. */
export interface ScopeWork {
  /** No codemods: the scope's files are skipped (reason `no codemod selected`). */
  codemods: LoadedCodemod[];
  includeGenerated: boolean;
  goVersion?: string;
  reportUnusedSuppressions: boolean;
}

export interface RunScopes {
  /**
   * The scope of the files directly in `dir` (absolute). Called for every directory discovery
   * enters, with names of its entries (which it has just listed, or remembers): all those
   * starting with `.git` or `gocodemod`, at least. Memoize.
   */
  of(dir: string, names?: ReadonlySet<string>): number;
  discovery(scope: number): ScopeDiscovery;
  /** Once, after discovery, with the scopes that hold files: what each one's work needs. */
  settle(scopes: readonly number[]): Promise<Map<number, ScopeWork>>;
}

/** One scope for every directory: the settings of a run without config files. */
export function singleScope(discovery: ScopeDiscovery, work: ScopeWork): RunScopes {
  return {
    of: () => 0,
    discovery: () => discovery,
    settle: async () => new Map([[0, work]]),
  };
}

/** The same scopes, each running only the codemods `keep` accepts (--output-dir's prefix runs). */
export function restrictCodemods(scopes: RunScopes, keep: (name: string) => boolean): RunScopes {
  return {
    of: (dir, names) => scopes.of(dir, names),
    discovery: (scope) => scopes.discovery(scope),
    settle: async (ids) => new Map([...(await scopes.settle(ids))].map(([id, work]) => [id, { ...work, codemods: work.codemods.filter((c) => keep(c.codemod.name)) }])),
  };
}
