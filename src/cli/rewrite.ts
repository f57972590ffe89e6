/**
 * `gocodemod rewrite -p PATTERN [-r REPLACEMENT] [paths...]`: a rule given on the command line
 * (src/rules/). With -r it runs like `gocodemod run` (dry-run diff, --write, --check); without,
 * it searches and prints each match's line as `path:line:col: text`, like `grep -n`, and exits
 * 0 when something matched, 1 when nothing did, as grep does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RewriteArgs } from './args.js';
import type { CliIO } from './io.js';
import type { RunArgs } from './args.js';
import type { UserCodemod } from '../registry/user-codemods.js';
import type { Codemod } from '../go/codemod.js';
import { UsageError } from '../registry/options.js';
import { bundleDir } from '../registry/user-codemods.js';
import { defaultCacheDir } from '../run/cache.js';
import { run } from '../run/runner.js';
import { problemLines } from '../output/printers.js';
import type { SnippetContext } from '../rules/snippet.js';
import { RuleError } from '../rules/spec.js';
import { flagOfField, rewriteSpec } from '../rules/rewrite-spec.js';

/** How `run` runs codemods from files (main.ts's), handed over so this module does not import main.ts back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RunCodemods = (a: RunArgs, io: CliIO, available: readonly Codemod<any>[], fromFiles: readonly UserCodemod[], cacheDir: string | undefined) => Promise<number>;

export async function rewriteCommand(a: RewriteArgs, io: CliIO, runCodemods: RunCodemods): Promise<number> {
  const spec = rewriteSpec({ pattern: a.pattern, replacement: a.replacement, context: a.langContext as SnippetContext | undefined, imports: a.imports });
  const cacheDir = a.cache ? resolve(io.cwd, a.cacheDir ?? defaultCacheDir(io.env)) : undefined;
  const modules = bundleDir(cacheDir);
  try {
    const { ruleAsCodemod } = await import('../rules/load.js');
    let rule;
    try {
      rule = await ruleAsCodemod(spec, resolve(io.cwd, 'rewrite'), modules.path);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      throw new UsageError(`${flagOfField(e.field)}: ${e.message}`);
    }
    if (a.replacement !== undefined) return await runCodemods(a, io, [], [rule], cacheDir);
    return await search(a, io, rule, cacheDir);
  } finally {
    modules.dispose();
  }
}

/** The matches, one line each, as grep -n prints them (with the column). */
async function search(a: RewriteArgs, io: CliIO, rule: Awaited<ReturnType<typeof import('../rules/load.js').ruleAsCodemod>>, cacheDir: string | undefined): Promise<number> {
  let matches = 0;
  const summary = await run({
    cwd: io.cwd,
    paths: a.paths.length ? a.paths : ['.'],
    codemods: [{ codemod: rule.codemod, options: {}, origin: rule.origin }],
    includeVendor: a.includeVendor,
    includeTestdata: a.includeTestdata,
    includeGenerated: a.includeGenerated,
    gitignore: a.gitignore,
    exclude: a.exclude,
    goVersion: a.go,
    jobs: a.jobs,
    cacheDir,
    signal: io.signal,
    onResult: (r) => {
      if (r.findings.length) {
        const lines = readFileSync(r.abs, 'utf8').split('\n');
        for (const f of r.findings) {
          matches++;
          io.stdout.write(`${r.path}:${f.line}:${f.column}: ${(lines[f.line - 1] ?? '').replace(/\r$/, '')}\n`);
        }
      }
      for (const line of problemLines(r)) io.stderr.write(line + '\n');
    },
  });
  for (const p of summary.problems) io.stderr.write(`gocodemod: ${p.path}: ${p.message}\n`);
  if (summary.interrupted) return 130;
  if (summary.errorFiles > 0 || summary.problems.length > 0) return 2;
  return matches > 0 ? 0 : 1;
}
