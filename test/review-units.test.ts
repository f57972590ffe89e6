/**
 * The pieces of the review output: hunk headers as git's golang diff driver writes them,
 * regions and changes, line-attached edits, GitHub's escaping and annotation limits, and the
 * size cap of the Markdown comment.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyHunks, diffHeader, diffHunks, unifiedDiff } from '../src/output/unified-diff.js';
import { funcnameRule } from '../src/output/funcname.js';
import { applyRegions, computeChanges, type ReviewFile } from '../src/output/changes.js';
import { lineAttached } from '../src/output/edit-shapes.js';
import { command, escapeData, escapeProperty, renderGithub } from '../src/output/github.js';
import { renderMarkdown } from '../src/output/markdown.js';
import { buildSarif } from '../src/output/sarif.js';
import { prepareReview, type RunRecord } from '../src/output/report.js';
import type { Finding } from '../src/engine/engine.js';
import type { FileResult } from '../src/run/runner.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { git, gitRepo } from './helpers/review.js';

afterAll(cleanupTmpTrees);

const hunkHeaders = (diff: string) => diff.split('\n').filter((l) => l.startsWith('@@'));

describe('hunk headers', () => {
  const server = [
    'package server',
    '',
    'import "net"',
    '',
    'type Server struct {',
    '\tln   net.Listener',
    '\tname string',
    '\tport int',
    '\tdone chan struct{}',
    '}',
    '',
    'func (s *Server) Close() error {',
    '\tif s.ln == nil {',
    '\t\treturn nil',
    '\t}',
    '\tfuncs := []func(){}',
    '\t_ = funcs',
    '\tclose(s.done)',
    '\treturn s.ln.Close()',
    '}',
    '',
    'func AVeryLongFunctionNameThatGoesOnAndOn[K comparable, V interface{ ~int | ~string }](m map[K]V) []K {',
    '\tvar out []K',
    '\tfor k := range m {',
    '\t\tout = append(out, k)',
    '\t}',
    '\treturn out',
    '}',
    '',
    'type Handler interface {',
    '\tServe(x interface{})',
    '\tName() string',
    '\tPort() int',
    '}',
    '',
  ];
  const cases: [string, string[], (lines: string[]) => string[]][] = [
    ['a method, then a line starting with func inside it', server, (l) => l.map((x) => x.replace('close(s.done)', 'close(s.done) // now').replace('\tName() string', '\tName() (string, error)'))],
    ['a struct field, and a generic function longer than 80 bytes', server, (l) => l.map((x) => x.replace('\tport int', '\tport uint16').replace('\t\tout = append(out, k)', '\t\tout = append(out, k) // keep'))],
    ['a change above every func and type', server, (l) => l.map((x) => x.replace('import "net"', 'import "net" // tcp'))],
    ['CRLF lines', server.map((l) => l + '\r'), (l) => l.map((x) => x.replace('\treturn s.ln.Close()', '\treturn s.ln.Close() // crlf'))],
  ];
  test.each(cases)('match git diff with the golang driver: %s', (_name, lines, edit) => {
    const dir = tmpTree({ '.gitattributes': '*.go diff=golang\n', 'server.go': lines.join('\n') });
    gitRepo(dir);
    const after = edit(lines).join('\n');
    writeFileSync(join(dir, 'server.go'), after);
    const ours = hunkHeaders(unifiedDiff('server.go', lines.join('\n'), after));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(hunkHeaders(git(dir, 'diff', '--no-color', 'server.go')));
  });

  test("go.mod and go.work get git's default rule (a line starting with a letter)", () => {
    const before = 'module example.com/m\n\ngo 1.21\n\nrequire (\n\ta v1.0.0\n\tb v1.0.0\n\tc v1.0.0\n\td v1.0.0\n)\n';
    const after = before.replace('d v1.0.0', 'd v1.1.0');
    expect(hunkHeaders(unifiedDiff('go.mod', before, after))).toEqual(['@@ -6,5 +6,5 @@ require (']);
  });

  test('the text is cut to 80 bytes without splitting a character, trailing blanks dropped', () => {
    const rule = funcnameRule('x.go');
    expect(rule('func f() {   ')).toBe('func f() {');
    const long = 'func ' + 'é'.repeat(50) + '() {';
    const cut = rule(long)!;
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(80);
    expect(cut).toBe('func ' + 'é'.repeat(37));
    expect(rule('\tx := 1')).toBeUndefined();
    expect(rule('type T struct { // fields')).toBe('type T struct {');
  });
});

const finding = (over: Partial<Finding>): Finding => ({ codemod: 'c', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0, fixed: false, ...over });

describe('regions and changes', () => {
  test('applying every region of every change gives the output (any texts)', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', '\tx := 1', 'func f() {', '}', 'é𝄞', 'a\r');
    const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean()).map(([ls, eol]) => (ls.length ? ls.join('\n') + (eol ? '\n' : '') : ''));
    fc.assert(
      fc.property(text, text, (original, output) => {
        const files: ReviewFile[] = [{ path: 'a.go', diffPath: 'a.go', abs: '/a.go', original, output, findings: [] }];
        const { changes } = computeChanges(files, ['c']);
        expect(applyRegions(original, changes.flatMap((c) => c.regions))).toBe(output);
        for (const c of changes) for (const r of c.regions) expect(applyRegions(original, [r])).toBe(original.slice(0, r.start) + r.text + original.slice(r.end));
      }),
      { numRuns: 500 },
    );
  });

  test('hunks under their header are the unified diff, and applying them to the old text gives the new (any texts)', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', '\tx := 1', 'func f() {', '}', 'é𝄞', 'a\r', '\\ No newline at end of file', '@@ -1 +1 @@');
    const text = fc.tuple(fc.array(line, { maxLength: 14 }), fc.boolean()).map(([ls, eol]) => (ls.length ? ls.join('\n') + (eol ? '\n' : '') : ''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('a.go', 'go.mod'), (before, after, path) => {
        const hunks = diffHunks(path, before, after);
        expect(before === after ? '' : diffHeader(path) + hunks).toBe(unifiedDiff(path, before, after));
        expect(applyHunks(before, hunks)).toBe(after);
      }),
      { numRuns: 2000 },
    );
  });

  test('hunks that do not fit the old text apply to nothing', () => {
    const hunks = diffHunks('a.go', 'a\nb\nc\n', 'a\nB\nc\n');
    expect(applyHunks('a\nb\nc\n', hunks)).toBe('a\nB\nc\n');
    expect(applyHunks('a\nx\nc\n', hunks)).toBeUndefined(); // the removed line differs
    expect(applyHunks('a\n', hunks)).toBeUndefined(); // too short
    expect(applyHunks('a\nb\nc\n', hunks.replace('@@ -1,3', '@@ -7,3'))).toBeUndefined();
    expect(applyHunks('a\nb\nc\n', hunks.trimEnd())).toBeUndefined(); // cut short
    expect(applyHunks('a\nb\nc\n', 'garbage\n')).toBeUndefined();
  });

  test("a fix's two places are one change; another fix elsewhere is its own; gofmt's realignment goes to the nearest", () => {
    const original = 'package p\n\nimport "a"\n\nfunc f() {\n\tx := 1\n}\n\nvar (\n\tlong = 1\n\ty    = 2\n)\n\nfunc g() {\n\tz := 3\n}\n';
    const output = 'package p\n\nimport (\n\t"a"\n\t"b"\n)\n\nfunc f() {\n\tx := b.One\n}\n\nvar (\n\tl = 1\n\ty = 2\n)\n\nfunc g() {\n\tz := 4\n}\n';
    const at = (s: string) => original.indexOf(s);
    const findings = [
      finding({ codemod: 'imp', message: 'use b', offset: at('1\n}'), endOffset: at('1\n}') + 1, fixed: true, fix: { message: 'b', spans: [{ path: 'a.go', start: at('1\n}'), end: at('1\n}') + 1 }, { path: 'a.go', start: at('"a"'), end: at('"a"') + 3 }] } }),
      finding({ message: 'rename', offset: at('long'), endOffset: at('long') + 4, fixed: true, fix: { message: 'l', spans: [{ path: 'a.go', start: at('long'), end: at('long') + 4 }] } }),
      finding({ message: 'four', offset: at('3\n'), endOffset: at('3\n') + 1, fixed: true, fix: { message: '4', spans: [{ path: 'a.go', start: at('3\n'), end: at('3\n') + 1 }] } }),
    ];
    const { changes, changeOfFinding } = computeChanges([{ path: 'a.go', diffPath: 'a.go', abs: '/a.go', original, output, findings }], ['imp', 'c']);
    expect(changes.map((c) => c.findings.map((f) => f.index))).toEqual([[0], [1], [2]]);
    expect(changes[0].regions).toHaveLength(2); // the import block and the use
    expect(changes[1].regions).toHaveLength(1); // `long` and the realigned `y` are adjacent lines: one region
    expect(changeOfFinding.get('0:2')).toBe(2);
    // When the codemod that edits the imports also made the other changes, they all go together.
    const same = computeChanges([{ path: 'a.go', diffPath: 'a.go', abs: '/a.go', original, output, findings: findings.map((f) => ({ ...f, codemod: 'imp' })) }], ['imp']);
    expect(same.changes.map((c) => c.findings.map((f) => f.index))).toEqual([[0, 1, 2]]);
  });

  test('line-attached edits apply to the same text', () => {
    const original = 'a\nb\nc\n';
    const cases = [
      { start: 2, end: 4, text: 'B\n' },
      { start: 2, end: 2, text: 'new\n' },
      { start: 0, end: 0, text: 'top\n' },
      { start: 2, end: 4, text: '' },
    ];
    for (const e of cases) {
      const a = lineAttached(original, e);
      expect(original.slice(0, a.start) + a.text + original.slice(a.end)).toBe(original.slice(0, e.start) + e.text + original.slice(e.end));
    }
    expect(lineAttached(original, cases[0])).toEqual({ start: 2, end: 3, text: 'B' });
    expect(lineAttached(original, cases[1])).toEqual({ start: 1, end: 1, text: '\nnew' });
  });
});

/** A run record of made-up files: each with its output and findings. */
function record(files: { path: string; original: string; output: string; findings?: Finding[] }[]): RunRecord {
  const results: FileResult[] = files.map((f) => ({
    path: f.path,
    abs: '/r/' + f.path,
    original: f.original,
    output: f.output,
    findings: f.findings ?? [],
    errors: [],
    notes: [],
    skippedBy: [],
    suppressed: [],
    changes: new Map([['c', 1]]),
    status: f.output === f.original ? 'unchanged' : 'changed',
    written: false,
  }));
  const summary = { scanned: files.length, changed: results.filter((r) => r.status === 'changed').length, unchanged: 0, errorFiles: 0, skipped: new Map(), changesByCodemod: new Map(), suppressedByCodemod: new Map(), problems: [], notes: [], elapsedMs: 0, workers: 0, interrupted: false, writeGroups: 0 };
  return { mode: 'diff', codemods: [{ name: 'c', description: 'd' }], results, skipped: [], summary, paths: { base: '/r', fromGitRoot: true, of: (_a, p) => p }, cwd: '/r', toolVersion: '0' };
}

describe('github', () => {
  test("escapes as GitHub's toolkit does", () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(command({ kind: 'warning', file: 'dir,x/a:b.go', line: 3, col: 2, endLine: 3, endColumn: 5, title: 'gocodemod: c', message: 'x %\ny', vet: '' })).toBe(
      '::warning file=dir%2Cx/a%3Ab.go,line=3,col=2,endLine=3,endColumn=5,title=gocodemod%3A c::x %25%0Ay',
    );
  });

  test('at most 10 annotations of a kind; the rest as plain lines, and a notice saying so', () => {
    const original = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const output = original.replace(/line (\d+)/g, 'LINE $1');
    const findings = Array.from({ length: 30 }, (_, i) => {
      const offset = original.indexOf(`line ${i}\n`);
      return finding({ line: i + 1, offset, endOffset: offset + 4, fixed: true, fix: { message: 'f', spans: [{ path: 'a.txt', start: offset, end: offset + 4 }] } });
    });
    const out = renderGithub(prepareReview(record([{ path: 'a.txt', original, output, findings }]))).trimEnd().split('\n');
    expect(out.filter((l) => l.startsWith('::warning '))).toHaveLength(10);
    expect(out.filter((l) => /^a\.txt:\d+:1: m \(c\)$/.test(l))).toHaveLength(20);
    expect(out[out.length - 1]).toMatch(/^::notice title=gocodemod::20 more annotations left out/);
  });
});

describe('sarif', () => {
  test("keeps within GitHub's 25,000 results per run and says how many it left out", () => {
    const n = 25_010;
    const original = 'x\n'.repeat(n);
    const findings = Array.from({ length: n }, (_, i) => finding({ line: i + 1, offset: 2 * i, endOffset: 2 * i + 1 }));
    const log = buildSarif(prepareReview(record([{ path: 'a.txt', original, output: original, findings }])));
    const run = log.runs[0];
    expect(run.results).toHaveLength(25_000);
    expect(run.invocations![0].toolExecutionNotifications!.map((x) => x.message.text)).toContain('10 of 25010 results left out: GitHub code scanning takes at most 25000 per run');
  });
});

describe('markdown', () => {
  test('stays within the limit and names the files it leaves out', () => {
    const files = Array.from({ length: 40 }, (_, i) => {
      const original = Array.from({ length: 50 }, (_, j) => `v${i}_${j} := ${j}`).join('\n') + '\n';
      return { path: `pkg${String(i).padStart(2, '0')}/f.go`, original, output: original.replace(/:= /g, '= ') };
    });
    const review = prepareReview(record(files));
    const full = renderMarkdown(review, 1e9);
    expect(full).not.toMatch(/left out/);
    expect((full.match(/<details>/g) ?? []).length).toBe(40);
    const cut = renderMarkdown(review, 20_000);
    expect(cut.length).toBeLessThanOrEqual(20_000);
    const shown = (cut.match(/<details>/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(40);
    expect(cut).toContain(`**${40 - shown} files left out**`);
    expect(cut).toContain('`pkg39/f.go`');
  });
});
