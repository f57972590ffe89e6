import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../src/run/write-file.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

test('replaces the file whole, keeps its mode, leaves no temporary file', () => {
  const dir = tmpTree({ 'a.go': 'old\n' });
  chmodSync(join(dir, 'a.go'), 0o755);
  expect(replaceFileAtomically(join(dir, 'a.go'), Buffer.from('old\n'), 'new ✓\n')).toEqual({ ok: true });
  expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('new ✓\n');
  expect(statSync(join(dir, 'a.go')).mode & 0o777).toBe(0o755);
  expect(readdirSync(dir)).toEqual(['a.go']);
});

test('a file changed on disk since it was read is not written', () => {
  const dir = tmpTree({ 'a.go': 'changed by someone else\n' });
  const r = replaceFileAtomically(join(dir, 'a.go'), Buffer.from('what we read\n'), 'our result\n');
  expect(r).toEqual({ ok: false, message: 'not written: the file changed on disk after it was read' });
  expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('changed by someone else\n');
});

test('never writes through a symlink that appeared since the read', () => {
  const dir = tmpTree({ 'target.go': 'x\n' });
  symlinkSync(join(dir, 'target.go'), join(dir, 'a.go'));
  const r = replaceFileAtomically(join(dir, 'a.go'), Buffer.from('x\n'), 'y\n');
  expect(r.ok).toBe(false);
  expect(readFileSync(join(dir, 'target.go'), 'utf8')).toBe('x\n');
});

test('a BOM and CRLF line ends are kept byte for byte, and the diff applies', async () => {
  const src = '\uFEFFpackage m\r\n\r\n// 中文 😀\r\nvar X interface{} = "é"\r\n';
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': src });
  const dry = await runCli(['run', '--all', '.'], dir);
  expect(dry.stdout).toContain('-var X interface{} = "é"\r\n+var X any = "é"\r\n');
  await runCli(['run', '--all', '--write', '.'], dir);
  expect(readFileSync(join(dir, 'a.go')).equals(Buffer.from(src.replace('interface{}', 'any'), 'utf8'))).toBe(true);
});
