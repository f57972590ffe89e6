/**
 * What runs on the playground's files, from its rule pane: a tree-sitter query (as
 * `gocodemod query` runs it), a pattern pair (`gocodemod rewrite`), YAML rules
 * (`--rules`), or a built-in codemod with its options (`-o`). Each compiles with the CLI's
 * own code; a problem is located in the pane it comes from (an offset, or a line), so the
 * page can underline it.
 */
import type { LoadedCodemod } from '../engine/types.js';
import type { Codemod } from '../go/codemod.js';
import { checkOptions, parseOptionItems, UsageError } from '../registry/options.js';
import { queryProblem } from '../registry/query-check.js';
import { queryCodemod } from '../registry/query-codemod.js';
import { compileRuleCodemod, sharedImportPaths, type RuleParser } from '../rules/compile.js';
import { rewriteSpec } from '../rules/rewrite-spec.js';
import { RuleError } from '../rules/spec.js';
import { parseRuleFile, RuleFileError } from '../rules/yaml.js';
import type { GoParser } from '../go/parser-from-bytes.js';
import { isValidGoVersion } from '../go/goversion.js';
import { kindOf } from './run-files.js';
import type { PlaygroundState } from './state.js';

/** The part of the rule pane a problem is in. */
export type Field = 'query' | 'pattern' | 'rewrite' | 'imports' | 'context' | 'rule' | 'options' | 'goVersion';

export interface SelectionProblem {
  field: Field;
  message: string;
  /** UTF-16 offsets in that field's text, when the problem is at one place in it. */
  from?: number;
  to?: number;
  /** 1-based line of a YAML rule file's problem. */
  line?: number;
}

export type Selection =
  | { ok: true; codemods: LoadedCodemod[]; /** Findings are matches: nothing rewrites. */ listOnly: boolean }
  | { ok: false; problem: SelectionProblem };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

/** `NAME=PATH`, as `gocodemod rewrite --import` takes it. */
export const IMPORT_ITEM = /^[\p{L}_][\p{L}\p{Nd}_]*=[^=\s]+$/u;

export function compileSelection(state: PlaygroundState, parser: GoParser, builtins: readonly AnyCodemod[]): Selection {
  // The CLI's check of --go (src/cli/main.ts), where the page passes it: files outside any module.
  if (state.goVersion !== '' && !isValidGoVersion(state.goVersion) && !state.files.some((f) => kindOf(f.path) === 'go.mod')) {
    return { ok: false, problem: { field: 'goVersion', message: `--go ${state.goVersion}: not a Go version (forms: 1.22, 1.22.3, 1.23rc1)` } };
  }
  switch (state.mode) {
    case 'query':
      return querySelection(state.query, parser);
    case 'pattern':
      return patternSelection(state.pattern, parser);
    case 'rule':
      return ruleSelection(state.rule, parser, builtins);
    case 'codemod':
      return codemodSelection(state.codemod, builtins);
  }
}

function querySelection(query: string, parser: GoParser): Selection {
  const problem = queryProblem(parser, query);
  if (problem) {
    // Underline the word at the error, or the rest of the query when it ends early.
    const from = problem.index === undefined ? 0 : Math.min(problem.index, Math.max(0, query.length - 1));
    const word = /^[\w.?!@#"-]+/.exec(query.slice(from))?.[0].length ?? 1;
    return { ok: false, problem: { field: 'query', message: `the query does not compile: ${problem.message}`, from, to: problem.index === undefined ? query.length : from + word } };
  }
  if (parser.query(query).captureNames.length === 0) {
    return { ok: false, problem: { field: 'query', message: "the query captures nothing: name what to show with @, e.g. '(call_expression function: (identifier) @fn)'", from: 0, to: query.length } };
  }
  return { ok: true, codemods: [{ codemod: queryCodemod(query), options: {} }], listOnly: true };
}

function patternSelection(p: PlaygroundState['pattern'], parser: RuleParser): Selection {
  const bad = p.imports.find((i) => !IMPORT_ITEM.test(i));
  if (bad !== undefined) return { ok: false, problem: { field: 'imports', message: `--import ${bad}: expected NAME=PATH, e.g. ioutil=io/ioutil` } };
  const spec = rewriteSpec({ pattern: p.match, replacement: p.rewrite ?? undefined, context: p.context || undefined, imports: p.imports });
  try {
    return { ok: true, codemods: [{ codemod: compileRuleCodemod(spec, parser), options: {} }], listOnly: p.rewrite === null };
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    const field: Field = e.field === 'match' ? 'pattern' : e.field === 'rewrite' ? 'rewrite' : e.field.startsWith('imports') ? 'imports' : e.field === 'context' ? 'context' : 'pattern';
    const text = field === 'rewrite' ? (p.rewrite ?? '') : field === 'pattern' ? p.match : '';
    const at = e.offset === undefined ? undefined : Math.min(e.offset, Math.max(0, text.length - 1));
    return { ok: false, problem: { field, message: e.message, ...(at === undefined ? { from: 0, to: text.length } : { from: at, to: at + 1 }) } };
  }
}

function ruleSelection(text: string, parser: RuleParser, builtins: readonly AnyCodemod[]): Selection {
  let sources;
  try {
    sources = parseRuleFile(text);
  } catch (e) {
    if (!(e instanceof RuleFileError)) throw e;
    return { ok: false, problem: { field: 'rule', line: e.line, message: `${e.field ? `${e.field}: ` : ''}${e.message}` } };
  }
  if (sources.length === 0) return { ok: false, problem: { field: 'rule', line: 1, message: 'no rules in this file' } };
  const shared = sharedImportPaths(sources.map((s) => s.spec));
  const taken = new Map(builtins.map((c) => [c.name, 'a built-in codemod']));
  const codemods: LoadedCodemod[] = [];
  for (const source of sources) {
    let codemod: Codemod;
    try {
      codemod = compileRuleCodemod(source.spec, parser, { sharedImports: shared });
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      return { ok: false, problem: { field: 'rule', line: source.locate(e.field, e.offset), message: `${e.field ? `${e.field}: ` : ''}${e.message}` } };
    }
    const twin = taken.get(codemod.name);
    if (twin) return { ok: false, problem: { field: 'rule', line: source.locate('id'), message: `id: '${codemod.name}' is also the name of ${twin}` } };
    taken.set(codemod.name, 'another rule of this file');
    codemods.push({ codemod, options: {} });
  }
  return { ok: true, codemods, listOnly: false };
}

/** The -o items of a codemod's options in the pane (empty values: the default). */
export function optionItems(c: PlaygroundState['codemod']): string[] {
  return Object.entries(c.options)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${c.name}.${k}=${v}`);
}

function codemodSelection(c: PlaygroundState['codemod'], builtins: readonly AnyCodemod[]): Selection {
  const codemod = builtins.find((b) => b.name === c.name);
  if (!codemod) return { ok: false, problem: { field: 'options', message: `unknown codemod '${c.name}'; available: ${builtins.map((b) => b.name).join(', ')}` } };
  try {
    const options = parseOptionItems(optionItems(c), [codemod]).get(codemod.name)!;
    checkOptions(codemod, options);
    return { ok: true, codemods: [{ codemod, options }], listOnly: false };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { ok: false, problem: { field: 'options', message: e.message } };
  }
}
