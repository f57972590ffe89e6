/**
 * The command line's grammar: the commands, their flags and help text, and argv -> typed
 * arguments (or the help to print). Built on node:util's parseArgs (tokens mode), so
 * loading it costs nothing; see the top of cli.ts for why not yargs or commander.
 *
 * Conventions: the command comes first; flags and arguments after it, in any order;
 * everything after `--` is a path. A flag that takes a value takes one (`--exclude a
 * --exclude b`, `--exclude=a`, `-j4`, `-o=a.b=c`). A boolean flag also takes
 * `--flag=true` / `--flag=false` and `--no-flag`. A single-valued flag given twice keeps the
 * last value. Unknown flags, missing values and stray arguments are errors.
 */
import { parseArgs } from 'node:util';
import { FORMATS, type Format } from '../output/format-names.js';

export class ArgsError extends Error {
  /** The command the error is about, for the `(see gocodemod <command> --help)` hint. */
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

export type CommandName = 'run' | 'list' | 'test' | 'new' | 'tree' | 'query' | 'config' | 'rewrite' | 'playground';

interface Flag {
  /** Long name, kebab-case ('o' is the one flag that has only a short form). */
  name: string;
  short?: string;
  /** A flag with a value shows this placeholder in the help: --exclude GLOB. */
  value?: string;
  multiple?: boolean;
  /** Booleans only: true when on by default; help shows --[no-]name for negatable ones. */
  default?: boolean;
  negatable?: boolean;
  describe: string;
}

const codemodFlag = (verb: string): Flag => ({
  name: 'codemod',
  value: 'FILE',
  multiple: true,
  describe: `also ${verb} the codemod that this .ts, .mts, .js or .mjs file exports by default (repeatable)`,
});

const helpFlag: Flag = { name: 'help', short: 'h', describe: 'show this help' };

/** The playground's port when --port is not given. */
export const PLAYGROUND_PORT = 7733;

/** The extensions of a codemod file: a `run` or `test` argument ending so is one, as with --codemod. */
export const CODEMOD_FILE_RE = /\.(ts|mts|js|mjs)$/;

const colorFlag: Flag = { name: 'color', negatable: true, describe: 'colour the output (default: on a terminal, unless NO_COLOR is set)' };

/** Which files `run` and `query` look at: the same rules for both. */
const discoveryFlags: Flag[] = [
  { name: 'include-vendor', negatable: true, describe: 'also process vendor/ directories' },
  { name: 'include-testdata', negatable: true, describe: 'also process testdata/ directories' },
  { name: 'include-generated', negatable: true, describe: 'also edit generated files (// Code generated ... DO NOT EDIT.)' },
  { name: 'gitignore', default: true, negatable: true, describe: 'honour .gitignore files (default; --no-gitignore also processes ignored files)' },
  { name: 'exclude', value: 'GLOB', multiple: true, describe: 'skip paths matching this glob (repeatable); a glob without / matches a name at any depth' },
];

const configFlags: Flag[] = [
  { name: 'config', value: 'FILE', describe: 'use this config file for every path (default: each directory\'s nearest gocodemod.yaml, up to the repository root)' },
  { name: 'no-config', describe: 'use no config file' },
];

const rulesFlag = (verb: string): Flag => ({
  name: 'rules',
  value: 'PATH',
  multiple: true,
  describe: `also ${verb} the rules of this YAML rule file, or of every .yaml / .yml file below this folder (repeatable; see docs/rules.md)`,
});

/** The flags of `run`; `rewrite` takes them too, but those that select codemods. */
const runFlags: Flag[] = [
  { name: 'all', negatable: true, describe: 'run every built-in codemod (except those marked explicit-only in `gocodemod list`)' },
  { name: 'preset', value: 'NAME', describe: 'run a migration preset, e.g. go1.22: raise every go line to 1.22 and run what it makes possible (gocodemod list --presets)' },
  codemodFlag('run'),
  rulesFlag('run'),
  { name: 'write', short: 'w', describe: 'apply the changes (atomic, skips files changed since read)' },
  { name: 'check', describe: 'list pending changes as path:line:col: message (codemod); exit 1 if any (with any --format)' },
  { name: 'format', value: 'FORMAT', describe: `what stdout gets: ${FORMATS.join(', ')} (default: diff; see docs/code-review.md)` },
  { name: 'relative', describe: 'inside a git work tree, name files in diffs relative to the current directory, not to the work tree root (as git diff --relative)' },
  { name: 'output-dir', value: 'DIR', describe: 'write NN-<codemod>.patch per codemod that changes something (applied in order they give the --write result) and summary.json into DIR' },
  { name: 'interactive', describe: 'on a terminal: review each change hunk by hunk (y/n/a/d/q/?) and write the accepted ones' },
  { name: 'o', value: 'CODEMOD.KEY=VALUE', multiple: true, describe: 'codemod option (repeatable, one per -o)' },
  ...discoveryFlags,
  { name: 'report-unused-suppressions', negatable: true, describe: 'report //gocodemod:ignore comments that suppressed nothing (--check then exits 1)' },
  ...configFlags,
  { name: 'go', value: 'VERSION', describe: 'Go version of files outside any module (default: new enough for every codemod)' },
  colorFlag,
  { name: 'quiet', short: 'q', describe: 'no summary or progress on stderr' },
  { name: 'jobs', short: 'j', value: 'N', describe: 'most worker threads, started as codemods need them (default: available parallelism)' },
  { name: 'cache', default: true, negatable: true, describe: 'reuse results of unchanged packages (default; --no-cache recomputes everything)' },
  { name: 'cache-dir', value: 'DIR', describe: 'cache directory (default: $GOCODEMOD_CACHE_DIR, $XDG_CACHE_HOME/gocodemod or ~/.cache/gocodemod)' },
  { name: 'shard', value: 'K/N', describe: 'process only shard K of N, a deterministic partition by directory' },
  helpFlag,
];

interface Command {
  name: CommandName;
  usage: string[];
  summary: string;
  details: string[];
  flags: Flag[];
}

const commands: readonly Command[] = [
  {
    name: 'run',
    usage: [
      'gocodemod run [options] <codemod...> [paths...]',
      'gocodemod run [options] --all [paths...]',
      'gocodemod run [options] --preset NAME [paths...]',
      'gocodemod run [options] --codemod FILE [paths...]',
      'gocodemod run [options] [paths...]   (the codemods gocodemod.yaml lists)',
    ],
    summary: 'run codemods: a dry run printing a unified diff, unless --write or --check',
    details: [
      'Leading arguments that name codemods are codemods; an argument ending in .ts, .mts, .js or .mjs is a codemod file, as with --codemod; the rest are paths: files, directories, ./... or dir/... (default: .).',
      'Arguments after -- are always paths.',
      "Settings come from each directory's nearest gocodemod.yaml (see docs/config.md); a flag given here wins over the file's key of the same name. With a config file that lists codemods, naming none runs those.",
    ],
    flags: runFlags,
  },
  {
    name: 'list',
    usage: ['gocodemod list [--json] [--codemod FILE] [--rules PATH]', 'gocodemod list --presets [--json]'],
    summary: 'list the built-in codemods (and those of --codemod files): name, minimum Go, scope, description',
    details: [],
    flags: [
      { name: 'json', describe: 'machine-readable output' },
      { name: 'presets', describe: 'list the migration presets of `run --preset` instead: name, go line, codemods' },
      codemodFlag('list'),
      rulesFlag('list'),
      helpFlag,
    ],
  },
  {
    name: 'test',
    usage: ['gocodemod test [--update] [--run PATTERN] FILE...', 'gocodemod test --codemod FILE [--codemod FILE...] [--update] [--run PATTERN]', 'gocodemod test --rules PATH [--rules PATH...] [--update] [--run PATTERN]'],
    summary: "run the fixtures of codemods of your own: the cases in testdata/<name>/ beside each file, checked as the built-ins' are",
    details: [
      'An argument ending in .ts, .mts, .js or .mjs is a codemod file, as with --codemod. The codemod named N in DIR/FILE is tested on DIR/testdata/N/: <case>.go inputs with // want "regexp" comments (one per expected finding on that line; // want:N "regexp" for line N) and <case>.go.golden expected outputs (no golden: the file must not change), or folders <case>/ with their own go.mod and goldens beside their files.',
      'Each case passes when the findings match the wants one to one, the output equals the golden byte for byte, a second run changes nothing, the output parses no worse than the input and stays gofmt-clean.',
      "A case on which the codemod never ran (no file contains one of its needles, or every file's Go version is older than its minGo) fails when it has a want or a golden that differs from its input; without either it is a negative case, and passes with the reason after its ok.",
      'Prints one line per case (ok or FAIL with the reasons) and a summary; exit 0 when all pass, 1 when any fails.',
    ],
    flags: [
      { name: 'codemod', value: 'FILE', multiple: true, describe: 'test the codemod that this .ts, .mts, .js or .mjs file exports by default (repeatable)' },
      { name: 'rules', value: 'PATH', multiple: true, describe: 'test the rules of this YAML file or folder: each rule on testdata/<rule id>/ beside its file (repeatable)' },
      { name: 'update', describe: 'write the goldens from the current outputs (and delete those that would equal their input); wants are never rewritten' },
      { name: 'run', value: 'PATTERN', describe: "only the cases whose 'name/case' matches this regular expression" },
      helpFlag,
    ],
  },
  {
    name: 'new',
    usage: ['gocodemod new NAME [--dir DIR]'],
    summary: 'start a codemod of your own: NAME.ts with a working example rewrite, its fixtures, and the tsconfig.json / package.json that give your editor the types',
    details: [
      'Writes DIR/NAME.ts (a codemod with a declared query that rewrites time.Now().Sub(t) to time.Since(t): change it to yours) and DIR/testdata/NAME/ (an input with its want and its golden), so that `gocodemod test DIR/NAME.ts` passes as generated. tsconfig.json and package.json are written when DIR has none; an existing one is kept and named.',
      'NAME is kebab-case and not the name of a built-in. Nothing is ever overwritten: an existing NAME.ts or testdata/NAME/ is an error.',
    ],
    flags: [{ name: 'dir', value: 'DIR', describe: 'where to write (default: the current directory; created if missing)' }, helpFlag],
  },
  {
    name: 'tree',
    usage: ['gocodemod tree FILE [--line N | --range L1:L2] [--query QUERY]'],
    summary: "print a Go file's syntax tree as the engine sees it: node types, field names, positions and source text",
    details: [
      'One node a line, indented by depth: `field: type line:col-line:col "text"` (1-based lines, byte columns, the end exclusive; the text shortened to its first and last lines). Named nodes are shown, and unnamed ones that have a field name (operator: "!=") or are captured. ERROR and MISSING nodes, where tree-sitter recovered from a syntax error, are shown as such.',
      'With --query, the nodes that the query captures are marked with @name, and the number of matches goes to stderr.',
    ],
    flags: [
      { name: 'line', value: 'N', describe: 'only the nodes on line N (with the nodes that contain them)' },
      { name: 'range', value: 'L1:L2', describe: 'only the nodes on lines L1 to L2' },
      { name: 'query', value: 'QUERY', describe: 'mark the nodes that this tree-sitter query captures with @capture' },
      colorFlag,
      helpFlag,
    ],
  },
  {
    name: 'query',
    usage: ["gocodemod query [options] 'QUERY' [paths...]"],
    summary: 'print every capture of a tree-sitter query over Go files: path:line:col: @capture text',
    details: [
      'Files are found as `run` finds them (vendor/, testdata/, generated and .gitignored files are skipped unless asked for; --exclude). Each match prints its captures, one a line, in document order, files in the order `run` reports them (by directory, then name); the text is shortened to its first and last lines.',
      'Exit 0 when something matched, 1 when nothing did (like grep), 2 for a query that does not compile (with its line and column) or a path that cannot be read.',
    ],
    flags: [...discoveryFlags.map((f) => (f.name === 'include-generated' ? { ...f, describe: 'also search generated files (// Code generated ... DO NOT EDIT.)' } : f)), colorFlag, helpFlag],
  },
  {
    name: 'config',
    usage: ['gocodemod config [--json] [--config FILE | --no-config] [path]'],
    summary: 'print which gocodemod.yaml applies to a path (default: .) and the settings that result',
    details: [
      "The file is the path's nearest gocodemod.yaml, up to the repository root (the directory holding .git); nested files are not merged.",
      'The settings printed are those of `gocodemod run` with no flags: flags given to run replace the keys of the same names.',
    ],
    flags: [{ name: 'json', describe: 'machine-readable output' }, ...configFlags, helpFlag],
  },
  {
    name: 'rewrite',
    usage: ['gocodemod rewrite -p PATTERN [-r REPLACEMENT] [options] [paths...]'],
    summary: 'rewrite the code that a Go pattern with metavariables matches; without -r, list the matches as path:line:col: text',
    details: [
      'PATTERN and REPLACEMENT are Go snippets ($X: one node, $$$X: zero or more, $_: one, not captured); see docs/rules.md. With -r: a dry run printing a unified diff, unless --write or --check. Without -r: one line per match, like grep -n; exit 0 when something matches, 1 when nothing does.',
      'Paths are files, directories, ./... or dir/... (default: .).',
    ],
    flags: [
      { name: 'pattern', short: 'p', value: 'PATTERN', describe: 'the code to find, a Go expression, statement(s), type or declaration(s) with metavariables' },
      { name: 'rewrite', short: 'r', value: 'REPLACEMENT', describe: 'what each match becomes, a Go snippet of the same kind using the captures' },
      { name: 'lang-context', value: 'CONTEXT', describe: 'how to read a pattern that parses in several ways: expr, stmt, type or decl' },
      { name: 'import', value: 'NAME=PATH', multiple: true, describe: 'NAME in the pattern or replacement (NAME.X) is the package at PATH: matched under the file\'s own name for it, imported when the replacement needs it (repeatable)' },
      ...runFlags.filter((f) => !['all', 'preset', 'codemod', 'rules', 'o'].includes(f.name)),
    ],
  },
  {
    name: 'playground',
    usage: ['gocodemod playground [--port N] [--open]'],
    summary: 'serve a page on 127.0.0.1 where you write Go code and a query, pattern, rule or codemod, and see the syntax tree, the matches and the diff as you type',
    details: [
      'The page runs the engine the CLI runs, in the browser: every asset comes with gocodemod, nothing from the internet. The page keeps its whole state in the link (share it to show what you see), and gives the command line and the testdata/ fixtures of what it shows. See docs/playground.md.',
      'It serves until Ctrl-C.',
    ],
    flags: [
      { name: 'port', value: 'N', describe: `the port to listen on (default ${PLAYGROUND_PORT}; 0: any free port)` },
      { name: 'open', describe: "open the page in the system's browser" },
      helpFlag,
    ],
  },
];

/** --config FILE, --no-config, or neither (undefined: each directory's nearest file). */
export type ConfigChoice = { file: string } | 'none' | undefined;

export interface RunArgs {
  /** Arguments before `--`: codemod names, then paths. */
  args: string[];
  /** Arguments after `--`: paths, whatever they look like. */
  paths: string[];
  /** The switches that are also config keys are undefined when not given: the config file decides. */
  all?: boolean;
  /** `--preset NAME`: a migration preset (src/registry/presets.ts). */
  preset?: string;
  codemod: string[];
  write: boolean;
  check: boolean;
  o: string[];
  includeVendor?: boolean;
  includeTestdata?: boolean;
  includeGenerated?: boolean;
  reportUnusedSuppressions?: boolean;
  config: ConfigChoice;
  gitignore: boolean;
  exclude: string[];
  go?: string;
  color?: boolean;
  quiet: boolean;
  jobs?: number;
  cache: boolean;
  cacheDir?: string;
  shard?: string;
  /** Absent: the default (diff), which --output-dir leaves off stdout. */
  format?: Format;
  relative: boolean;
  outputDir?: string;
  interactive: boolean;
  /** YAML rule files or folders (--rules). */
  rules: string[];
}

export interface ListArgs {
  json: boolean;
  codemod: string[];
  rules: string[];
  /** List the presets instead of the codemods. */
  presets: boolean;
}

export interface ConfigArgs {
  json: boolean;
  config: ConfigChoice;
  path: string;
}

export interface TestArgs {
  codemod: string[];
  rules: string[];
  update: boolean;
  run?: string;
}

export interface PlaygroundArgs {
  port: number;
  open: boolean;
}

export interface NewArgs {
  name: string;
  dir?: string;
}

export interface TreeArgs {
  file: string;
  /** 1-based, inclusive; absent: the whole file. */
  lines?: { first: number; last: number };
  query?: string;
  color?: boolean;
}

/** What `query` searches: the query, the paths (default .), and discovery as `run` does it. */
export interface QueryArgs {
  query: string;
  paths: string[];
  includeVendor: boolean;
  includeTestdata: boolean;
  includeGenerated: boolean;
  gitignore: boolean;
  exclude: string[];
  color?: boolean;
}

export type Parsed =
  | { command: 'help'; text: string }
  | { command: 'run'; args: RunArgs }
  | { command: 'list'; args: ListArgs }
  | { command: 'test'; args: TestArgs }
  | { command: 'new'; args: NewArgs }
  | { command: 'tree'; args: TreeArgs }
  | { command: 'query'; args: QueryArgs }
  | { command: 'config'; args: ConfigArgs }
  | { command: 'rewrite'; args: RewriteArgs }
  | { command: 'playground'; args: PlaygroundArgs };

export interface RewriteArgs extends RunArgs {
  pattern: string;
  replacement?: string;
  langContext?: string;
  /** NAME=PATH, as given. */
  imports: string[];
}

const commandNames = commands.map((c) => c.name).join(', ');

type ParsedFlags = { flags: FlagValues; positionals: string[]; afterDashDash: string[] };

export function parseCommandLine(argv: readonly string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined) throw new ArgsError(`name a command: ${commandNames}`);
  if (first === 'help' || first === '-h' || first === '--help') {
    // `gocodemod help run`, `gocodemod --help run`: that command's help; otherwise the global one.
    const cmd = commands.find((c) => c.name === rest[0]);
    return { command: 'help', text: cmd ? commandHelp(cmd) : globalHelp() };
  }
  const cmd = commands.find((c) => c.name === first);
  if (!cmd) {
    if (first.startsWith('-')) throw new ArgsError(`unknown option '${first}': name a command first (${commandNames}), then its options`);
    throw new ArgsError(`unknown command '${first}'; the commands are: ${commandNames}`);
  }
  // `run` and `test` take codemod files as arguments too, before any `--`.
  const claim = cmd.name === 'run' || cmd.name === 'test' ? (arg: string) => (CODEMOD_FILE_RE.test(arg) ? 'codemod' : undefined) : undefined;
  const values = parseFlags(cmd, rest, claim);
  if (values === 'help') return { command: 'help', text: commandHelp(cmd) };
  switch (cmd.name) {
    case 'list':
      return { command: 'list', args: listArgs(values) };
    case 'test':
      return { command: 'test', args: testArgs(values) };
    case 'new':
      return { command: 'new', args: newArgs(values) };
    case 'tree':
      return { command: 'tree', args: treeArgs(values) };
    case 'query':
      return { command: 'query', args: queryArgs(values) };
    case 'config':
      return { command: 'config', args: configArgs(values) };
    case 'run':
      return { command: 'run', args: runArgs(values, 'run') };
    case 'rewrite':
      return { command: 'rewrite', args: rewriteArgs(runArgs(values, 'rewrite'), values.flags) };
    case 'playground':
      return { command: 'playground', args: playgroundArgs(values) };
  }
}

function playgroundArgs({ flags, positionals, afterDashDash }: ParsedFlags): PlaygroundArgs {
  const stray = [...positionals, ...afterDashDash];
  if (stray.length) throw new ArgsError(`playground takes no arguments, got '${stray[0]}'`, 'playground');
  const port = flags.port as string | undefined;
  if (port !== undefined && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) throw new ArgsError(`--port ${port}: expected a port number from 0 to 65535`, 'playground');
  return { port: port === undefined ? PLAYGROUND_PORT : Number(port), open: flags.open as boolean };
}

function listArgs({ flags, positionals, afterDashDash }: ParsedFlags): ListArgs {
  const stray = [...positionals, ...afterDashDash];
  if (stray.length) throw new ArgsError(`list takes no arguments, got '${stray[0]}'`, 'list');
  if (flags.presets && ((flags.codemod as string[]).length || (flags.rules as string[]).length)) throw new ArgsError('--presets lists the presets: it takes no --codemod or --rules', 'list');
  return { json: flags.json as boolean, codemod: flags.codemod as string[], rules: flags.rules as string[], presets: flags.presets as boolean };
}

function testArgs({ flags, positionals, afterDashDash }: ParsedFlags): TestArgs {
  const stray = [...positionals, ...afterDashDash];
  if (stray.length) throw new ArgsError(`test takes codemod files (.ts, .mts, .js, .mjs), got '${stray[0]}'`, 'test');
  const codemod = flags.codemod as string[];
  const rules = flags.rules as string[];
  if (codemod.length === 0 && rules.length === 0) throw new ArgsError('test needs a codemod or rules: gocodemod test FILE (or --codemod FILE, or --rules PATH)', 'test');
  const pattern = flags.run as string | undefined;
  if (pattern !== undefined) {
    try {
      new RegExp(pattern);
    } catch (e) {
      throw new ArgsError(`--run ${pattern}: not a regular expression (${e instanceof Error ? e.message : String(e)})`, 'test');
    }
  }
  const args: TestArgs = { codemod, rules, update: flags.update as boolean };
  if (pattern !== undefined) args.run = pattern;
  return args;
}

function configArgs({ flags, positionals, afterDashDash }: ParsedFlags): ConfigArgs {
  const stray = [...positionals, ...afterDashDash];
  if (stray.length > 1) throw new ArgsError(`config takes one path, got '${stray[1]}'`, 'config');
  return { json: flags.json as boolean, config: configChoice(flags, 'config'), path: stray[0] ?? '.' };
}

function newArgs({ flags, positionals, afterDashDash }: ParsedFlags): NewArgs {
  const all = [...positionals, ...afterDashDash];
  if (all.length !== 1) throw new ArgsError(all.length ? `new takes one name, got ${all.map((a) => `'${a}'`).join(', ')}` : 'new needs a name: gocodemod new NAME', 'new');
  const args: NewArgs = { name: all[0] };
  if (flags.dir !== undefined) args.dir = flags.dir as string;
  return args;
}

function treeArgs({ flags, positionals, afterDashDash }: ParsedFlags): TreeArgs {
  const all = [...positionals, ...afterDashDash];
  if (all.length !== 1) throw new ArgsError(all.length ? `tree takes one file, got ${all.map((a) => `'${a}'`).join(', ')}` : 'tree needs a Go file: gocodemod tree FILE', 'tree');
  const args: TreeArgs = { file: all[0] };
  const line = flags.line as string | undefined;
  const range = flags.range as string | undefined;
  if (line !== undefined && range !== undefined) throw new ArgsError('--line and --range cannot be used together', 'tree');
  if (line !== undefined) {
    if (!/^[1-9][0-9]*$/.test(line)) throw new ArgsError(`--line ${line}: expected a line number >= 1`, 'tree');
    args.lines = { first: Number(line), last: Number(line) };
  }
  if (range !== undefined) {
    const m = /^([1-9][0-9]*):([1-9][0-9]*)$/.exec(range);
    if (!m || Number(m[1]) > Number(m[2])) throw new ArgsError(`--range ${range}: expected L1:L2, line numbers with 1 <= L1 <= L2, e.g. 10:20`, 'tree');
    args.lines = { first: Number(m[1]), last: Number(m[2]) };
  }
  if (flags.query !== undefined) args.query = flags.query as string;
  if (flags.color !== undefined) args.color = flags.color as boolean;
  return args;
}

function queryArgs({ flags, positionals, afterDashDash }: ParsedFlags): QueryArgs {
  const [query, ...paths] = [...positionals, ...afterDashDash];
  if (query === undefined) throw new ArgsError("query needs a query: gocodemod query '(call_expression) @call' [paths...]", 'query');
  if ((flags.exclude as string[]).some((g) => g === '')) throw new ArgsError("--exclude '': expected a glob, e.g. --exclude 'gen/**'", 'query');
  const args: QueryArgs = { query, paths, ...discoveryArgs(flags) };
  if (flags.color !== undefined) args.color = flags.color as boolean;
  return args;
}

function discoveryArgs(flags: FlagValues) {
  return {
    includeVendor: flags['include-vendor'] === true,
    includeTestdata: flags['include-testdata'] === true,
    includeGenerated: flags['include-generated'] === true,
    gitignore: flags.gitignore as boolean,
    exclude: flags.exclude as string[],
  };
}

/** `run`'s arguments; `rewrite` takes them too, but those that select codemods (absent: none). */
function runArgs({ flags, positionals, afterDashDash }: ParsedFlags, command: CommandName): RunArgs {
  const jobs = flags.jobs as string | undefined;
  if (jobs !== undefined && !/^[0-9]+$/.test(jobs.trim())) throw new ArgsError(`--jobs ${jobs}: expected a whole number >= 1`, command);
  if (jobs !== undefined && Number(jobs) < 1) throw new ArgsError(`--jobs ${jobs}: expected a whole number >= 1`, command);
  if (flags.write && flags.check) throw new ArgsError('--write and --check cannot be used together', command);
  const format = flags.format as string | undefined;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new ArgsError(`--format ${format}: expected one of ${FORMATS.join(', ')}`, command);
  if (flags['output-dir'] === '') throw new ArgsError("--output-dir '': expected a directory", command);
  if (flags['output-dir'] !== undefined && flags.write) throw new ArgsError('--output-dir and --write cannot be used together: the patches describe the tree before --write', command);
  if (flags.interactive) {
    const clash = flags.write ? '--write' : flags.check ? '--check' : format !== undefined ? '--format' : flags['output-dir'] !== undefined ? '--output-dir' : undefined;
    if (clash) throw new ArgsError(`--interactive and ${clash} cannot be used together: --interactive writes the changes you accept`, command);
  }
  if ((flags.exclude as string[]).some((g) => g === '')) throw new ArgsError("--exclude '': expected a glob, e.g. --exclude 'gen/**'", command);
  const args: RunArgs = {
    args: positionals,
    paths: afterDashDash,
    codemod: (flags.codemod as string[] | undefined) ?? [],
    write: flags.write as boolean,
    check: flags.check as boolean,
    o: (flags.o as string[] | undefined) ?? [],
    config: configChoice(flags, command),
    // include-* and the other switches below stay absent unless given: a config file's keys apply then.
    gitignore: flags.gitignore as boolean,
    exclude: flags.exclude as string[],
    quiet: flags.quiet as boolean,
    cache: flags.cache as boolean,
    relative: flags.relative as boolean,
    interactive: flags.interactive as boolean,
    rules: (flags.rules as string[] | undefined) ?? [],
  };
  // Unset optional flags stay absent (not `undefined`), as the runner's options expect.
  const switches = { all: 'all', includeVendor: 'include-vendor', includeTestdata: 'include-testdata', includeGenerated: 'include-generated', reportUnusedSuppressions: 'report-unused-suppressions' } as const;
  for (const [key, flag] of Object.entries(switches)) if (flags[flag] !== undefined) args[key as keyof typeof switches] = flags[flag] as boolean;
  if (flags.go !== undefined) args.go = flags.go as string;
  if (flags.color !== undefined) args.color = flags.color as boolean;
  if (jobs !== undefined) args.jobs = Number(jobs);
  if (flags['cache-dir'] !== undefined) args.cacheDir = flags['cache-dir'] as string;
  if (flags.shard !== undefined) args.shard = flags.shard as string;
  if (format !== undefined) args.format = format as Format;
  if (flags['output-dir'] !== undefined) args.outputDir = flags['output-dir'] as string;
  if (flags.preset !== undefined) args.preset = flags.preset as string;
  return args;
}

function rewriteArgs(run: RunArgs, flags: FlagValues): RewriteArgs {
  const pattern = flags.pattern as string | undefined;
  if (pattern === undefined) throw new ArgsError("rewrite needs a pattern: gocodemod rewrite -p 'PATTERN' [-r 'REPLACEMENT'] [paths...]", 'rewrite');
  const context = flags['lang-context'] as string | undefined;
  if (context !== undefined && !['expr', 'stmt', 'type', 'decl'].includes(context)) throw new ArgsError(`--lang-context ${context}: expected expr, stmt, type or decl`, 'rewrite');
  const imports = flags.import as string[];
  const bad = imports.find((i) => !/^[\p{L}_][\p{L}\p{Nd}_]*=[^=\s]+$/u.test(i));
  if (bad !== undefined) throw new ArgsError(`--import ${bad}: expected NAME=PATH, e.g. --import ioutil=io/ioutil`, 'rewrite');
  if ((flags.write || flags.check) && flags.rewrite === undefined) throw new ArgsError(`--${flags.write ? 'write' : 'check'} needs a replacement (-r): without one, rewrite only lists matches`, 'rewrite');
  // All positional arguments are paths.
  const args: RewriteArgs = { ...run, args: [], paths: [...run.args, ...run.paths], pattern, imports };
  if (flags.rewrite !== undefined) args.replacement = flags.rewrite as string;
  if (context !== undefined) args.langContext = context;
  return args;
}

type FlagValues = Record<string, boolean | string | string[] | undefined>;

function configChoice(flags: FlagValues, command: CommandName): ConfigChoice {
  const file = flags.config as string | undefined;
  if (file !== undefined && flags['no-config']) throw new ArgsError('--config and --no-config cannot be used together', command);
  if (file === '') throw new ArgsError("--config '': expected a file, e.g. --config gocodemod.yaml", command);
  return file !== undefined ? { file } : flags['no-config'] ? 'none' : undefined;
}

/**
 * `claim`: a positional argument (before `--`) that it names a multiple-valued flag for is
 * that flag's value, in command-line order with the flag's own values (`run a.ts --codemod b.ts`).
 */
function parseFlags(cmd: Command, argv: string[], claim?: (arg: string) => string | undefined): 'help' | ParsedFlags {
  const byName = new Map(cmd.flags.map((f) => [f.name, f]));
  const options: NonNullable<Parameters<typeof parseArgs>[0]>['options'] = {};
  for (const f of cmd.flags) options[f.name] = { type: f.value ? 'string' : 'boolean', ...(f.short ? { short: f.short } : {}) };
  // strict: false and our own checks over the tokens: parseArgs' strict mode rejects
  // --flag=false and words its errors for programmers; these are for users.
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  // -h anywhere (before --) wins over everything else, errors included, as in most CLIs.
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';

  const flags: FlagValues = {};
  for (const f of cmd.flags) flags[f.name] = f.multiple ? [] : f.value ? undefined : f.negatable ? f.default : (f.default ?? false);
  const positionals: string[] = [];
  const afterDashDash: string[] = [];
  let dashDash = false;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') {
      dashDash = true;
      continue;
    }
    if (t.kind === 'positional') {
      const flag = dashDash ? undefined : claim?.(t.value);
      if (flag) (flags[flag] as string[]).push(t.value);
      else (dashDash ? afterDashDash : positionals).push(t.value);
      continue;
    }
    let flag = byName.get(t.name);
    let negated = false;
    if (!flag && t.name.startsWith('no-') && t.rawName.startsWith('--')) {
      const positive = byName.get(t.name.slice(3));
      if (positive && !positive.value && positive !== helpFlag) {
        flag = positive;
        negated = true;
      }
    }
    if (!flag) throw new ArgsError(`unknown option '${t.rawName}'`, cmd.name);
    if (!flag.value) {
      let on = !negated;
      if (t.inlineValue) {
        if (negated) throw new ArgsError(`${t.rawName} takes no value, got '${t.value}'`, cmd.name);
        if (t.value === 'true') on = true;
        else if (t.value === 'false') on = false;
        else throw new ArgsError(`${t.rawName} is a switch: it takes no value, or =true or =false, got '${t.value}'`, cmd.name);
      }
      flags[flag.name] = on;
      continue;
    }
    let value = t.value;
    if (value === undefined) throw new ArgsError(`${t.rawName} needs a value: ${t.rawName} ${flag.value}`, cmd.name);
    if (!t.inlineValue && value.length > 1 && value.startsWith('-')) {
      throw new ArgsError(`${t.rawName} needs a value: ${t.rawName} ${flag.value}, got the option '${value}' (for a value that starts with -, write ${t.rawName}=${value})`, cmd.name);
    }
    // -o=a.b=c: parseArgs reads a short flag's inline value from right after the letter.
    if (t.inlineValue && !t.rawName.startsWith('--') && value.startsWith('=')) value = value.slice(1);
    if (flag.multiple) (flags[flag.name] as string[]).push(value);
    else flags[flag.name] = value;
  }
  return { flags, positionals, afterDashDash };
}

// ---- help ------------------------------------------------------------------------------

const WIDTH = 100;

function globalHelp(): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: gocodemod <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => wrap(`  ${c.name.padEnd(w)}  `, c.summary)),
    '',
    'Options:',
    wrap('  -h, --help  ', "show this help; 'gocodemod <command> --help' shows a command's options"),
    '',
  ].join('\n');
}

function commandHelp(cmd: Command): string {
  const label = (f: Flag) => {
    const short = f.short ? `-${f.short}, ` : '    ';
    const long = f.name.length === 1 ? `-${f.name}` : f.negatable ? `--[no-]${f.name}` : `--${f.name}`;
    return f.name.length === 1 ? `${long}${f.value ? ' ' + f.value : ''}` : `${short}${long}${f.value ? ' ' + f.value : ''}`;
  };
  const labels = cmd.flags.map(label);
  const w = Math.max(...labels.map((l) => l.length));
  return [
    ...cmd.usage.map((u, i) => (i === 0 ? 'Usage: ' : '       ') + u),
    '',
    wrap('', cmd.summary.charAt(0).toUpperCase() + cmd.summary.slice(1) + '.'),
    ...cmd.details.map((d) => wrap('', d)),
    '',
    'Options:',
    ...cmd.flags.map((f, i) => wrap(`  ${labels[i].padEnd(w)}  `, f.describe)),
    '',
    'Switches (the flags without a value) also take =true or =false; --no-<switch> turns one off.',
    '',
  ].join('\n');
}

/** `prefix` then `text`, wrapped at WIDTH columns, continuation lines indented under the text. */
function wrap(prefix: string, text: string): string {
  const indent = ' '.repeat(prefix.length);
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
