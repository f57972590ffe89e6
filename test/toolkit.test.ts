/**
 * The public toolkit ('gocodemod'): the built-ins use nothing else; every export is typed and
 * documented; a codemod of a user's, in a folder outside this repository, imports every
 * export, runs through the CLI, and type-checks against the emitted types with tsc.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as toolkit from 'gocodemod';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const repo = join(import.meta.dirname, '..');

/** The toolkit's runtime exports: a change here is a change of the public API (say it in the README). */
const RUNTIME_EXPORTS = [
  'FUNCTION_NODE_TYPES', 'GO_VERSION_RE', 'INTEGER_TYPES', 'LineIndex', 'addGoStmtEdit', 'addImport', 'applyEdits',
  'asConversion', 'asDeref', 'assumedName', 'buildConstraintMinGo', 'callArgs', 'captureAll', 'captures', 'commentsIn',
  'compareGoVersions', 'compareGoVersionsLax', 'declarationScopes', 'declaredInPackage', 'declaredType', 'declaresAnywhere',
  'defineCodemod', 'enclosingFunction', 'enclosingTopLevel', 'excludeResortEdits', 'fixer', 'formatModDiagnostic',
  'goBuildLine', 'goLang', 'hasWord', 'indentAt', 'isDeclaring', 'isField', 'isGenerated', 'isIntType', 'isIntegerType',
  'isPure', 'isShadowed', 'isStandardLibrary', 'isValidGoVersion', 'lineContaining', 'listImports', 'loadGoParser',
  'lookupDeclaration', 'maxGoVersion', 'meetsMinGo', 'mentions', 'operatorOf', 'overlaps', 'packageClauseOffset',
  'packageName', 'parseGoVersion', 'parseModFile', 'plainCall', 'qualifiedCall', 'qualifierOf', 'refersToImport',
  'removeIfUnused', 'removeStmtEdit', 'sameType', 'scanTokens', 'setGoVersionEdit', 'startsLine', 'toolchainRedundant',
  'toolchainVersion', 'topLevelDecls', 'typeFromNode', 'typeOf', 'typeText', 'underlying', 'unparen', 'updateImports',
  'usesQualifier', 'utf8Length',
  // Build constraint expressions and lines (Go 1.22 migration pack).
  'buildConstraints', 'constraintGoVersion', 'constraintSatisfiable', 'constraintSatisfiableFrom', 'constraintString',
  'constraintTags', 'deleteLines', 'evalConstraint', 'fileAllowsGo', 'fileLanguageVersion', 'isGoBuildLine',
  'isPlusBuildLine', 'lineSpan', 'parseConstraint', 'plusBuildLines', 'releaseTagMinor', 'simplifyConstraint',
  'identifiersNamed', 'mayModify', 'mayModifyIn',
];

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) return name === 'testdata' ? [] : codeFiles(abs);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [abs] : [];
  });
}

test('built-in codemods import nothing but the public toolkit', () => {
  const offenders: string[] = [];
  for (const file of codeFiles(join(repo, 'codemods'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      if (spec !== 'gocodemod') offenders.push(`${file.slice(repo.length + 1)}: ${spec}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('a codemod folder holds its codemod and nothing another codemod imports', () => {
  for (const dir of readdirSync(join(repo, 'codemods'))) {
    const files = codeFiles(join(repo, 'codemods', dir)).map((f) => f.slice(join(repo, 'codemods', dir).length + 1));
    expect(files.filter((f) => f !== 'index.ts')).toEqual([]);
  }
});

test('the runtime exports are the documented list', () => {
  expect(Object.keys(toolkit).sort()).toEqual([...RUNTIME_EXPORTS].sort());
});

test('every export of the toolkit has a doc comment (TSDoc), types included', () => {
  const program = ts.createProgram([join(repo, 'src/index.ts')], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(join(repo, 'src/index.ts'))!)!;
  const undocumented: string[] = [];
  let count = 0;
  for (const sym of checker.getExportsOfModule(entry)) {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const from = target.declarations?.[0]?.getSourceFile().fileName ?? '';
    if (from.includes('/node_modules/web-tree-sitter/')) continue; // tree-sitter's own types
    count++;
    if (!ts.displayPartsToString(target.getDocumentationComment(checker)).trim()) undocumented.push(sym.name);
  }
  expect(count).toBeGreaterThan(RUNTIME_EXPORTS.length); // types are exported too
  expect(undocumented).toEqual([]);
});

/**
 * A user's codemod that needs the toolkit for real: `errors.New(fmt.Sprintf(f, args...))`
 * becomes `fmt.Errorf(f, args...)`, only where `errors` and `fmt` are those packages, and
 * "errors" goes when nothing uses it any more. It also imports every other export by name, so
 * an export missing at run time fails the load ("does not provide an export named").
 */
function errorfCodemod(lang: 'ts' | 'js'): string {
  const types = lang === 'ts';
  return `import {
  ${RUNTIME_EXPORTS.join(',\n  ')},
} from 'gocodemod';${types ? "\nimport type { Edit, Node, QueryMatch, SourceFile } from 'gocodemod';" : ''}

const everyExport = [${RUNTIME_EXPORTS.join(', ')}];
if (everyExport.some((x) => x === undefined)) throw new Error('a toolkit export is undefined');

export default defineCodemod({
  name: 'errorf-${lang}',
  description: 'errors.New(fmt.Sprintf(...)) becomes fmt.Errorf(...)',
  needles: ['errors.New('],
  query: '(call_expression function: (selector_expression operand: (identifier) @errors field: (field_identifier) @new) arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @fmt field: (field_identifier) @sprintf) arguments: (argument_list) @args))) @call',
  run(ctx) {
    const file${types ? ': SourceFile' : ''} = ctx.file;
    const errorsName = qualifierOf(file, 'errors');
    const fmtName = qualifierOf(file, 'fmt');
    if (!errorsName || !fmtName) return;
    const edits${types ? ': Edit[]' : ''} = [];
    for (const m of ctx.matches()${types ? ' as QueryMatch[]' : ''}) {
      const { errors, new: newCall, fmt, sprintf, args, call } = captures(m);
      if (errors.text !== errorsName || fmt.text !== fmtName || newCall.text !== 'New' || sprintf.text !== 'Sprintf') continue;
      if (!refersToImport(file, errors.text, errors.startIndex) || !refersToImport(file, fmt.text, fmt.startIndex)) continue;
      if (commentsIn(call, call.startIndex, call.endIndex).length > 0) continue;
      const text = fmtName + '.Errorf' + args.text;
      const { line, column } = new LineIndex(file.source).position(call.startIndex);
      ctx.report({ start: call.startIndex, end: call.endIndex, message: 'errors.New(fmt.Sprintf(...)) is fmt.Errorf(...) [' + line + ':' + column + ']' });
      edits.push(fixer.replace(call${types ? ' as Node' : ''}, text));
    }
    if (edits.length === 0) return;
    edits.push(...updateImports(file, { removeIfUnused: ['errors'] }, edits));
    ctx.report({ start: 0, end: 0, message: 'use fmt.Errorf', fixes: [{ message: 'use fmt.Errorf', edits }] });
  },
});
`;
}

const GO_INPUT = `package p

import (
	"errors"
	"fmt"
)

func f(n int) error {
	return errors.New(fmt.Sprintf("bad %d", n))
}

func g(errors struct{ New func(string) error }) error {
	return errors.New(fmt.Sprintf("local %d", 1))
}
`;

const GO_OUTPUT = `package p

import "fmt"

func f(n int) error {
	return fmt.Errorf("bad %d", n)
}

func g(errors struct{ New func(string) error }) error {
	return errors.New(fmt.Sprintf("local %d", 1))
}
`;

test.each(['ts', 'js'] as const)('a %s codemod outside the repository uses every export and rewrites for real', async (lang) => {
  const dir = tmpTree({ [`errorf.${lang}`]: errorfCodemod(lang), 'go.mod': 'module example.com/p\n\ngo 1.22\n', 'p.go': GO_INPUT });
  const r = await runCli(['run', '--codemod', `errorf.${lang}`, '--write', '-j', '1', '.'], dir);
  expect(r.stderr).toContain('errors.New(fmt.Sprintf(...)) is fmt.Errorf(...) [9:9]');
  expect(r.code).toBe(0);
  expect(readFileSync(join(dir, 'p.go'), 'utf8')).toBe(GO_OUTPUT);
});

test('the TS codemod type-checks with tsc against the emitted types, as an editor would', () => {
  const dir = tmpTree({
    'errorf.ts': errorfCodemod('ts'),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: true,
        paths: { gocodemod: [join(repo, 'dist/src/index.d.ts')] },
      },
      files: ['errorf.ts'],
    }),
  });
  const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
