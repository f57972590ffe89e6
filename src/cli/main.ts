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
import { dirname, join, resolve } from 'node:path';
import { ArgsError, parseCommandLine, type ListArgs, type Parsed, type RunArgs, type TestArgs } from './args.js';
import { builtinCodemods } from '../registry/builtins.js';
import { selectCodemods, UsageError } from '../registry/options.js';
import { findPreset, PRESETS, type Preset } from '../registry/presets.js';
import type { LoadedCodemod } from '../engine/engine.js';
import { SUPPRESSION_FINDING } from '../engine/suppressions.js';
import { configCommand, lazyBundles, runScopes } from './config.js';
import { isValidGoVersion } from '../go/goversion.js';
import { colorizeDiff, diffHeader, problemLines, summaryText, unifiedDiff, vetLine } from '../output/printers.js';
import { colorsFor, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PENDING, type CliIO } from './io.js';
import { defaultCacheDir } from '../run/cache.js';
import { describeFsError } from '../run/discover.js';
import { makeDirs } from '../run/safe-fs.js';
import { Progress } from './progress.js';
import { CrashReport } from '../output/crash-report.js';
import { builtinProblem } from '../registry/check-codemod.js';
import { displayFile } from '../output/paths.js';
import { run, type RunConfig } from '../run/runner.js';
import { parseShard } from '../run/shard.js';
import type { Codemod } from '../go/codemod.js';
import { bundleDir, loadUserCodemods, type UserCodemod } from '../registry/user-codemods.js';
import { diffPaths } from '../output/diff-paths.js';
import type { FileResult } from '../run/runner.js';
import { isChanged } from '../run/dir-result.js';
import type { ReviewCodemod, RunRecord } from '../output/report.js';
import { packageRoot, toolVersion } from '../package-root.js';

export { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PENDING, type CliIO } from './io.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

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
        await checkBuiltins(codemods, io.cwd);
        return await listCommand(parsed.args, io, codemods);
      case 'run':
        await checkBuiltins(codemods, io.cwd);
        return await runCommand(parsed.args, io, codemods);
      case 'test':
        await checkBuiltins(codemods, io.cwd);
        return await testCommand(parsed.args, io, codemods);
      // Commands other than run load their modules when asked for: every run pays for what it imports.
      case 'new':
        return (await import('./new-command.js')).newCommand(parsed.args, io, codemods);
      case 'tree':
        return await (await import('./tree-command.js')).treeCommand(parsed.args, io);
      case 'query':
        return await (await import('./query-command.js')).queryCommand(parsed.args, io);
      case 'config':
        return await configCommand(parsed.args, io, codemods);
      case 'playground': {
        const { playgroundCommand } = await import('./playground-command.js');
        return await playgroundCommand(parsed.args, io);
      }
      case 'rewrite': {
        await checkBuiltins(codemods, io.cwd);
        const { rewriteCommand } = await import('./rewrite.js');
        return await rewriteCommand(parsed.args, io, (a, io, available, fromFiles, cacheDir) => {
          const bundles = lazyBundles(cacheDir);
          return runSelected(a, io, available, fromFiles, cacheDir, bundles).finally(() => bundles.dispose());
        });
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`gocodemod: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
}

/** The built-ins (or the codemods a program hands to main) pass the checks --codemod files pass. */
async function checkBuiltins(codemods: readonly AnyCodemod[], cwd: string): Promise<void> {
  const problem = await builtinProblem(codemods, cwd);
  if (problem) throw new UsageError(problem);
}

/**
 * Leading arguments that name codemods are codemods; the rest, and all of `afterDashDash`
 * (the arguments after `--`), are paths. Codemods from --codemod files are selected already
 * (`fromFiles`); naming them too is allowed. Naming none is allowed here: config files may
 * select codemods (src/config/scopes.ts says when naming none is an error).
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
  }
  return { names: names.filter((n) => !fromFiles.some((c) => c.name === n)), paths };
}

async function runCommand(a: RunArgs, io: CliIO, available: readonly AnyCodemod[]): Promise<number> {
  const cacheDir = a.cache ? usableCacheDir(resolve(io.cwd, a.cacheDir ?? defaultCacheDir(io.env)), io) : undefined;
  // Bundles of --codemod files and rules (and config files' codemod-files) go to the cache directory;
  // with --no-cache, to a temporary directory that lives as long as this command (nothing
  // is left in the cache directory).
  const bundles = lazyBundles(cacheDir);
  try {
    const fromFiles = a.codemod.length || a.rules.length ? await loadFromFiles(a, { cwd: io.cwd, outDir: bundles.path(), taken: available }) : [];
    return await runSelected(a, io, available, fromFiles, cacheDir, bundles);
  } finally {
    bundles.dispose();
  }
}

/** The codemods of --codemod files, then the rules of --rules paths (src/rules/load.ts, loaded only when asked for). */
async function loadFromFiles(a: { codemod: string[]; rules: string[] }, opts: { cwd: string; outDir: string; taken: readonly AnyCodemod[] }): Promise<UserCodemod[]> {
  const codemods = await loadUserCodemods(a.codemod, opts);
  if (!a.rules.length) return codemods;
  const { loadRules } = await import('../rules/load.js');
  return [...codemods, ...(await loadRules(a.rules, { ...opts, taken: [...opts.taken, ...codemods.map((u) => u.codemod)] }))];
}

/**
 * The cache directory, made if missing, or undefined (and a warning) when it cannot be: a
 * cache only saves time, so the run goes on without it. Made one level at a time, so a
 * directory where mkdir cannot succeed (under /proc) fails at once (src/run/safe-fs.ts).
 */
function usableCacheDir(dir: string, io: CliIO): string | undefined {
  try {
    makeDirs(dir);
    return dir;
  } catch (e) {
    io.stderr.write(`gocodemod: warning: cache directory ${dir}: ${describeFsError(e)}; running without the cache\n`);
    return undefined;
  }
}

export async function runSelected(
  a: RunArgs,
  io: CliIO,
  available: readonly AnyCodemod[],
  fromFiles: readonly UserCodemod[],
  cacheDir: string | undefined,
  bundles: { path(): string },
): Promise<number> {
  const preset = a.preset === undefined ? undefined : findPreset(a.preset);
  if (a.preset !== undefined && !preset) throw new UsageError(`--preset ${a.preset}: no such preset; available: ${PRESETS.map((p) => p.name).join(', ')}`);
  const all = a.all === true;
  const { names, paths: targets } = splitArgs(
    a.args,
    a.paths,
    all,
    available,
    fromFiles.map((u) => u.codemod),
    io.cwd,
    preset,
  );
  // Built-ins in their list order (named, --all's, the preset's), then the --codemod files in
  // command-line order; when the command line selects none, each directory's config file does
  // (src/config/scopes.ts). A preset's options come before -o's, so -o overrides them.
  const chosen = new Set([...selectCodemods(names, all, available), ...selectCodemods(preset?.codemods ?? [], false, available)]);
  const selection = chosen.size || fromFiles.length ? [...available.filter((c) => chosen.has(c)), ...fromFiles.map((u) => u.codemod)] : undefined;
  const presetOptions = Object.entries(preset?.options ?? {}).flatMap(([c, o]) => Object.entries(o).map(([k, v]) => `${c}.${k}=${v}`));
  a = { ...a, o: [...presetOptions, ...a.o] };
  if (a.go !== undefined && !isValidGoVersion(a.go)) throw new UsageError(`--go ${a.go}: not a Go version (forms: 1.22, 1.22.3, 1.23rc1)`);
  const shard = a.shard === undefined ? undefined : parseShard(a.shard);
  if (a.shard !== undefined && !shard) throw new UsageError(`--shard ${a.shard}: expected K/N with 1 <= K <= N, e.g. 2/8`);
  const runPaths = targets.length ? targets : ['.'];
  const scopes = runScopes(a, selection, fromFiles, { io, builtins: available, bundles, roots: runPaths.map((p) => resolve(io.cwd, p)) });
  const mode = a.check ? 'check' : a.write ? 'write' : 'diff';
  if (a.interactive && !(io.stdin && io.stdinIsTTY && io.stdoutIsTTY)) {
    io.stderr.write('gocodemod: --interactive needs a terminal: stdin and stdout must both be one (for scripts and CI, see --format and --output-dir)\n');
    return EXIT_ERROR;
  }
  const outColors = colorsFor(a.color, io.env, io.stdoutIsTTY);
  const errColors = colorsFor(a.color, io.env, io.stderrIsTTY);
  const paths = diffPaths(io.cwd, a.relative);
  // stdout: a streamed diff (the default, unless --output-dir or --interactive take over),
  // go vet lines under --check, or one document (the other formats) after the run.
  const document = a.format !== undefined && a.format !== 'diff' ? a.format : undefined;
  const streamDiff = mode === 'diff' && !a.interactive && (a.format === 'diff' || (a.format === undefined && a.outputDir === undefined));
  const collected: FileResult[] | undefined = document || a.outputDir !== undefined || a.interactive ? [] : undefined;
  const skipped: { path: string; reason: string }[] = [];
  let pending = 0;
  let suppressionProblems = 0;
  const progress = !a.quiet && io.stderrIsTTY ? new Progress(io.stderr) : undefined;
  const crashes = new CrashReport();

  const config: RunConfig = {
    cwd: io.cwd,
    paths: runPaths,
    codemods: [],
    scopes,
    write: mode === 'write',
    // Only --write and what collects results (formats, --output-dir, --interactive) need the texts.
    texts: mode === 'write' || collected !== undefined,
    gitignore: a.gitignore,
    jobs: a.jobs,
    cacheDir,
    shard,
    signal: io.signal,
  };
  const summary = await run({
    ...config,
    onProgress: progress?.update,
    onSkipped: collected ? (path, reason) => skipped.push({ path, reason }) : undefined,
    onResult: (r) => {
      collected?.push(r);
      const changed = isChanged(r);
      if (changed && streamDiff) {
        const path = paths.of(r.abs, r.path);
        io.stdout.write(colorizeDiff(r.diffHunks !== undefined ? diffHeader(path) + r.diffHunks : unifiedDiff(path, r.original, r.output), outColors));
      }
      for (const f of r.findings) {
        if (f.fixed && changed && mode === 'check') {
          pending++;
          if (!document) io.stdout.write(vetLine(r.path, f.line, f.column, f.message, f.codemod) + '\n');
        } else if (!f.fixed) {
          if (f.codemod === SUPPRESSION_FINDING) suppressionProblems++;
          io.stderr.write(vetLine(r.path, f.line, f.column, f.message, f.codemod) + '\n');
        }
      }
      crashes.add(r.path, r.errors);
      const problems = problemLines(r);
      if (problems.length) progress?.clear();
      for (const line of problems) io.stderr.write(line + '\n');
    },
  });
  progress?.clear();
  // Writes to a pipe are queued, and a reader that is gone (`| head`) is learned only as they
  // go out: a run computed in this thread ends without giving the event loop a turn.
  await io.stdoutFlushed?.();
  io.stderr.write(crashes.text(io.cwd));
  const how = a.interactive ? 'dry run; now each change is asked for' : a.outputDir !== undefined && mode === 'diff' ? 'dry run; patches follow' : undefined;
  if (!a.quiet) io.stderr.write(summaryText(summary, mode, errColors, how));
  else for (const p of summary.problems) io.stderr.write(`gocodemod: ${p.path}: ${p.message}\n`);
  if (summary.interrupted) {
    io.stderr.write('gocodemod: interrupted: files written so far are complete; no other file was touched\n');
    return EXIT_INTERRUPTED;
  }
  const record: RunRecord | undefined = collected && {
    mode,
    codemods: reviewCodemods(await scopes.codemodsUsed(), [...fromFiles, ...scopes.loadedFiles()]),
    results: collected,
    skipped,
    summary,
    paths,
    cwd: io.cwd,
    toolVersion: toolVersion(),
  };
  if (record && document) {
    const { renderFormat } = await import('../output/formats.js');
    io.stdout.write(renderFormat(document, record));
  }
  let failed = summary.errorFiles > 0 || summary.problems.length > 0;
  if (record && a.outputDir !== undefined) {
    const { writeOutputDir } = await import('./output-dir.js');
    const code = await writeOutputDir(resolve(io.cwd, a.outputDir), record, config, io);
    if (code === EXIT_INTERRUPTED) return code;
    failed ||= code !== EXIT_OK;
  }
  if (record && a.interactive) {
    const { interactiveReview } = await import('./interactive.js');
    const code = await interactiveReview(record, io, outColors);
    if (code !== EXIT_OK) return code;
  }
  if (failed) return EXIT_ERROR;
  // --check also fails on suppression comments that are malformed or (when asked) unused.
  if (mode === 'check' && (pending > 0 || summary.changed > 0 || suppressionProblems > 0)) return EXIT_PENDING;
  return EXIT_OK;
}

/** The run's codemods as review formats describe them: a built-in's README, a file's path. */
function reviewCodemods(selected: readonly AnyCodemod[], fromFiles: readonly UserCodemod[]): ReviewCodemod[] {
  return selected.map((c) => {
    const user = fromFiles.find((u) => u.codemod === c);
    if (user) return { name: c.name, description: c.description, file: user.file };
    const readme = join(packageRoot(), 'codemods', c.name, 'README.md');
    return existsSync(readme) ? { name: c.name, description: c.description, readme } : { name: c.name, description: c.description };
  });
}

async function listCommand(a: ListArgs, io: CliIO, available: readonly AnyCodemod[]): Promise<number> {
  const json = a.json;
  // Listing writes nothing that outlives it: bundles go to a temporary directory.
  const bundles = a.codemod.length || a.rules.length ? bundleDir(undefined) : undefined;
  let fromFiles: UserCodemod[];
  try {
    fromFiles = bundles ? await loadFromFiles(a, { cwd: io.cwd, outDir: bundles.path, taken: available }) : [];
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
    const fromFiles = await loadFromFiles(a, { cwd: io.cwd, outDir: bundles.path, taken: available });
    const suites = fromFiles.map((u) => {
      const name = u.codemod.name;
      const testdata = join(dirname(u.file), 'testdata', name);
      const where = `${displayFile(testdata, io.cwd)}/`;
      const flag = /\.ya?ml$/.test(u.file) ? '--rules' : '--codemod';
      if (!existsSync(testdata) || !statSync(testdata).isDirectory()) {
        throw new UsageError(`${flag} ${displayFile(u.file, io.cwd)}: no fixtures for '${name}': looked for the directory ${where}`);
      }
      const cases = listCases(testdata);
      if (cases.length === 0) throw new UsageError(`${flag} ${displayFile(u.file, io.cwd)}: no cases in ${where} (expected <case>.go files or <case>/ folders)`);
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
        const result = await checkCase(c, loaded, { scratch: join(scratch, u.codemod.name), jobs: 1, cwd: io.cwd });
        const updates = a.update ? updateGoldens(c, result) : [];
        // --update: the goldens now hold the outputs, except those of files in error.
        const failures = result.failures.filter((f) => !(a.update && f.kind === 'golden' && !result.erroredFiles.has(f.file)));
        if (failures.length) failed++;
        const negative = !failures.length && result.neverRan ? ` (negative case: the codemod never ran: ${result.neverRan})` : '';
        io.stdout.write(`${failures.length ? 'FAIL' : 'ok  '} ${id}${negative}\n`);
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
