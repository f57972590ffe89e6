/**
 * The page's "copy as CLI" and "copy as fixture": the command line that does what the page
 * shows, and the testdata/ files with which `gocodemod test` checks it (inputs with
 * `// want` comments where the findings are, goldens with the outputs). Pure.
 */
import { stringify } from 'yaml';
import type { Codemod } from '../go/codemod.js';
import { FIXTURE_GO } from '../testing/fixture-go.js';
import { matchWants, parseWants } from '../testing/wants.js';
import { rewriteSpec } from '../rules/rewrite-spec.js';
import type { RuleSpec } from '../rules/spec.js';
import { kindOf, runFiles, type Platform, type PlaygroundFile } from './run-files.js';
import { compileSelection, optionItems } from './selection.js';
import type { PlaygroundState } from './state.js';

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Shell that writes `text` to `path` byte for byte: a here-document, or printf for a text without a final newline. */
export function hereDoc(path: string, text: string): string {
  if (!text.endsWith('\n')) return `printf %s ${shellQuote(text)} > ${shellQuote(path)}\n`;
  const lines = new Set(text.split('\n'));
  let end = 'EOF';
  for (let i = 1; lines.has(end); i++) end = `EOF${i}`;
  return `cat > ${shellQuote(path)} <<'${end}'\n${text}${end}\n`;
}

/** A shell script that writes the exported files (making their folders), then says what runs them. */
export function fixtureScript(x: FixtureExport): string {
  const dirs = [...new Set(x.files.map((f) => f.path.split('/').slice(0, -1).join('/')).filter(Boolean))];
  const lines = [...x.notes.map((n) => `# note: ${n}`), ...(dirs.length ? [`mkdir -p ${dirs.map(shellQuote).join(' ')}`] : [])];
  return [...lines, ...x.files.map((f) => hereDoc(f.path, f.text).trimEnd()), `# run them: ${x.command.trim()}`].join('\n') + '\n';
}

const hasModule = (files: readonly PlaygroundFile[]) => files.some((f) => kindOf(f.path) === 'go.mod' || kindOf(f.path) === 'go.work');

/** What the CLI is given: the one top-level file, or `.` (the folder that holds the files). */
function cliPaths(files: readonly PlaygroundFile[]): string[] {
  return files.length === 1 && !files[0].path.includes('/') && kindOf(files[0].path) === 'go' ? [files[0].path] : ['.'];
}

/** The rule file a pattern pair is, for fixtures (gocodemod test takes rule files). */
export function patternRuleFile(p: PlaygroundState['pattern']): string {
  const spec: RuleSpec = rewriteSpec({ pattern: p.match, replacement: p.rewrite ?? undefined, context: p.context || undefined, imports: p.imports });
  return stringify({ ...spec, id: 'my-rewrite' }, { lineWidth: 0 });
}

/** The command line that does what the page does, run in a folder holding the page's files. */
export function cliCommand(state: PlaygroundState): string {
  const paths = cliPaths(state.files).map(shellQuote);
  const go = hasModule(state.files) || !state.goVersion ? [] : ['--go', state.goVersion];
  switch (state.mode) {
    case 'query':
      return ['gocodemod', 'query', shellQuote(state.query), ...paths].join(' ') + '\n';
    case 'pattern': {
      const p = state.pattern;
      const words = ['gocodemod', 'rewrite', '-p', shellQuote(p.match)];
      if (p.rewrite !== null) words.push('-r', shellQuote(p.rewrite));
      if (p.context) words.push('--lang-context', p.context);
      for (const i of p.imports) words.push('--import', shellQuote(i));
      return [...words, ...go, ...paths].join(' ') + '\n';
    }
    case 'rule':
      return hereDoc('rules.yaml', state.rule) + ['gocodemod', 'run', '--rules', 'rules.yaml', ...go, ...paths].join(' ') + '\n';
    case 'codemod': {
      const options = optionItems(state.codemod).flatMap((o) => ['-o', shellQuote(o)]);
      return ['gocodemod', 'run', shellQuote(state.codemod.name), ...options, ...go, ...paths].join(' ') + '\n';
    }
  }
}

export interface FixtureExport {
  /** Paths relative to the folder of the rule file (or, for a built-in, of the repository). */
  files: PlaygroundFile[];
  /** What runs them. */
  command: string;
  /** What the user should know (a want that a comment could not express, options left out). */
  notes: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

/** The fixtures of what the page runs, or why there are none (a string). */
export function fixtureExport(state: PlaygroundState, platform: Platform, builtins: readonly AnyCodemod[]): FixtureExport | string {
  if (state.mode === 'query') return 'a query is not a codemod, so it has no fixtures: in Pattern or Rule mode the playground gives them (or start a codemod of your own with gocodemod new)';
  const selection = compileSelection(state, platform.parser, builtins);
  if (!selection.ok) return `fix the ${selection.problem.field} first: ${selection.problem.message}`;
  const out: FixtureExport = { files: [], command: '', notes: [] };
  let base: string;
  if (state.mode === 'codemod') {
    base = `codemods/${state.codemod.name}/testdata`;
    out.command = `npm test -- test/fixtures.test.ts -t ${shellQuote(state.codemod.name)}\n`;
    if (optionItems(state.codemod).length) out.notes.push('fixtures run with the default options: the options set here are not part of the case');
  } else {
    const ruleText = state.mode === 'rule' ? state.rule : patternRuleFile(state.pattern);
    out.files.push({ path: 'rules.yaml', text: ruleText });
    base = 'testdata';
    out.command = 'gocodemod test --rules rules.yaml\n';
  }
  for (const loaded of selection.codemods) {
    const id = state.mode === 'pattern' ? 'my-rewrite' : loaded.codemod.name;
    const dir = state.mode === 'codemod' ? base : `${base}/${id}`;
    const { files, notes } = caseFiles(state, loaded, platform);
    out.files.push(...files.map((f) => ({ path: `${dir}/${f.path}`, text: f.text })));
    out.notes.push(...notes.map((n) => `${id}: ${n}`));
  }
  return out;
}

/** One case of one codemod: the files with wants (a folder case unless it is one plain Go file), and goldens. */
function caseFiles(state: PlaygroundState, loaded: Parameters<typeof runFiles>[1][number], platform: Platform): { files: PlaygroundFile[]; notes: string[] } {
  const name = loaded.codemod.name;
  const first = runFiles(state.files, [loaded], { goVersion: state.goVersion || undefined }, platform);
  const inputs = state.files.map((f) => {
    const lines = (first.outcomes.get(f.path)?.findings ?? []).filter((x) => x.codemod === name).map((x) => ({ line: x.line, message: x.message }));
    return { path: f.path, text: withWants(f.text, lines) };
  });
  const second = runFiles(inputs, [loaded], { goVersion: state.goVersion || undefined }, platform);
  const notes: string[] = [];
  const files: PlaygroundFile[] = [];
  for (const f of inputs) {
    const o = second.outcomes.get(f.path);
    const { missing, unexpected } = matchWants(parseWants(f.text), o?.findings ?? []);
    if (missing.length || unexpected.length) notes.push(`${f.path}: with the want comments added, the findings differ (line ${[...missing, ...unexpected][0].line}): edit the case by hand`);
    files.push(f);
    if (o && o.output !== o.original) files.push({ path: `${f.path}.golden`, text: o.output });
  }
  const single = state.files.length === 1 && kindOf(state.files[0].path) === 'go' && !state.files[0].path.includes('/') && state.goVersion === FIXTURE_GO;
  if (single) return { files, notes };
  const caseName = 'case';
  if (!hasModule(state.files)) files.unshift({ path: 'go.mod', text: `module fixture/${caseName}\n\ngo ${state.goVersion || FIXTURE_GO}\n` });
  return { files: files.map((f) => ({ path: `${caseName}/${f.path}`, text: f.text })), notes };
}

/** The text with `// want "message"` at the end of each line that has findings (before a CR). */
export function withWants(text: string, findings: readonly { line: number; message: string }[]): string {
  if (!findings.length) return text;
  const byLine = new Map<number, string[]>();
  for (const f of findings) byLine.set(f.line, [...(byLine.get(f.line) ?? []), JSON.stringify(escapeRegExp(f.message))]);
  const lines = text.split('\n');
  for (const [line, wants] of byLine) {
    const i = line - 1;
    if (i >= lines.length) continue;
    const cr = lines[i].endsWith('\r') ? '\r' : '';
    const body = cr ? lines[i].slice(0, -1) : lines[i];
    lines[i] = `${body}${body === '' ? '' : ' '}// want ${wants.join(' ')}${cr}`;
  }
  return lines.join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
