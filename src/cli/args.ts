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

export class ArgsError extends Error {
  /** The command the error is about, for the `(see gocodemod <command> --help)` hint. */
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

export type CommandName = 'run' | 'list' | 'test';

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
    ],
    summary: 'run codemods: a dry run printing a unified diff, unless --write or --check',
    details: [
      'Leading arguments that name codemods are codemods; the rest are paths: files, directories, ./... or dir/... (default: .).',
      'Arguments after -- are always paths.',
    ],
    flags: [
      { name: 'all', describe: 'run every built-in codemod (except those marked explicit-only in `gocodemod list`)' },
      { name: 'preset', value: 'NAME', describe: 'run a migration preset, e.g. go1.22: raise every go line to 1.22 and run what it makes possible (gocodemod list --presets)' },
      codemodFlag('run'),
      { name: 'write', short: 'w', describe: 'apply the changes (atomic, skips files changed since read)' },
      { name: 'check', describe: 'list pending changes as path:line:col: message (codemod); exit 1 if any' },
      { name: 'o', value: 'CODEMOD.KEY=VALUE', multiple: true, describe: 'codemod option (repeatable, one per -o)' },
      { name: 'include-vendor', describe: 'also process vendor/ directories' },
      { name: 'include-testdata', describe: 'also process testdata/ directories' },
      { name: 'include-generated', describe: 'also edit generated files (// Code generated ... DO NOT EDIT.)' },
      { name: 'gitignore', default: true, negatable: true, describe: 'honour .gitignore files (default; --no-gitignore also processes ignored files)' },
      { name: 'exclude', value: 'GLOB', multiple: true, describe: 'skip paths matching this glob (repeatable); a glob without / matches a name at any depth' },
      { name: 'go', value: 'VERSION', describe: 'Go version of files outside any module (default: new enough for every codemod)' },
      { name: 'color', negatable: true, describe: 'colour the output (default: on a terminal, unless NO_COLOR is set)' },
      { name: 'quiet', short: 'q', describe: 'no summary or progress on stderr' },
      { name: 'jobs', short: 'j', value: 'N', describe: 'worker threads (default: available parallelism; 1: in-process)' },
      { name: 'cache', default: true, negatable: true, describe: 'reuse results of unchanged packages (default; --no-cache recomputes everything)' },
      { name: 'cache-dir', value: 'DIR', describe: 'cache directory (default: $GOCODEMOD_CACHE_DIR, $XDG_CACHE_HOME/gocodemod or ~/.cache/gocodemod)' },
      { name: 'shard', value: 'K/N', describe: 'process only shard K of N, a deterministic partition by directory' },
      helpFlag,
    ],
  },
  {
    name: 'list',
    usage: ['gocodemod list [--json] [--codemod FILE]', 'gocodemod list --presets [--json]'],
    summary: 'list the built-in codemods (and those of --codemod files): name, minimum Go, scope, description',
    details: [],
    flags: [
      { name: 'json', describe: 'machine-readable output' },
      { name: 'presets', describe: 'list the migration presets of `run --preset` instead: name, go line, codemods' },
      codemodFlag('list'),
      helpFlag,
    ],
  },
  {
    name: 'test',
    usage: ['gocodemod test --codemod FILE [--codemod FILE...] [--update] [--run PATTERN]'],
    summary: "run the fixtures of codemods of your own: the cases in testdata/<name>/ beside each file, checked as the built-ins' are",
    details: [
      'The codemod named N in DIR/FILE is tested on DIR/testdata/N/: <case>.go inputs with // want "regexp" comments (one per expected finding on that line; // want:N "regexp" for line N) and <case>.go.golden expected outputs (no golden: the file must not change), or folders <case>/ with their own go.mod and goldens beside their files.',
      'Each case passes when the findings match the wants one to one, the output equals the golden byte for byte, a second run changes nothing, the output parses no worse than the input and stays gofmt-clean.',
      'Prints one line per case (ok or FAIL with the reasons) and a summary; exit 0 when all pass, 1 when any fails.',
    ],
    flags: [
      { name: 'codemod', value: 'FILE', multiple: true, describe: 'test the codemod that this .ts, .mts, .js or .mjs file exports by default (repeatable; at least one)' },
      { name: 'update', describe: 'write the goldens from the current outputs (and delete those that would equal their input); wants are never rewritten' },
      { name: 'run', value: 'PATTERN', describe: "only the cases whose 'name/case' matches this regular expression" },
      helpFlag,
    ],
  },
];

export interface RunArgs {
  /** Arguments before `--`: codemod names, then paths. */
  args: string[];
  /** Arguments after `--`: paths, whatever they look like. */
  paths: string[];
  all: boolean;
  /** `--preset NAME`: a migration preset (src/registry/presets.ts). */
  preset?: string;
  codemod: string[];
  write: boolean;
  check: boolean;
  o: string[];
  includeVendor: boolean;
  includeTestdata: boolean;
  includeGenerated: boolean;
  gitignore: boolean;
  exclude: string[];
  go?: string;
  color?: boolean;
  quiet: boolean;
  jobs?: number;
  cache: boolean;
  cacheDir?: string;
  shard?: string;
}

export interface ListArgs {
  json: boolean;
  codemod: string[];
  /** List the presets instead of the codemods. */
  presets: boolean;
}

export interface TestArgs {
  codemod: string[];
  update: boolean;
  run?: string;
}

export type Parsed =
  | { command: 'help'; text: string }
  | { command: 'run'; args: RunArgs }
  | { command: 'list'; args: ListArgs }
  | { command: 'test'; args: TestArgs };

const commandNames = commands.map((c) => c.name).join(', ');

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
  const values = parseFlags(cmd, rest);
  if (values === 'help') return { command: 'help', text: commandHelp(cmd) };
  const { flags, positionals, afterDashDash } = values;
  if (cmd.name === 'list') {
    const stray = [...positionals, ...afterDashDash];
    if (stray.length) throw new ArgsError(`list takes no arguments, got '${stray[0]}'`, 'list');
    if (flags.presets && (flags.codemod as string[]).length) throw new ArgsError('--presets lists the presets: it takes no --codemod', 'list');
    return { command: 'list', args: { json: flags.json as boolean, codemod: flags.codemod as string[], presets: flags.presets as boolean } };
  }
  if (cmd.name === 'test') {
    const stray = [...positionals, ...afterDashDash];
    if (stray.length) throw new ArgsError(`test takes no arguments, got '${stray[0]}' (the codemod's file goes after --codemod)`, 'test');
    const codemod = flags.codemod as string[];
    if (codemod.length === 0) throw new ArgsError('test needs a codemod: gocodemod test --codemod FILE', 'test');
    const pattern = flags.run as string | undefined;
    if (pattern !== undefined) {
      try {
        new RegExp(pattern);
      } catch (e) {
        throw new ArgsError(`--run ${pattern}: not a regular expression (${e instanceof Error ? e.message : String(e)})`, 'test');
      }
    }
    const args: TestArgs = { codemod, update: flags.update as boolean };
    if (pattern !== undefined) args.run = pattern;
    return { command: 'test', args };
  }
  const jobs = flags.jobs as string | undefined;
  if (jobs !== undefined && !/^[0-9]+$/.test(jobs.trim())) throw new ArgsError(`--jobs ${jobs}: expected a whole number >= 1`, 'run');
  if (jobs !== undefined && Number(jobs) < 1) throw new ArgsError(`--jobs ${jobs}: expected a whole number >= 1`, 'run');
  if (flags.write && flags.check) throw new ArgsError('--write and --check cannot be used together', 'run');
  if ((flags.exclude as string[]).some((g) => g === '')) throw new ArgsError("--exclude '': expected a glob, e.g. --exclude 'gen/**'", 'run');
  const args: RunArgs = {
    args: positionals,
    paths: afterDashDash,
    all: flags.all as boolean,
    codemod: flags.codemod as string[],
    write: flags.write as boolean,
    check: flags.check as boolean,
    o: flags.o as string[],
    includeVendor: flags['include-vendor'] as boolean,
    includeTestdata: flags['include-testdata'] as boolean,
    includeGenerated: flags['include-generated'] as boolean,
    gitignore: flags.gitignore as boolean,
    exclude: flags.exclude as string[],
    quiet: flags.quiet as boolean,
    cache: flags.cache as boolean,
  };
  // Unset optional flags stay absent (not `undefined`), as the runner's options expect.
  if (flags.go !== undefined) args.go = flags.go as string;
  if (flags.color !== undefined) args.color = flags.color as boolean;
  if (jobs !== undefined) args.jobs = Number(jobs);
  if (flags['cache-dir'] !== undefined) args.cacheDir = flags['cache-dir'] as string;
  if (flags.shard !== undefined) args.shard = flags.shard as string;
  if (flags.preset !== undefined) args.preset = flags.preset as string;
  return { command: 'run', args };
}

type FlagValues = Record<string, boolean | string | string[] | undefined>;

function parseFlags(cmd: Command, argv: string[]): 'help' | { flags: FlagValues; positionals: string[]; afterDashDash: string[] } {
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
      (dashDash ? afterDashDash : positionals).push(t.value);
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
