/**
 * The playground's logic, without a browser (test/playground-browser.test.ts drives the page):
 * "copy as CLI" gives a command whose output is what the page shows; "copy as fixture" gives
 * cases that `gocodemod test` passes; links keep the state; problems in the rule pane are
 * located; the local server serves the page and nothing else.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { portableGuard } from '../src/engine/codemod-call.js';
import { loadGofmt } from '../src/engine/gofmt.js';
import { loadGoParser } from '../src/go/parser.js';
import { builtinCodemods } from '../src/registry/builtins.js';
import { evaluate, reportLines } from '../src/playground/evaluate.js';
import { cliCommand, fixtureExport, fixtureScript, hereDoc, withWants } from '../src/playground/exports.js';
import type { Platform, PlaygroundFile } from '../src/playground/run-files.js';
import { compileSelection } from '../src/playground/selection.js';
import { startServer } from '../src/playground/server.js';
import { decodeState, defaultState, encodeState, type PlaygroundState } from '../src/playground/state.js';
import { checkCase, listCases } from '../src/testing/fixtures.js';
import { captureOf } from '../src/registry/query-codemod.js';
import { runCli, testCacheDir } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const root = join(import.meta.dirname, '..');
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');

let platform: Platform;
beforeAll(async () => {
  platform = { parser: await loadGoParser(), gofmt: await loadGofmt(), guard: portableGuard };
});

const GO = `package shapes

import "strings"

type Shape interface{ Area() float64 }

func Names(all []interface{}) string {
	var b strings.Builder
	for _, s := range all {
		if strings.Index(b.String(), "x") != -1 {
			b.WriteString("y")
		}
		_ = s
	}
	return b.String()
}
`;

const withFiles = (files: PlaygroundFile[], patch: Partial<PlaygroundState>): PlaygroundState => ({ ...defaultState(), files, active: files[0].path, ...patch });

/** Runs a "copy as CLI" text with `gocodemod` being this checkout's CLI, in a folder holding the files. */
function runCommandLine(command: string, files: readonly PlaygroundFile[]): { stdout: string; status: number | null; stderr: string } {
  const dir = tmpTree(Object.fromEntries(files.map((f) => [f.path, f.text])));
  const script = `gocodemod() { node ${JSON.stringify(bin)} "$@"; }\n${command}`;
  const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOCODEMOD_CACHE_DIR: testCacheDir, NO_COLOR: '1' } });
  return { stdout: r.stdout, status: r.status, stderr: r.stderr };
}

describe('copy as CLI: the command prints what the page shows', () => {
  const single = [{ path: 'shapes.go', text: GO }];
  const multi = [
    { path: 'go.mod', text: 'module example.com/shapes\n\ngo 1.21\n' },
    { path: 'shapes.go', text: GO },
    { path: 'sub/sub.go', text: "package sub\n\nfunc F(v interface{}) interface{} { return v }\n" },
  ];

  test.each([
    ['a pattern pair', withFiles(single, { mode: 'pattern', pattern: { match: 'strings.Index($S, $T) != -1', rewrite: "strings.Contains($S, $T)", context: '', imports: [] } })],
    ['a pattern with quotes', withFiles(single, { mode: 'pattern', pattern: { match: `$B.WriteString("y")`, rewrite: `$B.WriteString("y" + "'")`, context: '', imports: [] } })],
    ['a pattern with --lang-context and --import', withFiles(single, { mode: 'pattern', pattern: { match: 'strings.Index($S, $T) != -1', rewrite: '!strings.Contains($S, $T)', context: 'expr', imports: ['strings=strings'] } })],
    ['YAML rules', withFiles(multi, { mode: 'rule' })],
    ['a built-in codemod with options, in a module', withFiles(multi, { mode: 'codemod', codemod: { name: 'go-directive-bump', options: { to: '1.23' } } })],
    ['a built-in codemod outside any module (--go)', withFiles(single, { mode: 'codemod', codemod: { name: 'interface-to-any', options: {} }, goVersion: '1.21' })],
  ])('%s: the dry run prints the page\'s diff', (_name, state) => {
    const e = evaluate(state, platform, builtinCodemods);
    expect(e.problem).toBeUndefined();
    expect(e.diff).not.toBe('');
    const r = runCommandLine(cliCommand(state), state.files);
    expect(r.stderr).not.toMatch(/usage|error/i);
    expect(r.stdout).toBe(e.diff);
  });

  test('a query: the CLI prints the page\'s matches', () => {
    const state = withFiles(single, { mode: 'query', query: '(call_expression function: (selector_expression field: (field_identifier) @method))' });
    const e = evaluate(state, platform, builtinCodemods);
    const page = reportLines(e).map((r) => `${r.path}:${r.line}:${r.column}: @${captureOf(r.message).name} ${captureOf(r.message).text}\n`).join('');
    expect(page).toContain('shapes.go:10:14: @method Index');
    expect(runCommandLine(cliCommand(state), state.files).stdout).toBe(page);
  });

  test('a pattern without a replacement: the CLI lists the page\'s matches', () => {
    const state = withFiles(single, { mode: 'pattern', pattern: { match: 'b.String()', rewrite: null, context: '', imports: [] } });
    const e = evaluate(state, platform, builtinCodemods);
    expect(e.listOnly).toBe(true);
    const lines = GO.split('\n');
    const page = reportLines(e).map((r) => `${r.path}:${r.line}:${r.column}: ${lines[r.line - 1]}\n`).join('');
    expect(page.split('\n').length - 1).toBe(2);
    expect(runCommandLine(cliCommand(state), state.files).stdout).toBe(page);
  });

  test('hereDoc and printf write any text back byte for byte', () => {
    for (const text of ['a\nEOF\nb\n', "no final newline: 'quoted'", 'crlf\r\nEOF1\r\n', '']) {
      const dir = tmpTree({});
      execFileSync('bash', ['-c', hereDoc('out.txt', text)], { cwd: dir });
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(text);
    }
  });
});

describe('copy as fixture: gocodemod test passes the cases it gives', () => {
  /** Writes the export's shell script out and runs it: the files it makes. */
  function writeExport(state: PlaygroundState): string {
    const x = fixtureExport(state, platform, builtinCodemods);
    if (typeof x === 'string') throw new Error(x);
    expect(x.notes).toEqual([]);
    const dir = tmpTree({});
    execFileSync('bash', ['-c', fixtureScript(x)], { cwd: dir });
    for (const f of x.files) expect(readFileSync(join(dir, f.path), 'utf8')).toBe(f.text);
    return dir;
  }

  test('a pattern pair: a rule file and a single-file case with its want and golden', async () => {
    const state = withFiles([{ path: 'shapes.go', text: GO }], { mode: 'pattern' });
    const dir = writeExport(state);
    expect(readFileSync(join(dir, 'testdata/my-rewrite/shapes.go'), 'utf8')).toContain('!= -1 { // want "strings\\\\.Index');
    const r = await runCli(['test', '--rules', 'rules.yaml'], dir);
    expect(r.stdout).toContain('ok   my-rewrite/shapes');
    expect(r.code).toBe(0);
  });

  test('two YAML rules over a module with two packages: one folder case per rule', async () => {
    const rule = `${defaultState().rule}---\nid: any-param\ndescription: interface{} parameters are any\nmatch: "func $F($P interface{}) interface{} { $$$B }"\nrewrite: "func $F($P any) any { $$$B }"\ncontext: decl\n`;
    const files = [
      { path: 'go.mod', text: 'module example.com/shapes\n\ngo 1.22\n' },
      { path: 'shapes.go', text: GO },
      { path: 'sub/sub.go', text: 'package sub\n\nfunc F(v interface{}) interface{} { return v }\n' },
    ];
    const dir = writeExport(withFiles(files, { mode: 'rule', rule }));
    expect(readFileSync(join(dir, 'testdata/any-param/case/sub/sub.go.golden'), 'utf8')).toContain('func F(v any) any');
    const r = await runCli(['test', '--rules', 'rules.yaml'], dir);
    expect(r.stdout).toMatch(/ok {3}index-to-contains\/case/);
    expect(r.stdout).toMatch(/ok {3}any-param\/case/);
    expect(r.code).toBe(0);
  });

  test("a built-in codemod: a case its own fixture runner passes", async () => {
    const state = withFiles([{ path: 'shapes.go', text: GO }], { mode: 'codemod', codemod: { name: 'interface-to-any', options: {} } });
    const dir = writeExport(state);
    const [c] = listCases(join(dir, 'codemods/interface-to-any/testdata'));
    expect(c.files.map((f) => [f.rel, f.golden !== undefined])).toEqual([['shapes.go', true]]);
    const r = await checkCase(c, { codemod: builtinCodemods.find((b) => b.name === 'interface-to-any')!, options: {} }, { scratch: tmpTree({}) });
    expect(r.failures).toEqual([]);
  });

  test('a query has none, and says why', () => {
    expect(fixtureExport({ ...defaultState(), mode: 'query' }, platform, builtinCodemods)).toMatch(/a query is not a codemod/);
  });

  test('want comments go before a CR, and several on one line share the comment', () => {
    expect(withWants('a\r\nb\n', [{ line: 1, message: 'x.y' }, { line: 1, message: 'z' }])).toBe('a // want "x\\\\.y" "z"\r\nb\n');
  });
});

describe('links', () => {
  test('a state survives the URL fragment whole, whatever its text', async () => {
    const state = withFiles([{ path: 'a.go', text: 'package a\r\n// ünïcödé 🎉 \u0000\n' }, { path: 'b/go.mod', text: 'module b\n' }], {
      mode: 'codemod',
      active: 'b/go.mod',
      codemod: { name: 'go-directive-bump', options: { to: '1.23' } },
      pattern: { match: '$X', rewrite: null, context: 'expr', imports: ['a=b/c'] },
      view: 'output',
    });
    const fragment = await encodeState(state);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(state);
  });

  test('a damaged or foreign link says what is wrong', async () => {
    const good = await encodeState(defaultState());
    await expect(decodeState('#other')).rejects.toThrow(/holds no playground state/);
    await expect(decodeState(good.slice(0, good.length / 2))).rejects.toThrow(/damaged/);
    const foreign = await encodeState({ ...defaultState(), files: [] });
    await expect(decodeState(foreign)).rejects.toThrow(/no files/);
  });
});

describe('problems in the rule pane are located', () => {
  const at = (s: PlaygroundState) => {
    const sel = compileSelection(s, platform.parser, builtinCodemods);
    if (sel.ok) throw new Error('compiled');
    return sel.problem;
  };

  test('a query: the unknown node type is underlined, with a suggestion', () => {
    const query = '(call_expression\n  function: (identifer) @fn)';
    const p = at({ ...defaultState(), mode: 'query', query });
    expect(p.field).toBe('query');
    expect(query.slice(p.from, p.to)).toBe('identifer');
    expect(p.message).toMatch(/unknown node type 'identifer' \(did you mean 'identifier'\?\)/);
  });

  test('a query that ends early is underlined to its end', () => {
    const p = at({ ...defaultState(), mode: 'query', query: '(call_expression' });
    expect(p.message).toMatch(/ends early/);
  });

  test('a pattern that does not parse', () => {
    const p = at({ ...defaultState(), mode: 'pattern', pattern: { match: 'foo(', rewrite: 'bar', context: '', imports: [] } });
    expect(p.field).toBe('pattern');
    expect(p.message).toMatch(/does not parse/);
  });

  test('a YAML rule: the line of the field at fault', () => {
    const p = at({ ...defaultState(), mode: 'rule', rule: 'id: x\ndescription: y\nmatch: foo($X)\nrewrite: bar($Y)\n' });
    expect(p).toMatchObject({ field: 'rule', line: 4 });
    expect(p.message).toMatch(/^rewrite: /);
  });

  test('a Go version that is none, as --go takes them', () => {
    expect(at({ ...defaultState(), goVersion: 'abc' })).toEqual({ field: 'goVersion', message: '--go abc: not a Go version (forms: 1.22, 1.22.3, 1.23rc1)' });
    expect(compileSelection({ ...defaultState(), goVersion: '' }, platform.parser, builtinCodemods).ok).toBe(true);
  });

  test("a codemod's option that it refuses", () => {
    const p = at({ ...defaultState(), mode: 'codemod', codemod: { name: 'go-directive-bump', options: { to: 'soon' } } });
    expect(p.field).toBe('options');
    expect(p.message).toMatch(/go-directive-bump/);
  });
});

describe('gocodemod playground: the local server', () => {
  test('serves the page and its WASM on 127.0.0.1, and nothing else', async () => {
    const server = await startServer(0);
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
      const page = await get('/');
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('<script type="module" src="app.js">');
      for (const wasm of ['/web-tree-sitter.wasm', '/tree-sitter-go.wasm', '/gofmt.wasm']) {
        const r = await get(wasm);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe('application/wasm');
        expect(WebAssembly.validate(new Uint8Array(await r.arrayBuffer()))).toBe(true);
      }
      for (const path of ['/package.json', '/../package.json', '/%2e%2e/package.json', '/dist/playground/app.js', '/favicon.ico']) expect((await get(path)).status).toBe(404);
      expect((await get('/', { method: 'POST' })).status).toBe(405);
    } finally {
      server.close();
    }
  });

  test('the command serves until interrupted, and says when the port is taken', async () => {
    const busy = await startServer(0);
    try {
      const port = (busy.address() as AddressInfo).port;
      const taken = await runCli(['playground', '--port', String(port)], root);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`port ${port} is in use`);
    } finally {
      busy.close();
    }
    const bad = await runCli(['playground', '--port', 'http'], root);
    expect(bad.stderr).toContain('--port http: expected a port number');
    const stop = new AbortController();
    let stdout = '';
    const running = (await import('../src/cli/main.js')).main(['playground', '--port', '0'], {
      cwd: root,
      env: {},
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      signal: stop.signal,
    });
    for (let i = 0; i < 100 && !stdout; i++) await new Promise((r) => setTimeout(r, 50));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
    expect((await fetch(url)).status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});

test('--open hands the URL to the system\'s opener (xdg-open here); Ctrl-C (SIGINT) ends the server with exit 0', async () => {
  const dir = tmpTree({ 'bin/xdg-open': '#!/bin/sh\nprintf %s "$1" > "$(dirname "$0")/opened"\n' });
  chmodSync(join(dir, 'bin/xdg-open'), 0o755);
  const child = spawn(process.execPath, [bin, 'playground', '--port', '0', '--open'], { env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let opened = '';
  for (let i = 0; i < 200 && !opened; i++) {
    await new Promise((r) => setTimeout(r, 50));
    opened = existsSync(join(dir, 'bin/opened')) ? readFileSync(join(dir, 'bin/opened'), 'utf8') : '';
  }
  expect(opened).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(stdout).toBe(`gocodemod playground: ${opened} (Ctrl-C to stop)\n`);
  expect((await fetch(opened)).status).toBe(200);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

test('npm run build writes the static site to dist/playground; the package carries the page, not copies of the WASM', () => {
  for (const f of ['index.html', 'app.js', 'app.css', 'web-tree-sitter.wasm', 'tree-sitter-go.wasm', 'gofmt.wasm']) expect(readFileSync(join(root, 'dist/playground', f)).length).toBeGreaterThan(0);
  const files = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).files as string[];
  expect(files).toEqual(expect.arrayContaining(['dist', '!dist/playground/*.wasm']));
});
