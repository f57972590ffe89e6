/**
 * `gocodemod tree FILE [--line N | --range L1:L2] [--query Q]`: a Go file's syntax tree as
 * the engine sees it (the same grammar, a full parse), so that authors learn node types and
 * field names, and see what a query captures before they write a codemod around it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TreeArgs } from './args.js';
import { colorsFor, EXIT_OK, type CliIO } from './io.js';
import { loadGoParser } from '../go/parser.js';
import { syntaxTreeText } from '../output/syntax-tree.js';
import { UsageError } from '../registry/options.js';
import { queryProblem, queryProblemText } from '../registry/query-check.js';
import { decodeGoSource } from '../run/read-source.js';

export async function treeCommand(a: TreeArgs, io: CliIO): Promise<number> {
  const source = readGoFile(a.file, io.cwd);
  const lineCount = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  if (a.lines && a.lines.first > Math.max(lineCount, 1)) {
    throw new UsageError(`${a.file}: has ${lineCount} line${lineCount === 1 ? '' : 's'}, so no line ${a.lines.first}`);
  }
  const parser = await loadGoParser();
  let captures: Map<number, string[]> | undefined;
  let matchCount = 0;
  if (a.query !== undefined) {
    const problem = queryProblem(parser, a.query);
    if (problem) throw new UsageError(`--query: does not compile: ${queryProblemText(problem)}`);
  }
  const tree = parser.parse(source);
  try {
    if (a.query !== undefined) {
      captures = new Map();
      const matches = parser.query(a.query).matches(tree.rootNode);
      matchCount = matches.length;
      for (const m of matches) {
        for (const c of m.captures) {
          const names = captures.get(c.node.id) ?? [];
          if (!names.includes(c.name)) names.push(c.name);
          captures.set(c.node.id, names);
        }
      }
    }
    const colors = colorsFor(a.color, io.env, io.stdoutIsTTY);
    io.stdout.write(syntaxTreeText(tree, source, { lines: a.lines, captures, colors }));
  } finally {
    tree.delete();
  }
  if (a.query !== undefined) io.stderr.write(`gocodemod: ${matchCount} match${matchCount === 1 ? '' : 'es'} of the query\n`);
  return EXIT_OK;
}

/** A Go file's text, or a usage error naming it (missing, a directory, not UTF-8, binary). */
function readGoFile(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  if (!existsSync(abs)) throw new UsageError(`${file}: no such file`);
  if (!statSync(abs).isFile()) throw new UsageError(`${file}: not a file (tree shows one Go file; try gocodemod query for many)`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    throw new UsageError(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const decoded = decodeGoSource(bytes);
  if (!decoded.ok) throw new UsageError(`${file}${decoded.line ? `:${decoded.line}` : ''}: ${decoded.problem}`);
  return decoded.text;
}
