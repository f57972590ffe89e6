/**
 * What `gocodemod new NAME` writes: a codemod of one's own that already works (a real
 * rewrite, time.Now().Sub(t) ⇒ time.Since(t), with a declared query read by capture names and
 * an import-aware check), its fixtures, and the editor configuration that gives it types.
 * The texts are here; src/cli/new-command.ts writes them. test/new-command.test.ts runs the
 * result through `gocodemod test` and `tsc`.
 */

export interface ScaffoldFile {
  /** Relative to the target directory, forward slashes. */
  path: string;
  text: string;
  /** Editor configuration: an existing one is kept (not overwritten), and said so. */
  shared?: boolean;
}

/**
 * `typesPath`: where tsconfig.json maps 'gocodemod' (the .d.ts entry of the gocodemod that
 * writes it); undefined when the directory resolves 'gocodemod' itself (a devDependency).
 */
export function scaffoldFiles(name: string, typesPath: string | undefined): ScaffoldFile[] {
  return [
    { path: `${name}.ts`, text: codemodText(name) },
    { path: `testdata/${name}/since.go`, text: INPUT },
    { path: `testdata/${name}/since.go.golden`, text: GOLDEN },
    { path: 'tsconfig.json', text: tsconfigText(typesPath), shared: true },
    { path: 'package.json', text: packageJsonText(name), shared: true },
  ];
}

function codemodText(name: string): string {
  return `/**
 * ${name}: time.Now().Sub(t) becomes time.Since(t).
 *
 * Written by \`gocodemod new\` as a starting point: a declared query, its matches read by
 * capture name, a check that \`time\` really is the package, and a fix. Fixtures are in
 * testdata/${name}/. Make it yours:
 *
 *   gocodemod tree testdata/${name}/since.go --line 9   the syntax tree: node types, field names
 *   gocodemod query '(call_expression) @call' ./...   try a query on your code
 *   gocodemod test ${name}.ts                          run the fixtures (--update writes goldens)
 *   gocodemod run ${name}.ts ./...                     the diff on your code (--write applies it)
 */
import { captures, defineCodemod, fixer, qualifierOf, refersToImport } from 'gocodemod';

export default defineCodemod({
  name: '${name}',
  description: 'time.Now().Sub(t) becomes time.Since(t)',
  // A file without this text is never parsed for this codemod.
  needles: ['.Now().Sub('],
  // A declared query runs in one pass over each file with those of the other codemods;
  // ctx.matches() returns its matches.
  // Predicates go inside the parentheses of the pattern they test.
  query: \`
    ((call_expression
       function: (selector_expression
         operand: (call_expression
           function: (selector_expression
             operand: (identifier) @pkg
             field: (field_identifier) @now)
           arguments: (argument_list) @noArgs)
         field: (field_identifier) @sub)
       arguments: (argument_list . (_) @t .)) @call
     (#eq? @now "Now")
     (#eq? @sub "Sub")
     (#eq? @noArgs "()"))
  \`,
  run(ctx) {
    for (const m of ctx.matches()) {
      const { call, pkg, t } = captures(m);
      // pkg must name the package "time" here: not another package, not a local variable.
      if (qualifierOf(ctx.file, 'time') !== pkg.text || !refersToImport(ctx.file, pkg.text, pkg.startIndex)) continue;
      ctx.report({
        start: call.startIndex,
        end: call.endIndex,
        message: 'time.Now().Sub(t) is time.Since(t)',
        fixes: [{ message: 'use time.Since', edits: [fixer.replace(call, \`\${pkg.text}.Since(\${t.text})\`)] }],
      });
    }
  },
});
`;
}

const INPUT = `package example

import (
\t"fmt"
\t"time"
)

func elapsed(start time.Time) time.Duration {
\treturn time.Now().Sub(start) // want "time\\\\.Since"
}

func report(start time.Time) {
\tfmt.Println("took", time.Now().Sub(start).Round(time.Millisecond)) // want "time\\\\.Since"
}

type clock struct{}

func (clock) Now() clock {
\treturn clock{}
}

func (clock) Sub(t time.Time) time.Duration {
\treturn 0
}

// Here time is a clock, not the package time: left as it is.
func shadowed(start time.Time) time.Duration {
\ttime := clock{}
\treturn time.Now().Sub(start)
}
`;

const GOLDEN = INPUT.replace('return time.Now().Sub(start) //', 'return time.Since(start) //').replace(
  '"took", time.Now().Sub(start).Round',
  '"took", time.Since(start).Round',
);

function tsconfigText(typesPath: string | undefined): string {
  const compilerOptions: Record<string, unknown> = {
    target: 'ES2022',
    module: 'ESNext',
    // As esbuild, which bundles the codemod, resolves imports.
    moduleResolution: 'Bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  if (typesPath !== undefined) compilerOptions.paths = { gocodemod: [typesPath] };
  return JSON.stringify({ compilerOptions, include: ['**/*.ts', '**/*.mts'], exclude: ['node_modules', 'testdata'] }, null, 2) + '\n';
}

function packageJsonText(name: string): string {
  return JSON.stringify({ private: true, type: 'module', scripts: { test: `gocodemod test ${name}.ts` } }, null, 2) + '\n';
}
