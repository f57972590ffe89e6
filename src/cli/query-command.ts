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
import { defineCodemod, type QueryMatch } from '../go/codemod.js';
import { loadGoParser } from '../go/parser.js';
import { oneLine } from '../output/syntax-tree.js';
import { vetLine } from '../output/printers.js';
import { UsageError } from '../registry/options.js';
import { queryProblem, queryProblemText } from '../registry/query-check.js';
import { run } from '../run/runner.js';

/** Longer than `tree`'s texts: here the text is the point of the line. */
const TEXT_MAX = 120;

export async function queryCommand(a: QueryArgs, io: CliIO): Promise<number> {
  const parser = await loadGoParser();
  const problem = queryProblem(parser, a.query);
  if (problem) throw new UsageError(`the query does not compile: ${queryProblemText(problem)}`);
  if (parser.query(a.query).captureNames.length === 0) {
    throw new UsageError("the query captures nothing: name what to print with @, e.g. '(call_expression function: (identifier) @fn)'");
  }
  const colors = colorsFor(a.color, io.env, io.stdoutIsTTY);
  const capture = (name: string) => (colors.enabled ? `\x1b[33m@${name}\x1b[0m` : `@${name}`);
  const finder = defineCodemod({
    name: 'query',
    description: 'the captures of the query given to gocodemod query',
    query: a.query,
    run(ctx) {
      for (const m of inDocumentOrder(ctx.matches())) {
        for (const c of [...m.captures].sort((x, y) => x.node.startIndex - y.node.startIndex)) {
          ctx.report({ start: c.node.startIndex, end: c.node.endIndex, message: `${c.name}\0${oneLine(c.node.text, TEXT_MAX)}` });
        }
      }
    },
  });
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
        const [name, text] = f.message.split('\0');
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

/** Matches by where they start (their first capture), ties in the order tree-sitter found them. */
function inDocumentOrder(matches: QueryMatch[]): QueryMatch[] {
  const start = (m: QueryMatch) => Math.min(...m.captures.map((c) => c.node.startIndex));
  return matches.map((m, i) => ({ m, i, s: start(m) })).sort((x, y) => x.s - y.s || x.i - y.i).map((x) => x.m);
}
