/**
 * `gocodemod query 'QUERY' [paths...]`: every capture of a tree-sitter query over Go files,
 * `path:line:col: @capture text`, like grep (exit 0 when something matched, 1 when nothing
 * did, 2 for errors).
 *
 * The query runs as a codemod that reports its captures and fixes nothing, through the same
 * runner as `run`: the same discovery (vendor/, testdata/, generated and .gitignored files,
 * --exclude), the same decoding of files, and the engine's query pass, which skips parsing
 * files that hold none of the query's literal tokens.
 */
import type { QueryArgs } from './args.js';
import { colorsFor, EXIT_ERROR, EXIT_OK, EXIT_PENDING, type CliIO } from './io.js';
import { loadGoParser } from '../go/parser.js';
import { vetLine } from '../output/printers.js';
import { UsageError } from '../registry/options.js';
import { queryProblem, queryProblemText } from '../registry/query-check.js';
import { captureOf, queryCodemod } from '../registry/query-codemod.js';
import { run } from '../run/runner.js';

export async function queryCommand(a: QueryArgs, io: CliIO): Promise<number> {
  const parser = await loadGoParser();
  const problem = queryProblem(parser, a.query);
  if (problem) throw new UsageError(`the query does not compile: ${queryProblemText(problem)}`);
  if (parser.query(a.query).captureNames.length === 0) {
    throw new UsageError("the query captures nothing: name what to print with @, e.g. '(call_expression function: (identifier) @fn)'");
  }
  const colors = colorsFor(a.color, io.env, io.stdoutIsTTY);
  const capture = (name: string) => (colors.enabled ? `\x1b[33m@${name}\x1b[0m` : `@${name}`);
  const finder = queryCodemod(a.query);
  let matched = 0;
  let errors = 0;
  const summary = await run({
    cwd: io.cwd,
    paths: a.paths.length ? a.paths : ['.'],
    codemods: [{ codemod: finder, options: {} }],
    includeVendor: a.includeVendor,
    includeTestdata: a.includeTestdata,
    includeGenerated: a.includeGenerated,
    gitignore: a.gitignore,
    exclude: a.exclude,
    jobs: 1,
    signal: io.signal,
    onResult: (r) => {
      for (const f of r.findings) {
        const { name, text } = captureOf(f.message);
        matched++;
        io.stdout.write(`${r.path}:${f.line}:${f.column}: ${capture(name)} ${text}\n`);
      }
      for (const e of r.errors) {
        errors++;
        io.stderr.write(vetLine(r.path, e.line, e.column, `error: ${e.message}`) + '\n');
      }
    },
  });
  for (const p of summary.problems) io.stderr.write(`gocodemod: ${p.path}: ${p.message}\n`);
  if (summary.interrupted) return 130;
  if (errors || summary.problems.length) return EXIT_ERROR;
  return matched ? EXIT_OK : EXIT_PENDING;
}
