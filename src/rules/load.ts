/**
 * `--rules PATH`: YAML rule files (a file, or every .yaml / .yml file below a folder),
 * validated and compiled in this thread, each rule an ordinary codemod. For worker threads,
 * each rule also gets a small module (content-addressed, in the same directory as the
 * bundles of --codemod files) that compiles the same rule there; its hash, which the content
 * cache's key covers, includes a hash of the rule file's whole text.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Codemod } from '../go/codemod.js';
import { loadGoParser } from '../go/parser.js';
import { packageRoot } from '../package-root.js';
import { UsageError } from '../registry/options.js';
import type { UserCodemod } from '../registry/user-codemods.js';
import { compileRuleCodemod, sharedImportPaths, type CompileOptions } from './compile.js';
import { RuleError, type RuleSpec } from './spec.js';
import { parseRuleFile, RuleFileError, type RuleSource } from './yaml.js';

export const RULE_EXTENSIONS = ['.yaml', '.yml'];

export interface RuleLoadOptions {
  cwd: string;
  /** Where the rules' modules for worker threads are written. */
  outDir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  taken: readonly Codemod<any>[];
}

/** The rules of every --rules PATH, in order, as codemods; problems are UsageErrors naming file, line and field. */
export async function loadRules(paths: readonly string[], opts: RuleLoadOptions): Promise<UserCodemod[]> {
  const out: UserCodemod[] = [];
  const taken = new Map(opts.taken.map((c) => [c.name, 'a built-in or --codemod codemod']));
  const files = [...new Set(paths.flatMap((p) => ruleFiles(p, opts.cwd)))];
  const read = files.map((file) => readRuleFile(file, opts.cwd));
  // Rules that rewrite away the same package share the removal of its import.
  const shared = sharedImportPaths(read.flatMap((r) => r.sources.map((s) => s.spec)));
  for (const r of read) out.push(...(await compileRuleFile(r, opts, taken, { sharedImports: shared })));
  return out;
}

/** A rule given whole (`gocodemod rewrite`), as a codemod runnable in workers. */
export async function ruleAsCodemod(spec: RuleSpec, origin: string, outDir: string): Promise<UserCodemod> {
  const codemod = compileRuleCodemod(spec, await loadGoParser());
  return { codemod, file: origin, origin: writeRuleModule(spec, '', outDir) };
}

function ruleFiles(path: string, cwd: string): string[] {
  const abs = resolve(cwd, path);
  const shown = display(abs, cwd);
  if (!existsSync(abs)) throw new UsageError(`--rules ${shown}: no such file or directory`);
  if (statSync(abs).isFile()) {
    if (!RULE_EXTENSIONS.includes(extname(abs))) throw new UsageError(`--rules ${shown}: expected a .yaml or .yml file, or a folder of them`);
    return [abs];
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name.startsWith('_') || e.name === 'testdata') continue;
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.isFile() && RULE_EXTENSIONS.includes(extname(e.name))) files.push(join(dir, e.name));
    }
  };
  walk(abs);
  if (files.length === 0) throw new UsageError(`--rules ${shown}: no .yaml or .yml rule files in this folder`);
  return files;
}

interface ReadRuleFile {
  file: string;
  shown: string;
  sources: RuleSource[];
  /** sha256 of the file's text. */
  hash: string;
}

function readRuleFile(file: string, cwd: string): ReadRuleFile {
  const shown = display(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--rules ${shown}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  let sources;
  try {
    sources = parseRuleFile(text);
  } catch (e) {
    if (e instanceof RuleFileError) throw new UsageError(`${shown}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
    throw e;
  }
  if (sources.length === 0) throw new UsageError(`${shown}: no rules in this file`);
  return { file, shown, sources, hash: createHash('sha256').update(text).digest('hex') };
}

async function compileRuleFile({ file, shown, sources, hash }: ReadRuleFile, opts: RuleLoadOptions, taken: Map<string, string>, options: CompileOptions): Promise<UserCodemod[]> {
  const parser = await loadGoParser();
  const out: UserCodemod[] = [];
  for (const source of sources) {
    let codemod: Codemod;
    try {
      codemod = compileRuleCodemod(source.spec, parser, options);
    } catch (e) {
      if (e instanceof RuleError) throw new UsageError(`${shown}:${source.locate(e.field, e.offset)}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
      throw e;
    }
    const twin = taken.get(codemod.name);
    if (twin) throw new UsageError(`${shown}:${source.locate('id')}: id: '${codemod.name}' is also the name of ${twin}`);
    taken.set(codemod.name, `the rule in ${shown}`);
    out.push({ codemod, file, origin: writeRuleModule(source.spec, hash, opts.outDir, options) });
  }
  return out;
}

/** The module a worker imports to compile the same rule. */
function writeRuleModule(spec: RuleSpec, fileHash: string, outDir: string, options: CompileOptions = {}): { module: string; hash: string } {
  const entry = pathToFileURL(workerEntry()).href;
  const text = `// gocodemod rule ${spec.id}${fileHash ? ` (rule file sha256 ${fileHash})` : ''}\nimport { ruleFromSpec } from ${JSON.stringify(entry)};\nexport default await ruleFromSpec(${JSON.stringify(spec)}, ${JSON.stringify(options)});\n`;
  const hash = createHash('sha256').update(text).digest('hex');
  const path = join(outDir, `rule-${hash}.mjs`);
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
  return { module: pathToFileURL(path).href, hash };
}

/** src/rules/worker-entry as JavaScript a worker can import: beside this module when compiled, else from dist/. */
function workerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker-entry.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const built = join(packageRoot(), 'dist', 'src', 'rules', 'worker-entry.js');
  return existsSync(built) ? built : join(dirname(here), `worker-entry${extname(here)}`);
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}
