/**
 * Bad input and faults, one table each: every file is left exactly as it was or replaced
 * whole by the correct result, and every problem is reported with its file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { packageRoot } from '../src/package-root.js';
import { defineCodemod } from '../src/go/codemod.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const GOMOD = 'module m\n\ngo 1.22\n';
const interfaceToAny = builtinCodemods.find((c) => c.name === 'interface-to-any')!;

describe('bad input', () => {
  // 20 MB of declarations, one in a thousand with an empty interface to rewrite.
  const bigBody = (() => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const l = i % 1000 === 0 ? `var v${i} interface{}\n` : `var v${i} = "${'x'.repeat(40)}"\n`;
      lines.push(l);
      size += l.length;
    }
    return lines.join('');
  })();
  const deep = `package m\n\nvar x interface{} = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`;
  // 10 MB on one line, an empty interface every ~250 bytes (40,000 findings): counting each
  // finding's column from the start of the line made this take minutes; the test timeout
  // is the generous bound.
  const oneLine = (() => {
    const parts = ['package m;'];
    let size = parts[0].length;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const p = i % 5 === 0 ? `var v${i} interface{};` : `var v${i} = "${'x'.repeat(40)}";`;
      parts.push(p);
      size += p.length;
    }
    return parts.join('') + '\n';
  })();

  test.each([
    ['NUL bytes (binary content with a .go name)', Buffer.from('package m\n\x00\x01\x02var X interface{}\n'), 2, /a\.go:2: error: binary content/, undefined],
    ['invalid UTF-8', Buffer.from([...Buffer.from('package m\n\nvar X interface{} // '), 0xc3, 0x28, 10]), 2, /a\.go:3: error: invalid UTF-8/, undefined],
    ['an empty file', Buffer.from(''), 0, /1 file scanned, 0 changed, 1 unchanged/, undefined],
    ['a BOM and CRLF', Buffer.from('\uFEFFpackage m\r\n\r\nvar X interface{}\r\n'), 0, /1 changed/, '\uFEFFpackage m\r\n\r\nvar X any\r\n'],
    ['expressions nested a thousand deep', Buffer.from(deep), 0, /1 changed/, deep.replace('interface{}', 'any')],
    ['a syntax error elsewhere in the file', Buffer.from('package m\n\nvar X interface{}\n\nfunc f() {\n\tx := \n}\n'), 0, /1 changed/, 'package m\n\nvar X any\n\nfunc f() {\n\tx := \n}\n'],
    ['a syntax error around the edit', Buffer.from('package m\n\nfunc f() {\n\tvar X interface{} = \n}\n'), 0, /0 changed/, undefined],
    ['an unterminated comment (Go reads the rest as comment text)', Buffer.from('package m\n\nvar A interface{}\n\n/* unterminated\n\nvar F interface{}\n'), 0, /1 changed/, 'package m\n\nvar A any\n\n/* unterminated\n\nvar F interface{}\n'],
    ['a 20 MB file', Buffer.from(`package m\n\n${bigBody}`), 0, /1 changed/, `package m\n\n${bigBody.replaceAll('interface{}', 'any')}`],
    ['a 10 MB file on one line', Buffer.from(oneLine), 0, /1 changed/, oneLine.replaceAll('interface{}', 'any')],
  ])('%s', async (_name, bytes, code, stderr, expected) => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a.go': bytes });
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(code);
    const after = readFileSync(join(dir, 'a.go'));
    expect(after.equals(expected === undefined ? bytes : Buffer.from(expected, 'utf8'))).toBe(true);
  });
});

describe('faults during a run', () => {
  /** A codemod with a side effect on disk, to stage races a real run could meet. */
  const sabotage = (name: string, act: (dir: string) => void, dir: string) =>
    defineCodemod({
      name,
      description: 'test only',
      run(ctx) {
        if (ctx.file.path === 'a/a.go') act(dir);
      },
    });

  test('a file deleted between discovery and read is an error; the run goes on', async () => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a/a.go': 'package a\n\nvar X interface{}\n', 'b/b.go': 'package b\n\nvar Y interface{}\n' });
    const del = sabotage('delete-b', (d) => rmSync(join(d, 'b/b.go'), { force: true }), dir);
    const r = await runCli(['run', 'delete-b', 'interface-to-any', '--write', '-j', '1', '.'], dir, {}, [del, interfaceToAny]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b/b.go: error: cannot read: no such file or directory');
    expect(readFileSync(join(dir, 'a/a.go'), 'utf8')).toBe('package a\n\nvar X any\n');
  });

  test('a file changed on disk between read and write is not written, and reported', async () => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a/a.go': 'package a\n\nvar X interface{}\n' });
    const edit = sabotage('edit-a', (d) => writeFileSync(join(d, 'a/a.go'), 'package a\n\nvar X interface{} // mine\n'), dir);
    const r = await runCli(['run', 'edit-a', 'interface-to-any', '--write', '-j', '1', '.'], dir, {}, [edit, interfaceToAny]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a/a.go: error: not written: the file changed on disk after it was read');
    expect(readFileSync(join(dir, 'a/a.go'), 'utf8')).toBe('package a\n\nvar X interface{} // mine\n');
  });

  test.each([
    ['throws', () => {
      throw new Error('boom');
      // A crash is printed once per codemod, with the files and the stack (src/output/crash-report.ts).
    }, /gocodemod: codemod bad crashed on 1 file \(a\/a\.go\); they are left as they were:\n {4}Error: boom\n/],
    ['returns overlapping edits inside one fix', (ctx: any) => ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f', edits: [{ start: 0, end: 4, text: '' }, { start: 2, end: 6, text: '' }] }] }), /a\/a\.go: error: codemod bad returned an invalid fix: .*overlap \(bad\)/],
    ['returns edits out of range', (ctx: any) => ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f', edits: [{ start: 5, end: 1e6, text: '' }] }] }), /a\/a\.go: error: codemod bad returned an invalid fix: .*out of range.* \(bad\)/],
  ])('a codemod that %s: that file is an error naming it, the run goes on, exit 2', async (_n, body, re) => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a/a.go': 'package a\n\nvar X interface{}\n', 'b/b.go': 'package b\n\nvar Y interface{}\n' });
    const bad = defineCodemod({
      name: 'bad',
      description: 'test only',
      run(ctx) {
        if (ctx.file.path === 'a/a.go') body(ctx);
      },
    });
    const r = await runCli(['run', 'bad', 'interface-to-any', '--write', '.'], dir, {}, [bad, interfaceToAny]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(readFileSync(join(dir, 'a/a.go'), 'utf8')).toBe('package a\n\nvar X interface{}\n'); // untouched
    expect(readFileSync(join(dir, 'b/b.go'), 'utf8')).toBe('package b\n\nvar Y any\n'); // the run went on
  });

  test('a read-only file is not written, even by root', async () => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a.go': 'package m\n\nvar X interface{}\n' });
    chmodSync(join(dir, 'a.go'), 0o444);
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.go: error: not written: the file is read-only');
    expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('package m\n\nvar X interface{}\n');
  });
});

/**
 * Permission faults need a user without root's powers: as root, the CLI runs under
 * setpriv as nobody.
 */
function asUnprivileged(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const r = spawnSync('setpriv', ['--version']);
  return r.status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;
}
const prefix = asUnprivileged();

(prefix ? describe : describe.skip)('permissions (as an unprivileged user)', () => {
  const cli = (dir: string, ...args: string[]) => {
    const cmd = [...prefix!, process.execPath, join(packageRoot(), 'dist/src/cli/bin.js'), ...args];
    return spawnSync(cmd[0], cmd.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, GOCODEMOD_CACHE_DIR: join(dir, '.cache') } });
  };
  const tree = () => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'ok/ok.go': 'package ok\n\nvar X interface{}\n', 'x/x.go': 'package x\n\nvar Y interface{}\n' });
    execFileSync('chmod', ['-R', 'a+rwX', dir]);
    return dir;
  };

  test('no read permission: reported, exit 2, the rest is written', () => {
    const dir = tree();
    chmodSync(join(dir, 'x/x.go'), 0o000);
    const r = cli(dir, 'run', 'interface-to-any', '--write', '.');
    expect(r.stderr).toContain('x/x.go: error: cannot read: permission denied');
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'ok/ok.go'), 'utf8')).toBe('package ok\n\nvar X any\n');
  });

  test('a read-only directory: the file is not written, no temp file is left', () => {
    const dir = tree();
    chmodSync(join(dir, 'x'), 0o555);
    const r = cli(dir, 'run', 'interface-to-any', '--write', '.');
    expect(r.stderr).toContain('x/x.go: error: not written: permission denied');
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'x/x.go'), 'utf8')).toBe('package x\n\nvar Y interface{}\n');
    expect(readdirSync(join(dir, 'x'))).toEqual(['x.go']);
    expect(readFileSync(join(dir, 'ok/ok.go'), 'utf8')).toBe('package ok\n\nvar X any\n');
  });

  test('an unreadable directory: reported with its path, exit 2', () => {
    const dir = tree();
    chmodSync(join(dir, 'x'), 0o000);
    const r = cli(dir, 'run', 'interface-to-any', '.');
    expect(r.stderr).toMatch(/error: x: permission denied/);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'ok/ok.go'))).toBe(true);
  });
});
