/**
 * The command line's side of config files: building the run's scopes from the flags
 * (src/config/scopes.ts), and `gocodemod config [path]`, which prints which gocodemod.yaml
 * applies to a path and the settings that result.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigArgs, ConfigChoice, RunArgs } from './args.js';
import type { Codemod } from '../go/codemod.js';
import { ConfigScopes, type CommandLineSettings, type ConfigMode, type ResolvedScope } from '../config/scopes.js';
import { UsageError } from '../registry/options.js';
import { bundleDir, loadUserCodemod, type BundleDir, type UserCodemod } from '../registry/user-codemods.js';
import { displayPath } from '../run/discover.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

const require = createRequire(import.meta.url);

/** A bundle directory made on first use: most runs load no codemod file. */
export function lazyBundles(cacheDir: string | undefined): { path(): string; dispose(): void } {
  let dir: BundleDir | undefined;
  return {
    path: () => (dir ??= bundleDir(cacheDir)).path,
    dispose: () => dir?.dispose(),
  };
}

function configMode(choice: ConfigChoice, cwd: string): ConfigMode {
  if (choice === 'none') return { kind: 'none' };
  if (choice === undefined) return { kind: 'discover' };
  const path = resolve(cwd, choice.file);
  if (!existsSync(path)) throw new UsageError(`--config ${choice.file}: no such file`);
  return { kind: 'file', path };
}

export interface ScopesInput {
  io: { cwd: string; stderr: { write(s: string): unknown } };
  builtins: readonly AnyCodemod[];
  bundles: { path(): string };
  /** The paths the run walks (absolute). */
  roots: readonly string[];
}

function scopesFor(choice: ConfigChoice, cli: CommandLineSettings, input: ScopesInput): ConfigScopes {
  const { io } = input;
  const loaded = new Map<string, Promise<UserCodemod>>();
  const rules = new Map<string, Promise<UserCodemod[]>>();
  return new ConfigScopes(
    configMode(choice, io.cwd),
    cli,
    {
      cwd: io.cwd,
      builtins: input.builtins,
      loadCodemodFile: (abs) => {
        let u = loaded.get(abs);
        if (!u) loaded.set(abs, (u = loadUserCodemod(abs, { cwd: io.cwd, outDir: input.bundles.path() })));
        return u;
      },
      loadRuleFiles: (abs) => {
        const key = abs.join('\0');
        let u = rules.get(key);
        if (!u) {
          u = import('../rules/load.js').then(({ loadRules }) => loadRules(abs, { cwd: io.cwd, outDir: input.bundles.path(), taken: input.builtins }));
          rules.set(key, u);
        }
        return u;
      },
      note: (message) => io.stderr.write(`gocodemod: note: ${message}\n`),
    },
    input.roots,
  );
}

/** The scopes of a run: the flags of `a` over each directory's config file. */
export function runScopes(a: RunArgs, selection: AnyCodemod[] | undefined, files: readonly UserCodemod[], input: ScopesInput): ConfigScopes {
  const cli: CommandLineSettings = { selection, files, o: a.o };
  if (a.all !== undefined) cli.all = a.all;
  if (a.exclude.length) cli.exclude = a.exclude;
  if (a.includeVendor !== undefined) cli.includeVendor = a.includeVendor;
  if (a.includeTestdata !== undefined) cli.includeTestdata = a.includeTestdata;
  if (a.includeGenerated !== undefined) cli.includeGenerated = a.includeGenerated;
  if (a.reportUnusedSuppressions !== undefined) cli.reportUnusedSuppressions = a.reportUnusedSuppressions;
  if (a.go !== undefined) cli.go = a.go;
  return scopesFor(a.config, cli, input);
}

/** `gocodemod config [path]`: the file that applies to the path, and its settings as `run` with no flags uses them. */
export async function configCommand(a: ConfigArgs, io: ScopesInput['io'] & { stdout: { write(s: string): unknown } }, builtins: readonly AnyCodemod[]): Promise<number> {
  const abs = resolve(io.cwd, a.path);
  if (!existsSync(abs)) throw new UsageError(`${a.path}: no such file or directory`);
  // Like `list`, nothing outlives the command: codemod files are bundled to a temporary directory.
  const bundles = lazyBundles(undefined);
  try {
    const scopes = scopesFor(a.config, { files: [], o: [] }, { io, builtins, bundles, roots: [abs] });
    const resolved = await scopes.resolve(scopes.rootScopes()[0]);
    const view = settingsView(resolved, io.cwd);
    if (a.json) io.stdout.write(JSON.stringify(view, null, 2) + '\n');
    else {
      const yaml = require('yaml') as typeof import('yaml');
      const from = resolved.config ? resolved.config.shown : a.config === 'none' ? 'none (--no-config)' : 'none found (defaults)';
      io.stdout.write(`# settings for ${displayPath(abs, io.cwd)}, from ${from}\n` + yaml.stringify(view, { lineWidth: 0 }));
    }
    return 0;
  } finally {
    bundles.dispose();
  }
}

/** The settings as a user reads them: paths relative to the current directory, options with their defaults. */
function settingsView(r: ResolvedScope, cwd: string): Record<string, unknown> {
  const shown = (p: string) => displayPath(p, cwd);
  return {
    config: r.config ? r.config.shown : null,
    codemods: r.work.codemods.map((c) => c.codemod.name),
    options: Object.fromEntries(r.work.codemods.map((c) => [c.codemod.name, { ...(c.codemod.defaultOptions ?? {}), ...c.options }])),
    exclude: [...r.discovery.exclude.globs],
    'exclude-relative-to': shown(r.discovery.exclude.base),
    'include-vendor': r.discovery.includeVendor,
    'include-testdata': r.discovery.includeTestdata,
    'include-generated': r.work.includeGenerated,
    'report-unused-suppressions': r.work.reportUnusedSuppressions,
    'codemod-files': r.codemodFiles.map(shown),
    go: r.work.goVersion ?? null,
    rules: r.rules.map(shown),
    presets: r.presets,
  };
}
