/** `gocodemod test`: the fixtures of a codemod of one's own, checked as the built-ins' are (src/testing/fixtures.ts). */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const repo = join(import.meta.dirname, '..');

/** The codemod of README.md's "Writing your own codemod". */
const TIME_SINCE_TS = `import { defineCodemod, fixer } from 'gocodemod';

export default defineCodemod({
  name: 'time-since',
  description: 'time.Now().Sub(t) becomes time.Since(t)',
  needles: ['time.Now().Sub('],
  run(ctx) {
    const q = ctx.query('(call_expression function: (selector_expression operand: (_) @now field: (_) @sub) arguments: (_) @args) @call');
    for (const m of q.matches(ctx.file.tree.rootNode)) {
      const [now, sub, args, call] = ['now', 'sub', 'args', 'call'].map((n) => m.captures.find((c) => c.name === n)!.node);
      if (now.text !== 'time.Now()' || sub.text !== 'Sub') continue;
      ctx.report({
        start: call.startIndex,
        end: call.endIndex,
        message: 'time.Now().Sub(t) is time.Since(t)',
        fixes: [{ message: 'use time.Since', edits: [fixer.replace(call, \`time.Since\${args.text}\`)] }],
      });
    }
  },
});
`;

const SINCE_GO = `package since

import "time"

func Age(t time.Time) time.Duration {
	return time.Now().Sub(t) // want "time.Now\\\\(\\\\).Sub\\\\(t\\\\) is time.Since\\\\(t\\\\)"
}

func Other(t time.Time) time.Duration {
	return t.Sub(t)
}
`;
const SINCE_GOLDEN = SINCE_GO.replace('time.Now().Sub(t) //', 'time.Since(t) //');

const UNTOUCHED_GO = `package untouched

import "time"

func Zero(t time.Time) time.Duration { return t.Sub(t) }
`;

const PKG_A_GO = `package a

import "time"

var start = time.Now()

func Elapsed() time.Duration { return time.Now().Sub(start) } // want \`is time.Since\`
`;

/** A codemod in `dir/tools/time-since.ts`, its fixtures in `dir/tools/testdata/time-since/`. */
function timeSinceTree(extra: Record<string, string> = {}): string {
  return tmpTree({
    'tools/time-since.ts': TIME_SINCE_TS,
    'tools/testdata/time-since/since.go': SINCE_GO,
    'tools/testdata/time-since/since.go.golden': SINCE_GOLDEN,
    'tools/testdata/time-since/untouched.go': UNTOUCHED_GO,
    'tools/testdata/time-since/pkg/go.mod': 'module example.com/pkg\n\ngo 1.21\n',
    'tools/testdata/time-since/pkg/a/a.go': PKG_A_GO,
    'tools/testdata/time-since/pkg/a/a.go.golden': PKG_A_GO.replace('time.Now().Sub(start)', 'time.Since(start)'),
    ...extra,
  });
}

const CODEMOD = ['--codemod', 'tools/time-since.ts'];

/** untouched.go has no needle: a negative case, which passes and says why the codemod did not run. */
const UNTOUCHED_OK = 'ok   time-since/untouched (negative case: the codemod never ran: no file contains one of its needles ("time.Now().Sub("))';

test('passing fixtures, file and folder cases: one ok line per case, a summary, exit 0', async () => {
  const dir = timeSinceTree();
  const r = await runCli(['test', ...CODEMOD], dir);
  expect(r).toEqual({ code: 0, stdout: `ok   time-since/pkg\nok   time-since/since\n${UNTOUCHED_OK}\n3 cases, 0 failed\n`, stderr: '' });
});

test('a wrong golden: FAIL with a unified diff of want (-) against got (+), exit 1', async () => {
  const dir = timeSinceTree({ 'tools/testdata/time-since/since.go.golden': SINCE_GOLDEN.replace('time.Since(t)', 'time.Since(t.Add(0))') });
  const r = await runCli(['test', ...CODEMOD], dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    [
      'FAIL time-since/since',
      '    since.go: output differs from since.go.golden (- want, + got):',
      '    diff --git a/since.go b/since.go',
      '    --- a/since.go',
      '    +++ b/since.go',
      '    @@ -3,7 +3,7 @@',
      '     import "time"',
      '     ',
      '     func Age(t time.Time) time.Duration {',
      '    -\treturn time.Since(t.Add(0)) // want "time.Now\\\\(\\\\).Sub\\\\(t\\\\) is time.Since\\\\(t\\\\)"',
      '    +\treturn time.Since(t) // want "time.Now\\\\(\\\\).Sub\\\\(t\\\\) is time.Since\\\\(t\\\\)"',
      '     }',
      '     ',
      '     func Other(t time.Time) time.Duration {',
      'ok   time-since/untouched',
    ].join('\n'),
  );
  expect(r.stdout).toMatch(/^ok {3}time-since\/pkg\n/);
  expect(r.stdout).toMatch(/\n3 cases, 1 failed\n$/);
});

test('a change without a golden fails: no golden means no change', async () => {
  const dir = timeSinceTree();
  const r = await runCli(['test', ...CODEMOD], dir);
  expect(r.code).toBe(0);
  rmSync(join(dir, 'tools/testdata/time-since/since.go.golden'));
  const again = await runCli(['test', ...CODEMOD], dir);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain('FAIL time-since/since\n    since.go changed, but there is no since.go.golden (no golden: no change) (- want, + got):\n');
});

test('a missing want and an unexpected finding: FAIL naming the file and line, exit 1', async () => {
  // The want moves from the call (line 6) to a line with no finding (line 10).
  const moved = SINCE_GO.replace(/ \/\/ want .*\n/, '\n').replace('return t.Sub(t)', 'return t.Sub(t) // want `is time.Since`');
  const dir = timeSinceTree({
    'tools/testdata/time-since/since.go': moved,
    'tools/testdata/time-since/since.go.golden': moved.replace('time.Now().Sub(t)', 'time.Since(t)'),
  });
  const r = await runCli(['test', ...CODEMOD], dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    `FAIL time-since/since\n    since.go:10: no finding matches want "is time.Since"\n    since.go:6: unexpected finding: time.Now().Sub(t) is time.Since(t)\n${UNTOUCHED_OK}\n`,
  );
  expect(r.stdout).toMatch(/\n3 cases, 1 failed\n$/);
});

test('a want whose regexp does not match the message fails too', async () => {
  const dir = timeSinceTree({ 'tools/testdata/time-since/pkg/a/a.go': PKG_A_GO.replace('`is time.Since`', '`is time.Until`') });
  const r = await runCli(['test', ...CODEMOD], dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('FAIL time-since/pkg\n    a/a.go:7: no finding matches want "is time.Until"\n    a/a.go:7: unexpected finding: time.Now().Sub(t) is time.Since(t)\n');
});

test('a codemod that is not idempotent: FAIL saying so', async () => {
  // Appends a line on every run: the engine stops after its rounds, a second run adds more.
  const dir = tmpTree({
    'grow.mjs': `export default {
  name: 'grow',
  description: 'appends a comment, again and again',
  run(ctx) {
    const end = ctx.file.source.length;
    ctx.report({ start: end, end, message: 'grow', fixes: [{ message: 'grow', edits: [{ start: end, end, text: '// more\\n' }] }] });
  },
};
`,
    'testdata/grow/a.go': 'package a\n',
  });
  const r = await runCli(['test', '--codemod', 'grow.mjs', '--update'], dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^FAIL grow\/a\n/);
  expect(r.stdout).toContain('    a.go: not idempotent: a second run over the output changes it:\n    diff --git a/a.go b/a.go\n');
  expect(r.stdout).toMatch(/\n1 case, 1 failed; 1 golden written, 0 deleted\n$/);
});

test('--update writes and deletes goldens from the outputs, never touches inputs, and the goldens then pass', async () => {
  const td = 'tools/testdata/time-since';
  const dir = timeSinceTree({
    [`${td}/since.go.golden`]: 'stale\n',
    [`${td}/untouched.go.golden`]: UNTOUCHED_GO, // equal to its input: deleted
  });
  rmSync(join(dir, td, 'pkg/a/a.go.golden'));
  const r = await runCli(['test', ...CODEMOD, '--update'], dir);
  expect(r).toEqual({
    code: 0,
    stdout: [
      'ok   time-since/pkg',
      `    wrote ${td}/pkg/a/a.go.golden`,
      'ok   time-since/since',
      `    wrote ${td}/since.go.golden`,
      UNTOUCHED_OK,
      `    deleted ${td}/untouched.go.golden`,
      '3 cases, 0 failed; 2 goldens written, 1 deleted',
      '',
    ].join('\n'),
    stderr: '',
  });
  expect(readFileSync(join(dir, td, 'since.go.golden'), 'utf8')).toBe(SINCE_GOLDEN);
  expect(readFileSync(join(dir, td, 'since.go'), 'utf8')).toBe(SINCE_GO); // wants are never rewritten
  expect(readFileSync(join(dir, td, 'pkg/a/a.go.golden'), 'utf8')).toBe(PKG_A_GO.replace('time.Now().Sub(start)', 'time.Since(start)'));
  expect(existsSync(join(dir, td, 'untouched.go.golden'))).toBe(false);
  const again = await runCli(['test', ...CODEMOD, '--update'], dir);
  expect(again.stdout).toBe(`ok   time-since/pkg\nok   time-since/since\n${UNTOUCHED_OK}\n3 cases, 0 failed; 0 goldens written, 0 deleted\n`);
  expect((await runCli(['test', ...CODEMOD], dir)).code).toBe(0);
});

test('--update still fails on wants: it fixes goldens only', async () => {
  const dir = timeSinceTree({ 'tools/testdata/time-since/untouched.go': UNTOUCHED_GO.replace('t.Sub(t) }', 't.Sub(t) } // want `nothing`') });
  const r = await runCli(['test', ...CODEMOD, '--update'], dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    'FAIL time-since/untouched\n' +
      '    the codemod never ran on this case: no file contains one of its needles ("time.Now().Sub("); so its wants and goldens cannot be met\n' +
      '    untouched.go:5: no finding matches want "nothing"\n',
  );
});

test('--run filters cases by a regexp on name/case', async () => {
  const dir = timeSinceTree({ 'tools/testdata/time-since/since.go.golden': 'wrong\n' });
  const r = await runCli(['test', ...CODEMOD, '--run', 'time-since/(pkg|untouched)$'], dir);
  expect(r).toEqual({ code: 0, stdout: `ok   time-since/pkg\n${UNTOUCHED_OK}\n2 cases, 0 failed\n`, stderr: '' });
  const none = await runCli(['test', ...CODEMOD, '--run', '^other/'], dir);
  expect(none).toEqual({ code: 0, stdout: '0 cases, 0 failed\n', stderr: 'gocodemod: no case matches --run ^other/\n' });
});

test('several --codemod files: each with its own testdata/<name>/', async () => {
  const dir = timeSinceTree({
    'other/keep.mjs': "export default { name: 'keep', description: 'finds nothing', run() {} };\n",
    'other/testdata/keep/x.go': 'package x\n',
  });
  const r = await runCli(['test', ...CODEMOD, '--codemod', 'other/keep.mjs'], dir);
  expect(r.stdout).toBe(`ok   time-since/pkg\nok   time-since/since\n${UNTOUCHED_OK}\nok   keep/x\n4 cases, 0 failed\n`);
  expect(r.code).toBe(0);
});

test('examples/codemods/ioutil-to-io-os.ts with fixtures laid out as README.md shows', async () => {
  const calls = `package calls

import (
\t"io"
\t"io/ioutil" // want \`io/ioutil is deprecated: use io and os\`
)

func Read(r io.Reader) ([]byte, error) {
\treturn ioutil.ReadAll(r)
}

func Copy(src, dst string) error {
\tdata, err := ioutil.ReadFile(src)
\tif err != nil {
\t\treturn err
\t}
\treturn ioutil.WriteFile(dst, data, 0o644)
}
`;
  const dir = tmpTree({
    'codemods/testdata/ioutil-to-io-os/calls.go': calls,
    'codemods/testdata/ioutil-to-io-os/calls.go.golden': calls
      .replace('"io/ioutil" // want `io/ioutil is deprecated: use io and os`', '"os"') // the import's comment goes with it
      .replace('ioutil.ReadAll', 'io.ReadAll')
      .replace('ioutil.ReadFile', 'os.ReadFile')
      .replace('ioutil.WriteFile', 'os.WriteFile'),
    // Go 1.15 has no io.ReadAll: the codemod (minGo 1.16) leaves the module alone.
    'codemods/testdata/ioutil-to-io-os/old_go/go.mod': 'module example.com/old\n\ngo 1.15\n',
    'codemods/testdata/ioutil-to-io-os/old_go/old.go': calls.replace(' // want `io/ioutil is deprecated: use io and os`', ''),
  });
  cpSync(join(repo, 'examples', 'codemods', 'ioutil-to-io-os.ts'), join(dir, 'codemods', 'ioutil-to-io-os.ts'));
  const r = await runCli(['test', '--codemod', 'codemods/ioutil-to-io-os.ts'], dir);
  expect(r).toEqual({
    code: 0,
    stdout: 'ok   ioutil-to-io-os/calls\nok   ioutil-to-io-os/old_go (negative case: the codemod never ran: the Go version is too old (go 1.15 is older than 1.16))\n2 cases, 0 failed\n',
    stderr: '',
  });
});

describe('usage errors: exit 2', () => {
  test('no --codemod', async () => {
    const r = await runCli(['test'], tmpTree({}));
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'gocodemod: test needs a codemod or rules: gocodemod test FILE (or --codemod FILE, or --rules PATH)\n(see gocodemod test --help)\n' });
  });

  test('no testdata directory: the path it looked for', async () => {
    const dir = tmpTree({ 'tools/time-since.ts': TIME_SINCE_TS });
    const r = await runCli(['test', ...CODEMOD], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "gocodemod: --codemod tools/time-since.ts: no fixtures for 'time-since': looked for the directory tools/testdata/time-since/\n" });
  });

  test('a testdata directory without cases', async () => {
    const dir = tmpTree({ 'tools/time-since.ts': TIME_SINCE_TS, 'tools/testdata/time-since/README': 'nothing\n' });
    const r = await runCli(['test', ...CODEMOD], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gocodemod: --codemod tools/time-since.ts: no cases in tools/testdata/time-since/ (expected <case>.go files or <case>/ folders)\n');
  });

  test('a bad --run regexp', async () => {
    const r = await runCli(['test', ...CODEMOD, '--run', '(since'], timeSinceTree());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gocodemod: --run \(since: not a regular expression \(.*\)\n\(see gocodemod test --help\)\n$/);
    expect(r.stdout).toBe('');
  });

  test('a stray argument, an unknown flag, a codemod file that does not exist', async () => {
    const dir = timeSinceTree();
    const stray = await runCli(['test', ...CODEMOD, 'since'], dir);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("test takes codemod files (.ts, .mts, .js, .mjs), got 'since'");
    expect((await runCli(['test', ...CODEMOD, '--write'], dir)).stderr).toContain("unknown option '--write'");
    const missing = await runCli(['test', '--codemod', 'nope.ts'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'gocodemod: --codemod nope.ts: no such file\n' });
  });
});

test('gocodemod test --help, and the command in the global help', async () => {
  const dir = tmpTree({});
  const r = await runCli(['test', '--help'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: gocodemod test \[--update\] \[--run PATTERN\] FILE\.\.\.\n {7}gocodemod test --codemod FILE \[--codemod FILE\.\.\.\] \[--update\] \[--run PATTERN\]\n/);
  for (const flag of ['--codemod FILE', '--update', '--run PATTERN']) expect(r.stdout).toContain(flag);
  expect((await runCli(['--help'], dir)).stdout).toMatch(/\n {2}test {2,}run the fixtures of codemods of your own/);
});

test('README.md documents it', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  expect(readme).toContain('gocodemod test --codemod FILE');
  expect(readme).toContain('gocodemod test time-since.ts');
  expect(readme).toContain('negative case');
  expect(readme).toMatch(/### Testing it/);
});
