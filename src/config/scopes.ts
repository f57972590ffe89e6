/**
 * From config files and the command line to the settings of each directory of a run
 * (src/run/scopes.ts). A scope is one config file (or none): the directories whose nearest
 * gocodemod.yaml it is. Its settings are that file's keys, each replaced by the matching
 * command-line flag when one is given:
 *
 * - codemods / all / codemod-files: the command line's selection (codemod names, --all,
 *   --codemod) replaces all three when it selects anything; --no-all alone turns `all` off;
 * - options: per option, -o wins over the file;
 * - exclude (--exclude, relative to the current directory instead of the file's), go (--go),
 *   include-vendor / include-testdata / include-generated / report-unused-suppressions (the
 *   switches of the same names, --no-... included): the flag replaces the key.
 *
 * Files are read and checked against the schema when discovery first meets them; codemod
 * names and options (which need codemod-files loaded) when the run settles its scopes. Every
 * file that applies to a file of the run is checked whole, whichever of its keys the command
 * line replaces.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Codemod } from '../go/codemod.js';
import type { LoadedCodemod } from '../engine/engine.js';
import { compareGoVersions, isValidGoVersion } from '../go/goversion.js';
import { findPreset, PRESETS, type Preset } from '../registry/presets.js';
import { checkOptions, parseOptionItems, UsageError } from '../registry/options.js';
import type { UserCodemod } from '../registry/user-codemods.js';
import type { RunScopes, ScopeDiscovery, ScopeWork } from '../run/scopes.js';
import { ConfigFinder } from './find.js';
import { configError, keyName, readConfigFile, type ConfigFile, type KeyPath } from './load.js';
import { CONFIG_FILE_NAME } from './schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

const require = createRequire(import.meta.url);

/** What the command line says about the keys of a config file (undefined: not given). */
export interface CommandLineSettings {
  /** The codemods it selects (names, --all, --codemod), in run order; undefined when it selects none. */
  selection?: AnyCodemod[];
  /** --all=false / --no-all: turns off a config file's `all`. */
  all?: boolean;
  /** The codemods of --codemod files, with their origins. */
  files: readonly UserCodemod[];
  o: readonly string[];
  exclude?: readonly string[];
  includeVendor?: boolean;
  includeTestdata?: boolean;
  includeGenerated?: boolean;
  reportUnusedSuppressions?: boolean;
  go?: string;
}

/** discover: the nearest gocodemod.yaml of each directory; file: --config FILE for all; none: --no-config. */
export type ConfigMode = { kind: 'discover' } | { kind: 'file'; path: string } | { kind: 'none' };

export interface ConfigEnv {
  cwd: string;
  /** The built-in codemods. */
  builtins: readonly AnyCodemod[];
  /** Loads the codemod of a user's file (memoized by the caller: configs may share files). */
  loadCodemodFile(abs: string): Promise<UserCodemod>;
  /** Loads the rules of YAML rule files or folders (absolute), as codemods (memoized by the caller). */
  loadRuleFiles(abs: readonly string[]): Promise<UserCodemod[]>;
  /** A remark for stderr that does not stop the run. */
  note(message: string): void;
}

/** Everything a scope resolves to: what the run uses and `gocodemod config` prints. */
export interface ResolvedScope {
  config?: ConfigFile;
  discovery: ScopeDiscovery;
  work: ScopeWork;
  /** The files of `codemod-files`, absolute, in load order. */
  codemodFiles: string[];
  /** The rule files and folders of `rules`, absolute. */
  rules: string[];
  /** The presets of `presets` (their codemods and options join the file's selection). */
  presets: string[];
}

export class ConfigScopes implements RunScopes {
  private readonly finder = new ConfigFinder();
  private readonly ids = new Map<string | null, number>();
  private readonly configs: (ConfigFile | undefined)[] = [];
  private readonly resolved = new Map<number, Promise<ResolvedScope>>();
  private readonly roots: number[];
  private readonly fromFiles: UserCodemod[] = [];

  /**
   * `roots`: the path arguments (absolute). Their files are read now, so a broken config
   * file is reported before anything else; and a run whose command line names no codemod
   * is a usage error only when neither their scopes nor any scope with files selects one.
   */
  constructor(
    private readonly mode: ConfigMode,
    private readonly cli: CommandLineSettings,
    private readonly env: ConfigEnv,
    roots: readonly string[],
  ) {
    this.roots = roots.map((r) => this.of(startDir(r)));
  }

  of(dir: string, names?: ReadonlySet<string>): number {
    const path = this.mode.kind === 'discover' ? (this.finder.nearest(dir, names) ?? null) : this.mode.kind === 'file' ? this.mode.path : null;
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.configs.length;
      this.ids.set(path, id);
      this.configs.push(path === null ? undefined : readConfigFile(path, this.env.cwd));
    }
    return id;
  }

  /** The scopes of the path arguments, in their order. */
  rootScopes(): readonly number[] {
    return this.roots;
  }

  discovery(scope: number): ScopeDiscovery {
    const cfg = this.configs[scope];
    const raw = cfg?.raw ?? {};
    return {
      includeVendor: this.cli.includeVendor ?? raw['include-vendor'] ?? false,
      includeTestdata: this.cli.includeTestdata ?? raw['include-testdata'] ?? false,
      exclude: this.cli.exclude ? { base: this.env.cwd, globs: this.cli.exclude } : { base: cfg?.dir ?? this.env.cwd, globs: raw.exclude ?? [] },
    };
  }

  async settle(scopes: readonly number[]): Promise<Map<number, ScopeWork>> {
    const all = [...new Set([...scopes, ...this.roots])];
    // One after the other: when two files are broken, the same one is reported every time.
    const resolved: ResolvedScope[] = [];
    for (const s of all) resolved.push(await this.resolve(s));
    if (!this.cli.selection && resolved.every((r) => r.work.codemods.length === 0)) {
      const names = this.env.builtins.map((c) => c.name).join(', ');
      throw new UsageError(`name at least one codemod (or --all, or --codemod FILE), or list them in a ${CONFIG_FILE_NAME} (see docs/config.md); available: ${names}`);
    }
    // An -o for a codemod that no scope runs is a mistake, as without config files.
    const selected = [...new Map(resolved.flatMap((r) => r.work.codemods.map((c) => [c.codemod.name, c.codemod] as const))).values()];
    parseOptionItems(this.cli.o, selected);
    return new Map(scopes.map((s) => [s, resolved[all.indexOf(s)].work]));
  }

  /**
   * Every codemod some resolved scope runs, once each, in `list` order (built-ins, then
   * codemod files): what the review formats and --output-dir take as the run's codemods.
   */
  async codemodsUsed(): Promise<AnyCodemod[]> {
    const all = await Promise.all(this.resolved.values());
    const order = [...this.env.builtins, ...this.cli.files.map((u) => u.codemod), ...this.fromFiles.map((u) => u.codemod)];
    const used = [...new Set(all.flatMap((r) => r.work.codemods.map((c) => c.codemod)))];
    return used.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /** The codemods loaded from config files' `codemod-files`, with their files. */
  loadedFiles(): UserCodemod[] {
    return [...this.fromFiles];
  }

  /** A scope's settings, resolved once (codemod files loaded, names and options checked). */
  resolve(scope: number): Promise<ResolvedScope> {
    let r = this.resolved.get(scope);
    if (!r) this.resolved.set(scope, (r = this.compute(scope)));
    return r;
  }

  private async compute(scope: number): Promise<ResolvedScope> {
    const cfg = this.configs[scope];
    const raw = cfg?.raw ?? {};
    const rules = cfg ? this.ruleFiles(cfg) : [];
    const fromConfig = cfg ? [...(await this.configCodemods(cfg)), ...(await this.configRules(cfg, rules))] : [];
    const known = new Map<string, AnyCodemod>([...this.env.builtins, ...this.cli.files.map((u) => u.codemod), ...fromConfig.map((u) => u.codemod)].map((c) => [c.name, c]));
    const configOptions = cfg ? checkConfigCodemods(cfg, known) : new Map<string, Record<string, unknown>>();
    const presets = cfg ? configPresets(cfg) : [];
    const selected = this.cli.selection ?? (cfg ? configSelection(cfg, this.cli.all, this.env.builtins, fromConfig, presets) : []);
    // A preset's options (the go line it raises to) come first: the file's options, then -o, override them.
    const presetOptions = this.cli.selection ? new Map<string, Record<string, unknown>>() : presetOptionsOf(presets);
    const origins = new Map([...this.cli.files, ...fromConfig].map((u) => [u.codemod, u.origin]));
    const names = new Set(selected.map((c) => c.name));
    const cliOptions = parseOptionItems(
      this.cli.o.filter((item) => names.has(item.split('.')[0])),
      selected,
    );
    const codemods: LoadedCodemod[] = selected.map((codemod) => {
      const options = { ...presetOptions.get(codemod.name), ...configOptions.get(codemod.name), ...cliOptions.get(codemod.name) };
      checkOptions(codemod, options);
      const origin = origins.get(codemod);
      return origin ? { codemod, options, origin } : { codemod, options };
    });
    if (cfg && raw.go !== undefined && !isValidGoVersion(raw.go)) {
      throw configError(cfg, [{ line: cfg.line(['go']), message: `go: '${raw.go}' is not a Go version (forms: 1.22, 1.22.3, 1.23rc1)` }]);
    }
    return {
      config: cfg,
      discovery: this.discovery(scope),
      work: {
        codemods,
        includeGenerated: this.cli.includeGenerated ?? raw['include-generated'] ?? false,
        goVersion: this.cli.go ?? raw.go,
        reportUnusedSuppressions: this.cli.reportUnusedSuppressions ?? raw['report-unused-suppressions'] ?? false,
      },
      codemodFiles: fromConfig.filter((u) => !/\.ya?ml$/.test(u.file)).map((u) => u.file),
      rules,
      presets: raw.presets ?? [],
    };
  }

  /** The codemods of `codemod-files`: globs expanded (each must match), files loaded, names checked. */
  private async configCodemods(cfg: ConfigFile): Promise<UserCodemod[]> {
    const patterns = cfg.raw['codemod-files'] ?? [];
    if (!patterns.length) return [];
    const { globSync } = require('tinyglobby') as typeof import('tinyglobby');
    const out: UserCodemod[] = [];
    for (const [i, pattern] of patterns.entries()) {
      const at = (message: string) => configError(cfg, [{ line: cfg.line(['codemod-files', i]), message: `codemod-files[${i}]: ${message}` }]);
      const files = globSync(pattern, { cwd: cfg.dir, absolute: true, onlyFiles: true, expandDirectories: false }).map((f) => resolve(f)).sort();
      if (!files.length) throw at(`'${pattern}' matches no file (relative to ${cfg.shown.includes('/') ? dirname(cfg.shown) + '/' : 'this file\'s directory'})`);
      for (const file of files) {
        let u: UserCodemod;
        try {
          u = await this.env.loadCodemodFile(file);
        } catch (e) {
          if (e instanceof UsageError) throw at(e.message.replace(/^--codemod /, ''));
          throw e;
        }
        if (out.some((o) => o.file === u.file)) continue; // two globs may match one file
        const name = u.codemod.name;
        if (this.env.builtins.some((c) => c.name === name)) throw at(`the codemod of ${file} is named '${name}', the name of a built-in codemod; choose another`);
        const twin = out.find((o) => o.codemod.name === name) ?? this.cli.files.find((o) => o.codemod.name === name && o.file !== u.file);
        if (twin) throw at(`the codemods of ${twin.file} and ${u.file} are both named '${name}'`);
        out.push(u);
        this.fromFiles.push(u);
      }
    }
    return out;
  }

  /** The `rules` entries, absolute: each a rule file (.yaml, .yml) or a folder of them. */
  private ruleFiles(cfg: ConfigFile): string[] {
    return (cfg.raw.rules ?? []).map((r, i) => {
      const abs = resolve(cfg.dir, r);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st?.isDirectory() && !(st?.isFile() && /\.ya?ml$/.test(abs))) {
        throw configError(cfg, [{ line: cfg.line(['rules', i]), message: `rules[${i}]: '${r}' is neither a rule file (.yaml, .yml) nor a folder of them (relative to the config file's directory)` }]);
      }
      return abs;
    });
  }

  /** The rules of `rules`, as codemods; a rule file's own error names the rule file, this key's line says where it was listed. */
  private async configRules(cfg: ConfigFile, rules: string[]): Promise<UserCodemod[]> {
    if (!rules.length) return [];
    try {
      const out = await this.env.loadRuleFiles(rules);
      this.fromFiles.push(...out.filter((u) => !this.fromFiles.includes(u)));
      return out;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      throw new UsageError(`${e.message}\n  (listed in ${cfg.shown}:${cfg.line(['rules'], true)})`);
    }
  }
}

/** The directory whose config applies to a path argument: itself for a directory, else its parent. */
function startDir(abs: string): string {
  const p = abs.endsWith('/...') ? abs.slice(0, -4) || '/' : abs;
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ? p : dirname(p);
}

/**
 * The codemods a config file selects, in run order: the built-ins that `all` or `codemods`
 * names (both: an explicit-only codemod may be listed beside `all`), then every codemod of
 * its codemod-files.
 */
function configSelection(cfg: ConfigFile, cliAll: boolean | undefined, builtins: readonly AnyCodemod[], fromConfig: readonly UserCodemod[], presets: readonly Preset[]): AnyCodemod[] {
  const all = cliAll ?? cfg.raw.all ?? false;
  const names = [...(cfg.raw.codemods ?? []), ...presets.flatMap((p) => p.codemods)];
  return [...builtins.filter((c) => (all && !c.explicitOnly) || names.includes(c.name)), ...fromConfig.map((u) => u.codemod)];
}

/** The file's `presets` (the schema allows known names only), oldest Go first. */
function configPresets(cfg: ConfigFile): Preset[] {
  return (cfg.raw.presets ?? []).map((name, i) => {
    const preset = findPreset(name);
    if (!preset) throw configError(cfg, [{ line: cfg.line(['presets', i]), message: `presets[${i}]: no preset '${name}'; available: ${PRESETS.map((p) => p.name).join(', ')}` }]);
    return preset;
  }).sort((a, b) => compareGoVersions(a.go, b.go));
}

/** The options the presets set, per codemod; a newer preset's win (its go line is higher). */
function presetOptionsOf(presets: readonly Preset[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const p of presets) for (const [codemod, options] of Object.entries(p.options)) out.set(codemod, { ...out.get(codemod), ...options });
  return out;
}

/**
 * Checks `codemods` and `options` against the codemods the file can name (built-ins,
 * --codemod files, its codemod-files): unknown names, unknown options, option types (the
 * schema knows only the built-ins'), and each codemod's own check. Returns the options.
 */
function checkConfigCodemods(cfg: ConfigFile, known: ReadonlyMap<string, AnyCodemod>): Map<string, Record<string, unknown>> {
  const problems: { line: number; message: string }[] = [];
  const problem = (keys: KeyPath, message: string, atKey = false) => problems.push({ line: cfg.line(keys, atKey), message: `${keyName(keys)}: ${message}` });
  const available = `available: ${[...known.keys()].join(', ')}`;
  for (const [i, name] of (cfg.raw.codemods ?? []).entries()) {
    if (!known.has(name)) problem(['codemods', i], `unknown codemod '${name}'; ${available}`);
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const [name, options] of Object.entries(cfg.raw.options ?? {})) {
    const codemod = known.get(name);
    if (!codemod) {
      problem(['options', name], `unknown codemod '${name}'; ${available}`, true);
      continue;
    }
    const defaults = (codemod.defaultOptions ?? {}) as Record<string, unknown>;
    let ok = true;
    for (const [key, value] of Object.entries(options)) {
      if (!Object.hasOwn(defaults, key)) {
        const keys = Object.keys(defaults);
        problem(['options', name, key], `codemod '${name}' has no option '${key}'; ${keys.length ? `its options: ${keys.join(', ')}` : 'it takes no options'}`, true);
        ok = false;
      } else if (!sameType(defaults[key], value)) {
        problem(['options', name, key], `expected ${typeName(defaults[key])}, got ${JSON.stringify(value)}`);
        ok = false;
      }
    }
    if (!ok) continue;
    try {
      checkOptions(codemod, options, `codemod '${name}'`);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problem(['options', name], e.message.replace(/^codemod '[^']*': /, ''), true);
    }
    out.set(name, options);
  }
  if (problems.length) throw configError(cfg, problems);
  return out;
}

const typeName = (v: unknown) => (Array.isArray(v) ? 'a list of strings' : `a ${typeof v}`);

function sameType(def: unknown, value: unknown): boolean {
  if (Array.isArray(def)) return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof def === typeof value;
}
