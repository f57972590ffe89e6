/**
 * `run --interactive` driven through a real pseudo-terminal: tmux runs the built CLI, the
 * test reads the screen (capture-pane) and types at each prompt (send-keys). The files must
 * hold exactly the accepted changes, still parse, and build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { loadGoParser } from '../src/go/parser.js';
import { errorRegions } from '../src/engine/syntax-errors.js';

afterAll(cleanupTmpTrees);

const bin = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'bin.js');
const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux && process.env.CI) throw new Error('CI: tmux is needed for the --interactive tests (.ci/run installs it)');
if (!haveTmux) console.warn('tmux not found: skipping the --interactive terminal tests');

const literal = readFileSync(join(import.meta.dirname, '..', 'codemods', 'sliceheader-to-unsafe-slice', 'testdata', 'literal.go'), 'utf8').replace(/ \/\/ want .*$/gm, '');
const threeEmpty = (name: string, n: number) =>
  `package m\n\n${Array.from({ length: n }, (_, i) => `// ${name}${i} takes anything.\nfunc ${name}${i}(v interface{}) int {\n\treturn ${i}\n}\n`).join('\n')}`;
const files = {
  'go.mod': 'module example.com/m\n\ngo 1.22\n',
  'a.go': threeEmpty('A', 3),
  'b.go': threeEmpty('B', 2),
  'c.go': literal.replace('package literal', 'package m'),
  'd.go': threeEmpty('D', 2),
};

/** One tmux server per test, on its own socket; only it is ever killed. */
class Terminal {
  private readonly socket = `gocodemod-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  constructor(cwd: string, command: string) {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-c', cwd, command);
  }
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
  screen(): string {
    try {
      return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-');
    } catch {
      return ''; // the session has ended
    }
  }
  keys(...keys: string[]) {
    this.tmux('send-keys', ...keys);
  }
  close() {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone */
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, done: () => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const prompts = (screen: string) => screen.match(/\(\d+\/\d+\) Apply this change \[y,n,a,d,q,\?\]\? /g) ?? [];

/** Runs the CLI in tmux, answering the n-th prompt with answers[n]; returns the exit code and screen. */
async function session(dir: string, answers: string[]): Promise<{ code: number; screen: string }> {
  const exitFile = join(dir, '.exit');
  const term = new Terminal(dir, `node ${bin} run --all --interactive --no-cache .; echo $? > ${exitFile}; sleep 600`);
  try {
    for (let i = 0; i < answers.length; i++) {
      await waitFor(`prompt ${i + 1}`, () => prompts(term.screen()).length > i);
      term.keys(answers[i]);
    }
    await waitFor('the end of the run', () => existsSync(exitFile) && readFileSync(exitFile, 'utf8').endsWith('\n'));
    return { code: Number(readFileSync(exitFile, 'utf8').trim()), screen: term.screen() };
  } finally {
    term.close();
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
(haveTmux ? test : test.skip)('accept some, skip some, a/d for the rest of a file, help, quit: the files hold exactly the accepted changes', async () => {
  const dir = tmpTree(files);
  const report = JSON.parse((await runCli(['run', '--all', '--format', 'json', '-q', '.'], dir)).stdout);
  const changes: any[] = report.changes;
  // a.go: 0 1 2, b.go: 3 4, c.go: 5 (three findings, four hunks: one change), d.go: 6 7.
  expect(changes.map((c) => `${c.edits[0].path}:${c.edits.length}`)).toEqual(['a.go:1', 'a.go:1', 'a.go:1', 'b.go:1', 'b.go:1', 'c.go:4', 'd.go:1', 'd.go:1']);
  const { code, screen } = await session(dir, ['y', 'n', '?', 'y', 'd', 'a', 'x', 'y', 'q']);
  expect(code).toBe(0);
  expect(screen).toContain('(2/8) Apply this change');
  expect(screen).toContain('y - apply this change'); // the help
  expect(screen).toContain('"x": not an answer');
  expect(screen).toContain('interface{} can be any (interface-to-any)');
  expect(screen).toMatch(/@@ -\d+,\d+ \+\d+,\d+ @@ func A0\(v interface\{\}\) int \{/);
  expect(screen).toContain('4 of 8 changes accepted');

  const accepted = new Set([0, 2, 5, 6]);
  for (const name of ['a.go', 'b.go', 'c.go', 'd.go'] as const) {
    const edits = changes.filter((c) => accepted.has(c.id)).flatMap((c) => c.edits.filter((e: any) => e.path === name));
    let want: string = files[name];
    for (const e of edits.sort((x: any, y: any) => y.start - x.start)) want = want.slice(0, e.start) + e.text + want.slice(e.end);
    expect({ name, text: readFileSync(join(dir, name), 'utf8') }).toEqual({ name, text: want });
  }
  expect(readFileSync(join(dir, 'b.go'), 'utf8')).toBe(files['b.go']);
  const parser = await loadGoParser();
  for (const name of ['a.go', 'c.go', 'd.go']) {
    const text = readFileSync(join(dir, name), 'utf8');
    const tree = parser.parse(text);
    expect({ name, errors: errorRegions(tree, text).length }).toEqual({ name, errors: 0 });
    tree.delete();
  }
  if (haveGo()) {
    const built = spawnSync('go', ['build', './...'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off', GOWORK: 'off' } });
    expect(built.stderr).toBe('');
  }
});

(haveTmux ? test : test.skip)('Ctrl-C stops without writing anything (exit 130)', async () => {
  const dir = tmpTree(files);
  const { code, screen } = await session(dir, ['y', 'C-c']);
  expect(code).toBe(130);
  expect(screen).toContain('nothing written');
  for (const [name, text] of Object.entries(files)) expect({ name, same: readFileSync(join(dir, name), 'utf8') === text }).toEqual({ name, same: true });
});
