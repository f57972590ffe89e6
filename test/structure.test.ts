/**
 * The shape of the code, as the project asks for it: small modules with one job each. These
 * are the checks a reviewer would otherwise do by hand on every change.
 *
 * - No import cycle among the modules of src/ and codemods/ (imports that load code: a
 *   cycle makes load order decide what a module sees, and a worker thread load more than it
 *   needs). Type-only imports are erased at compile time and do not count.
 * - No function longer than MAX_FUNCTION_LINES lines: a longer one is steps to name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const repo = join(import.meta.dirname, '..');
const MAX_FUNCTION_LINES = 150;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e !== 'testdata' && e !== 'node_modules') out.push(...sourceFiles(p));
    } else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = [...sourceFiles(join(repo, 'src')), ...sourceFiles(join(repo, 'codemods'))];
const parsed = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]));

/** The relative modules a file loads at run time (static imports and re-exports that are not type-only, and import()). */
function valueImports(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const add = (spec: string) => {
    if (spec.startsWith('.')) out.push(resolve(dirname(sf.fileName), spec.replace(/\.js$/, '.ts')));
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const typeOnly = c && (c.isTypeOnly || (!c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) add(n.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = n.isTypeOnly || (n.exportClause && ts.isNamedExports(n.exportClause) && n.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) add(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
      add(n.arguments[0].text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.filter((f) => parsed.has(f));
}

test('no import cycle among the modules of src/ and codemods/', () => {
  const graph = new Map([...parsed].map(([f, sf]) => [f, valueImports(sf)]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => relative(repo, x)).join(' -> '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
  // The check sees imports at all: the CLI's entry loads modules.
  expect(graph.get(join(repo, 'src', 'cli', 'main.ts'))!.length).toBeGreaterThan(3);
});

test(`no function longer than ${MAX_FUNCTION_LINES} lines in src/ and codemods/`, () => {
  const long: string[] = [];
  let functions = 0;
  for (const sf of parsed.values()) {
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        functions++;
        const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(n.end).line;
        if (last - first + 1 > MAX_FUNCTION_LINES) long.push(`${relative(repo, sf.fileName)}:${first + 1}: ${last - first + 1} lines`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  expect(long).toEqual([]);
  expect(functions).toBeGreaterThan(500);
});
