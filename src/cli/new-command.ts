/**
 * `gocodemod new NAME [--dir DIR]`: writes the scaffold of src/registry/scaffold.ts. Nothing
 * is ever overwritten: the codemod's own files must not exist (checked for all of them before
 * anything is written, and written with O_EXCL), and an existing tsconfig.json or
 * package.json is kept.
 *
 * How the editor finds the types of 'gocodemod': when DIR resolves 'gocodemod' to the very
 * package that runs (a devDependency in DIR/node_modules or above), as any package; otherwise
 * (a global install, a checkout) tsconfig.json maps 'gocodemod' to this package's emitted
 * dist/src/index.d.ts by absolute path.
 */
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { displayFile as display } from '../output/paths.js';
import type { NewArgs } from './args.js';
import { EXIT_OK, type CliIO } from './io.js';
import type { Codemod } from '../go/codemod.js';
import { packageRoot } from '../package-root.js';
import { UsageError } from '../registry/options.js';
import { scaffoldFiles } from '../registry/scaffold.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export function newCommand(a: NewArgs, io: CliIO, builtins: readonly AnyCodemod[]): number {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(a.name)) {
    throw new UsageError(`new ${a.name}: a codemod name is kebab-case (lower-case letters, digits and single dashes, like 'time-since')`);
  }
  if (builtins.some((c) => c.name === a.name)) throw new UsageError(`new ${a.name}: '${a.name}' is the name of a built-in codemod; choose another`);
  const dir = resolve(io.cwd, a.dir ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--dir ${a.dir}: not a directory`);
  const types = typesFor(dir);
  const files = scaffoldFiles(a.name, types);
  const shown = (rel: string) => display(join(dir, rel), io.cwd);

  const own = files.filter((f) => !f.shared);
  const taken = [...own.map((f) => f.path), `testdata/${a.name}`].filter((rel) => existsSync(join(dir, rel)));
  if (taken.length) throw new UsageError(`new ${a.name}: ${taken.map(shown).join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (new never overwrites)`);

  const lines: string[] = [];
  for (const f of files) {
    const abs = join(dir, f.path);
    if (f.shared && existsSync(abs)) {
      lines.push(`kept    ${shown(f.path)} (it exists${f.path === 'tsconfig.json' ? `; for types, map "gocodemod" to ${types ?? 'gocodemod'} in its compilerOptions.paths` : ''})`);
      continue;
    }
    try {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, f.text, { flag: 'wx' }); // O_EXCL: never replaces a file
    } catch (e) {
      const created = lines.filter((l) => l.startsWith('created ')).map((l) => l.slice('created '.length));
      const done = created.length ? ` (written before it: ${created.join(', ')})` : '';
      throw new UsageError(`new ${a.name}: cannot write ${shown(f.path)}: ${(e as NodeJS.ErrnoException)?.message ?? String(e)}${done}`);
    }
    lines.push(`created ${shown(f.path)}`);
  }
  const file = shown(`${a.name}.ts`);
  io.stdout.write(
    [
      ...lines,
      '',
      types === undefined ? "Types: 'gocodemod' resolves from node_modules." : `Types: tsconfig.json maps 'gocodemod' to ${types} (the gocodemod that wrote it; after moving it, fix the path or add gocodemod as a devDependency).`,
      'Next:',
      `  gocodemod test ${file}          run its fixtures (ok for each case)`,
      `  gocodemod tree ${shown(`testdata/${a.name}/since.go`)} --line 9   see the syntax tree its query matches`,
      `  gocodemod run ${file} ./...     the diff it makes on your code`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}

/**
 * The path tsconfig.json maps 'gocodemod' to, or undefined when node resolution from `dir`
 * already finds this package (DIR/node_modules/gocodemod or one above it).
 */
function typesFor(dir: string): string | undefined {
  const root = packageRoot();
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', 'gocodemod');
    if (existsSync(candidate)) {
      if (realpathSync(candidate) === realpathSync(root)) return undefined;
      break; // another gocodemod would win resolution: map to this one explicitly
    }
    if (dirname(d) === d) break;
  }
  const built = join(root, 'dist', 'src', 'index.d.ts');
  return (existsSync(built) ? built : join(root, 'src', 'index.ts')).split(sep).join('/');
}
