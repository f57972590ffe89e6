/**
 * The options of inline-generic-constraints, which fixtures cannot set (the fixture runner
 * uses the defaults): exported, maxTerms and only, through the CLI as a user passes them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../test/helpers/cli.js';
import { goVetFailures, haveGo } from '../../test/helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from '../../test/helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const NAME = 'inline-generic-constraints';
const goAvailable = haveGo();

const files = {
  'go.mod': 'module example.com/opts\n\ngo 1.22\n',
  'constraints.go': `package opts

// Number is exported: other packages may use it.
type Number interface{ ~int | ~float64 }

// integer has five terms.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

// small is unexported.
type small interface{ ~int8 | ~uint8 }

// Signed is exported and also embedded: left alone even with exported=true.
type Signed interface{ ~int | ~int64 }

type SignedStringer interface {
	Signed
	String() string
}
`,
  'use.go': `package opts

func Max[T Number](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Abs[T integer](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

func Half[T small](v T) T { return v / 2 }
`,
  'more.go': `package opts

type Pair[T Number] struct{ A, B T }

func Neg[T Signed](v T) T { return -v }
`,
};

async function run(...options: string[]) {
  const dir = tmpTree(files);
  // Paths first: -o takes several values.
  const r = await runCli(['run', NAME, './...', '--write', ...options.flatMap((o) => ['-o', `${NAME}.${o}`])], dir);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  if (goAvailable) expect(goVetFailures(dir).output).toBe('');
  return { r, dir, read, again: () => runCli(['run', NAME, './...', '--check', ...options.flatMap((o) => ['-o', `${NAME}.${o}`])], dir) };
}

test('defaults: only small is inlined (Number is exported, integer has 5 terms)', async () => {
  const { r, read, again } = await run();
  expect(r.code).toBe(0);
  expect(read('use.go')).toContain('func Half[T ~int8 | ~uint8](v T) T');
  expect(read('use.go')).toContain('func Max[T Number](a, b T) T');
  expect(read('use.go')).toContain('func Abs[T integer](v T) T');
  expect(read('constraints.go')).not.toContain('small');
  expect(read('constraints.go')).toContain('type Number interface');
  expect((await again()).code).toBe(0);
});

test('exported=true inlines an exported constraint in every file and keeps its declaration', async () => {
  const { r, read, again } = await run('exported=true');
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/changes: inline-generic-constraints 3/); // Max, Pair, and small's one fix
  expect(read('use.go')).toContain('func Max[T ~int | ~float64](a, b T) T');
  expect(read('more.go')).toContain('type Pair[T ~int | ~float64] struct{ A, B T }\n');
  expect(read('more.go')).toContain('func Neg[T Signed](v T) T { return -v }\n');
  expect(read('constraints.go')).toContain('// Number is exported: other packages may use it.\ntype Number interface{ ~int | ~float64 }\n');
  expect((await again()).code).toBe(0); // idempotent: nothing left to do
});

test('maxTerms raises or lowers the limit on the number of terms', async () => {
  const five = await run('maxTerms=5');
  expect(five.read('use.go')).toContain('func Abs[T ~int | ~int8 | ~int16 | ~int32 | ~int64](v T) T');
  expect(five.read('constraints.go')).not.toContain('integer');

  const one = await run('maxTerms=1');
  expect(one.r.code).toBe(0);
  expect(one.read('use.go')).toBe(files['use.go']);
  expect(one.read('constraints.go')).toBe(files['constraints.go']);
});

test('only restricts the run to the named constraints', async () => {
  const { r, read } = await run('only=integer, Number', 'maxTerms=5', 'exported=true');
  expect(r.code).toBe(0);
  expect(read('use.go')).toContain('func Abs[T ~int | ~int8 | ~int16 | ~int32 | ~int64](v T) T');
  expect(read('use.go')).toContain('func Max[T ~int | ~float64](a, b T) T');
  expect(read('use.go')).toContain('func Half[T small](v T) T');
  expect(read('constraints.go')).toContain('type small interface');
});

test('invalid options are usage errors (exit 2)', async () => {
  const dir = tmpTree(files);
  const cases: [string, RegExp][] = [
    ['maxTerms=0', /maxTerms must be a whole number of at least 1/],
    ['maxTerms=1.5', /maxTerms must be a whole number of at least 1/],
    ['only=a-b', /only: not Go identifiers: a-b/],
    ['exported=yes', /expected true or false/],
    ['nope=1', /has no option 'nope'; valid options: maxTerms, only, exported/],
  ];
  for (const [bad, message] of cases) {
    const r = await runCli(['run', NAME, './...', '-o', `${NAME}.${bad}`], dir);
    expect({ bad, code: r.code }).toEqual({ bad, code: 2 });
    expect(r.stderr).toMatch(message);
  }
});

test('exported=true finds constraints declared after a `;`, in a one-line group, or after a comment (the text check before parsing keeps them)', async () => {
  const dir = tmpTree({
    'go.mod': 'module example.com/oneline\n\ngo 1.22\n',
    'c.go': `package oneline

type ( Small8 interface{ ~int8 | ~int16 }; Big64 interface{ ~int64 } )

type /* a comment before the name */ Word interface{ ~string | ~[]byte }

var X = 1; type Flag interface{ ~bool }

func S[T Small8](v T) T { return v }

func B[T Big64](v T) T { return v }

func W[T Word](v T) T { return v }

func F[T Flag](v T) T { return v }
`,
  });
  const r = await runCli(['run', NAME, './...', '--write', '-o', `${NAME}.exported=true`], dir);
  expect(r.code).toBe(0);
  const out = readFileSync(join(dir, 'c.go'), 'utf8');
  for (const f of ['func S[T ~int8 | ~int16]', 'func B[T ~int64]', 'func W[T ~string | ~[]byte]', 'func F[T ~bool]']) expect(out).toContain(f);
  if (goAvailable) expect(goVetFailures(dir).output).toBe('');
});
