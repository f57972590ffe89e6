/**
 * The command line, as a function that tests call directly: main(argv, io) -> exit code.
 * Exit codes: 0 success (a dry run with changes too, like `gofmt -d`); 1 changes pending
 * under --check; 2 usage errors, unreadable files, codemod crashes, refused files.
 *
 * Argument parsing is node:util's parseArgs plus our own help text (src/cli/args.ts), not
 * a CLI framework: start-up is on the path of every run, and a warm, fully cached run of
 * the whole Go tree has ~250 ms in all. Measured on Node 20 (import, then one parse):
 * yargs 18 ~80-130 ms + 10-20 ms (string-width / cliui layout on every parse); commander 15
 * ~22 ms + 2-6 ms; parseArgs ~1 ms + <1 ms. commander would cost a tenth of the budget for
 * nothing parseArgs with a few checks over its tokens does not do.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ArgsError, parseCommandLine, type Parsed, type RunArgs, type TestArgs } from './args.js';
import { builtinCodemods } from '../registry/builtins.js';
import { parseCodemodOptions, selectCodemods, UsageError } from '../registry/options.js';
import { findPreset, PRESETS, type Preset } from '../registry/presets.js';
import type { LoadedCodemod } from '../engine/engine.js';
import { isValidGoVersion } from '../go/goversion.js';
import { colorizeDiff, problemLines, summaryText, unifiedDiff, vetLine, type Colors } from '../output/printers.js';
import { defaultCacheDir } from '../run/cache.js';
import { Progress } from './progress.js';
import { run } from '../run/runner.js';
import { parseShard } from '../run/shard.js';
import type { Codemod } from '../go/codemod.js';
import { bundleDir, loadUserCodemods, type UserCodemod } from '../registry/user-codemods.js';

export interface CliIO {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** Aborted on SIGINT / SIGTERM: the run stops between files and main returns 130. */
  signal?: AbortSignal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export const EXIT_OK = 0;
export const EXIT_PENDING = 1;
export const EXIT_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

export async function main(argv: readonly string[], io: CliIO, codemods: readonly AnyCodemod[] = builtinCodemods): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    io.stderr.write(`gocodemod: ${e.message}\n(see gocodemod ${e.command ? e.command + ' ' : ''}--help)\n`);
    return EXIT_ERROR;
  }
  try {
    switch (parsed.command) {
      case 'help':
        io.stdout.write(parsed.text);
        return EXIT_OK;
      case 'list':
        if (parsed.args.presets) return listPresets(parsed.args.json, io);
        return await listCommand(parsed.args.json, parsed.args.codemod, io, codemods);
      case 'run':
        return await runCommand(parsed.args, io, codemods);
      case 'test':
        return await testCommand(parsed.args, io, codemods);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`gocodemod: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
}

function colorsFor(explicit: boolean | undefined, env: CliIO['env'], isTTY: boolean | undefined): Colors {
  if (explicit !== undefined) return { enabled: explicit };
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { enabled: false };
  return { enabled: Boolean(isTTY) };
}

/**
 * Leading arguments that name codemods are codemods; the rest, and all of `afterDashDash`
 * (the arguments after `--`), are paths. Codemods from --codemod files are selected already
 * (`fromFiles`); naming them too is allowed.
 */
function splitArgs(
  args: readonly string[],
  afterDashDash: readonly string[],
  all: boolean,
  available: readonly AnyCodemod[],
  fromFiles: readonly AnyCodemod[],
  cwd: string,
  preset?: Preset,
): { names: string[]; paths: string[] } {
  if (all) return { names: [], paths: [...args, ...afterDashDash] };
  const known = new Set([...available, ...fromFiles].map((c) => c.name));
  let i = 0;
  while (i < args.length && known.has(args[i])) i++;
  const names = args.slice(0, i);
  const paths = [...args.slice(i), ...afterDashDash];
  if (names.length === 0 && !preset) {
    const first = args[0];
    if (first !== undefined && /^[a-z0-9-]+$/.test(first) && !existsSync(resolve(cwd, first))) {
      throw new UsageError(`unknown codemod '${first}'; available: ${[...known].join(', ')}`);
    }
    if (fromFiles.length === 0) throw new UsageError(`name at least one codemod (or --all, or --codemod FILE); available: ${available.map((c) => c.name).join(', ')}`);
  }
  return { names: names.filter((n) => !fromFiles.some((c) => c.name === n)), paths };
}

async function runCommand(a: RunArgs, io: CliIO, available: readonly AnyCodemod[]): Promise<number> {
  const cacheDir = a.cache ? resolve(io.cwd, a.cacheDir ?? defaultCacheDir(io.env)) : undefined;
  // Bundles of --codemod files go to the cache directory; with --no-cache, to a temporary
  // directory that lives as long as this command (nothing is left in the cache directory).
  const bundles = a.codemod.length ? bundleDir(cacheDir) : undefined;
  try {
    const fromFiles = bundles ? await loadUserCodemods(a.codemod, { cwd: io.cwd, outDir: bundles.path, taken: available }) : [];
    return await runSelected(a, io, available, fromFiles, cacheDir);
  } finally {
    bundles?.dispose();
  }
}

async function runSelected(a: RunArgs, io: CliIO, available: readonly AnyCodemod[], fromFiles: readonly UserCodemod[], cacheDir: string | undefined): Promise<number> {
  const preset = a.preset === undefined ? undefined : findPreset(a.preset);
  if (a.preset !== undefined && !preset) throw new UsageError(`--preset ${a.preset}: no such preset; available: ${PRESETS.map((p) => p.name).join(', ')}`);
  const { names, paths } = splitArgs(
    a.args,
    a.paths,
    a.all,
    available,
    fromFiles.map((u) => u.codemod),
    io.cwd,
    preset,
  );
  // Built-ins in their list order, then the --codemod files in command-line order. A preset
  // adds its codemods to those named; its options come first, so -o overrides them.
  const builtins = new Set([...selectCodemods(names, a.all, available), ...selectCodemods(preset?.codemods ?? [], false, available)]);
  const selected = [...available.filter((c) => builtins.has(c)), ...fromFiles.map((u) => u.codemod)];
  const origins = new Map(fromFiles.map((u) => [u.codemod, u.origin]));
  const presetOptions = Object.entries(preset?.options ?? {}).flatMap(([c, o]) => Object.entries(o).map(([k, v]) => `${c}.${k}=${v}`));
  const options = parseCodemodOptions([...presetOptions, ...a.o], selected);
  if (a.go !== undefined && !isValidGoVersion(a.go)) throw new UsageError(`--go ${a.go}: not a Go version (forms: 1.22, 1.22.3, 1.23rc1)`);
  const shard = a.shard === undefined ? undefined : parseShard(a.shard);
  if (a.shard !== undefined && !shard) throw new UsageError(`--shard ${a.shard}: expected K/N with 1 <= K <= N, e.g. 2/8`);
  const loaded: LoadedCodemod[] = selected.map((codemod) => {
    const origin = origins.get(codemod);
    return origin ? { codemod, options: options.get(codemod.name) ?? {}, origin } : { codemod, options: options.get(codemod.name) ?? {} };
  });
  const mode = a.check ? 'check' : a.write ? 'write' : 'diff';
  const outColors = colorsFor(a.color, io.env, io.stdoutIsTTY);
  const errColors = colorsFor(a.color, io.env, io.stderrIsTTY);
  let pending = 0;
  const progress = !a.quiet && io.stderrIsTTY ? new Progress(io.stderr) : undefined;

  const summary = await run({
    cwd: io.cwd,
    paths: paths.length ? paths : ['.'],
    codemods: loaded,
    write: mode === 'write',
    includeVendor: a.includeVendor,
    includeTestdata: a.includeTestdata,
    includeGenerated: a.includeGenerated,
    gitignore: a.gitignore,
    exclude: a.exclude,
    goVersion: a.go,
    jobs: a.jobs,
    cacheDir,
    shard,
    onProgress: progress?.update,
    signal: io.signal,
    onResult: (r) => {
      const changed = r.output !== r.original;
      if (changed && mode === 'diff') io.stdout.write(colorizeDiff(unifiedDiff(r.path, r.original, r.output), outColors));
      for (const f of r.findings) {
        if (f.fixed && changed && mode === 'check') {
          pending++;
          io.stdout.write(vetLine(r.path, f.line, f.column, f.message, f.codemod) + '\n');
        } else if (!f.fixed) {
          io.stderr.write(vetLine(r.path, f.line, f.column, f.message, f.codemod) + '\n');
        }
      }
      const problems = problemLines(r);
      if (problems.length) progress?.clear();
      for (const line of problems) io.stderr.write(line + '\n');
    },
  });
  progress?.clear();
  if (!a.quiet) io.stderr.write(summaryText(summary, mode, errColors));
  else for (const p of summary.problems) io.stderr.write(`gocodemod: ${p.path}: ${p.message}\n`);
  if (summary.interrupted) {
    io.stderr.write('gocodemod: interrupted: files written so far are complete; no other file was touched\n');
    return EXIT_INTERRUPTED;
  }
  if (summary.errorFiles > 0 || summary.problems.length > 0) return EXIT_ERROR;
  if (mode === 'check' && (pending > 0 || summary.changed > 0)) return EXIT_PENDING;
  return EXIT_OK;
}

async function listCommand(json: boolean, files: readonly string[], io: CliIO, available: readonly AnyCodemod[]): Promise<number> {
  // Listing writes nothing that outlives it: bundles go to a temporary directory.
  const bundles = files.length ? bundleDir(undefined) : undefined;
  let fromFiles: UserCodemod[];
  try {
    fromFiles = bundles ? await loadUserCodemods(files, { cwd: io.cwd, outDir: bundles.path, taken: available }) : [];
  } finally {
    bundles?.dispose();
  }
  const row = (c: AnyCodemod, user?: UserCodemod) => ({
    name: c.name,
    minGo: c.minGo ?? null,
    scope: c.scope ?? 'file',
    // A --codemod file runs whenever it is given, --all or not.
    inAll: user ? true : !c.explicitOnly,
    description: c.description,
    options: c.defaultOptions ?? {},
    // null for built-ins; for --codemod files, the file and the hash of its bundle.
    origin: user ? { file: user.file, hash: user.origin.hash } : null,
  });
  const rows = [...available.map((c) => row(c)), ...fromFiles.map((u) => row(u.codemod, u))];
  if (json) {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return EXIT_OK;
  }
  const w = Math.max(4, ...rows.map((r) => r.name.length));
  io.stdout.write(`${'NAME'.padEnd(w)}  MIN GO  SCOPE    --ALL  DESCRIPTION\n`);
  for (const r of rows) {
    const from = r.origin ? ` (from ${displayFile(r.origin.file, io.cwd)})` : '';
    io.stdout.write(`${r.name.padEnd(w)}  ${(r.minGo ?? '-').padEnd(6)}  ${r.scope.padEnd(7)}  ${(r.inAll ? 'yes' : 'no').padEnd(5)}  ${r.description}${from}\n`);
  }
  return EXIT_OK;
}

/** `gocodemod list --presets`: each preset's go line and codemods (`--json`: with their options). */
function listPresets(json: boolean, io: CliIO): number {
  if (json) {
    io.stdout.write(JSON.stringify(PRESETS, null, 2) + '\n');
    return EXIT_OK;
  }
  const w = Math.max(6, ...PRESETS.map((p) => p.name.length));
  io.stdout.write(`${'PRESET'.padEnd(w)}  GO LINE  CODEMODS\n`);
  for (const p of PRESETS) io.stdout.write(`${p.name.padEnd(w)}  ${p.go.padEnd(7)}  ${p.codemods.join(', ')}\n`);
  return EXIT_OK;
}

function displayFile(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

/**
 * `gocodemod test`: the fixtures of --codemod files (src/testing/fixtures.ts does the work). The
 * codemod named N in DIR/FILE is tested on DIR/testdata/N/. One line per case, the reasons
 * of a failure indented under it, then a summary; exit 1 when a case fails.
 */
async function testCommand(a: TestArgs, io: CliIO, available: readonly AnyCodemod[]): Promise<number> {
  const { checkCase, listCases, updateGoldens } = await import('../testing/fixtures.js');
  const filter = a.run === undefined ? undefined : new RegExp(a.run);
  // Like `list`, nothing outlives the command: bundles and case copies go to temporary directories.
  const bundles = bundleDir(undefined);
  const scratch = mkdtempSync(join(tmpdir(), 'gocodemod-test-'));
  try {
    const fromFiles = await loadUserCodemods(a.codemod, { cwd: io.cwd, outDir: bundles.path, taken: available });
    const suites = fromFiles.map((u) => {
      const name = u.codemod.name;
      const testdata = join(dirname(u.file), 'testdata', name);
      const where = `${displayFile(testdata, io.cwd)}/`;
      if (!existsSync(testdata) || !statSync(testdata).isDirectory()) {
        throw new UsageError(`--codemod ${displayFile(u.file, io.cwd)}: no fixtures for '${name}': looked for the directory ${where}`);
      }
      const cases = listCases(testdata);
      if (cases.length === 0) throw new UsageError(`--codemod ${displayFile(u.file, io.cwd)}: no cases in ${where} (expected <case>.go files or <case>/ folders)`);
      return { u, cases: cases.filter((c) => !filter || filter.test(`${name}/${c.name}`)) };
    });
    let total = 0;
    let failed = 0;
    let wrote = 0;
    let deleted = 0;
    const indent = (text: string) => text.replace(/^/gm, '    ');
    for (const { u, cases } of suites) {
      const loaded: LoadedCodemod = { codemod: u.codemod, options: {}, origin: u.origin };
      for (const c of cases) {
        total++;
        const id = `${u.codemod.name}/${c.name}`;
        const result = await checkCase(c, loaded, { scratch: join(scratch, u.codemod.name), jobs: 1 });
        const updates = a.update ? updateGoldens(c, result) : [];
        // --update: the goldens now hold the outputs, except those of files in error.
        const failures = result.failures.filter((f) => !(a.update && f.kind === 'golden' && !result.erroredFiles.has(f.file)));
        if (failures.length) failed++;
        io.stdout.write(`${failures.length ? 'FAIL' : 'ok  '} ${id}\n`);
        for (const f of failures) io.stdout.write(indent(f.text) + '\n');
        for (const up of updates) {
          if (up.action === 'write') wrote++;
          else deleted++;
          io.stdout.write(indent(`${up.action === 'write' ? 'wrote' : 'deleted'} ${displayFile(up.path, io.cwd)}`) + '\n');
        }
      }
    }
    if (filter && total === 0) io.stderr.write(`gocodemod: no case matches --run ${a.run}\n`);
    const updated = a.update ? `; ${wrote} golden${wrote === 1 ? '' : 's'} written, ${deleted} deleted` : '';
    io.stdout.write(`${total} case${total === 1 ? '' : 's'}, ${failed} failed${updated}\n`);
    return failed ? EXIT_PENDING : EXIT_OK;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    bundles.dispose();
  }
}
