/** The runner's phases: go.mod / go.work codemods first, Go codemods then see the result. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { run, type FileResult } from '../src/run/runner.js';
import { defineCodemod } from '../src/go/codemod.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const interfaceToAny = builtinCodemods.find((c) => c.name === 'interface-to-any')!;

/** A minimal go-directive raiser, standing in for any codemod of go.mod files. */
const raiseGo = defineCodemod({
  name: 'raise-go',
  description: 'go 1.17 -> go 1.22',
  fileKinds: ['go.mod'],
  run(ctx) {
    expect(ctx.file.kind).toBe('go.mod');
    expect(() => ctx.file.tree).toThrow(/no syntax tree/);
    const at = ctx.file.source.indexOf('go 1.17');
    if (at >= 0) ctx.report({ start: at, end: at + 7, message: 'raise', fixes: [{ message: 'raise', edits: [{ start: at, end: at + 7, text: 'go 1.22' }] }] });
  },
});

test('a go.mod codemod and a minGo codemod compose in one run (dry run and write)', async () => {
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.17\n',
    'a.go': 'package m\n\nvar X interface{}\n',
  });
  const results: FileResult[] = [];
  const codemods = [
    { codemod: raiseGo, options: {} },
    { codemod: interfaceToAny, options: {} },
  ];
  const summary = await run({ cwd: dir, paths: ['./...'], codemods, onResult: (r) => results.push(r) });
  expect(results.map((r) => [r.path, r.status])).toEqual([
    ['go.mod', 'changed'],
    ['a.go', 'changed'],
  ]);
  expect(results[1].output).toBe('package m\n\nvar X any\n');
  expect(summary.changesByCodemod).toEqual(new Map([['raise-go', 1], ['interface-to-any', 1]]));
  expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe('module m\n\ngo 1.17\n'); // dry run

  await run({ cwd: dir, paths: ['./...'], codemods, write: true });
  expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe('module m\n\ngo 1.22\n');
  expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('package m\n\nvar X any\n');
});

test('without the go.mod codemod, the minGo codemod skips the go 1.17 module', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.17\n', 'a.go': 'package m\n\nvar X interface{}\n' });
  const results: FileResult[] = [];
  const summary = await run({ cwd: dir, paths: ['.'], codemods: [{ codemod: interfaceToAny, options: {} }], onResult: (r) => results.push(r) });
  expect(results.map((r) => r.path)).toEqual(['a.go']); // go.mod is not even read as input
  expect(results[0].status).toBe('unchanged');
  expect(summary.skipped.get('interface-to-any: go version too old')).toBe(1);
});

test('a malformed go directive is reported with its file and line; its Go files are not touched', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.x\n', 'a.go': 'package m\n\nvar X interface{}\n' });
  const results: FileResult[] = [];
  const summary = await run({ cwd: dir, paths: ['.'], codemods: [{ codemod: interfaceToAny, options: {} }], onResult: (r) => results.push(r) });
  expect(summary.problems).toEqual([{ path: 'go.mod:3', message: expect.stringMatching(/^invalid go version '1\.x'/) }]);
  expect(results[0]).toMatchObject({ path: 'a.go', status: 'error' });
});

test('package-scoped codemods read files outside the given paths as context only', async () => {
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a.go': 'package m\n\nvar X interface{}\n',
    'b.go': 'package m\n\ntype any = int\n', // shadows any in the whole package
  });
  const results: FileResult[] = [];
  await run({ cwd: dir, paths: ['a.go'], codemods: [{ codemod: interfaceToAny, options: {} }], onResult: (r) => results.push(r) });
  expect(results.map((r) => [r.path, r.status])).toEqual([['a.go', 'unchanged']]);
});
