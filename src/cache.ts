/**
 * The content cache: a package's results, keyed by everything that can change them, so a
 * re-run over an unchanged tree only reads and hashes. It can never change a result: the
 * key covers the tool's own code (so editing a codemod invalidates it), the grammar, the
 * codemods and their options, the run options, and every input file's path, text, Go
 * version and role. Entries are written atomically; an unreadable entry is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileOutcome, UnitFile } from './engine.js';
import { grammarPath } from './parser.js';

const FORMAT = 'v1';

/** $GOCODEMOD_CACHE_DIR, else $XDG_CACHE_HOME/gocodemod, else ~/.cache/gocodemod. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.GOCODEMOD_CACHE_DIR) return env.GOCODEMOD_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'gocodemod');
}

let codeHash: string | undefined;

/**
 * A hash of gocodemod's own code (engine and built-in codemods, as loaded: dist/*.js, or the
 * .ts sources under a test runner) and of the grammar.
 */
export function toolCodeHash(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url)); // .../src or .../dist/src
  const top = dirname(here);
  for (const sub of ['src', 'codemods']) {
    for (const f of listCode(join(top, sub))) {
      if (f.includes(`${'/'}testdata${'/'}`)) continue;
      h.update(f.slice(top.length)).update('\0').update(readFileSync(f)).update('\0');
    }
  }
  h.update(readFileSync(grammarPath()));
  return (codeHash = h.digest('hex'));
}

function listCode(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? listCode(join(dir, e.name)) : /\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []))
    .sort();
}

export interface CacheKeyParts {
  /** Codemod names and options, run options: anything global to the run. */
  run: unknown;
  files: readonly UnitFile[];
}

export function cacheKey(parts: CacheKeyParts): string {
  const h = createHash('sha256');
  h.update(FORMAT).update('\0').update(toolCodeHash()).update('\0').update(JSON.stringify(parts.run)).update('\0');
  for (const f of parts.files) {
    h.update(JSON.stringify([f.kind ?? 'go', f.path, f.goVersion ?? null, f.packageName, f.contextOnly ?? null, f.importPath ?? null, f.modulePath ?? null])).update('\0');
    h.update(f.source).update('\0');
  }
  return h.digest('hex');
}

/** What is stored: outcomes without their texts (outputs only where they differ). */
interface Stored {
  outcomes: (Omit<FileOutcome, 'original' | 'output' | 'changes'> & { output: string | null; changes: [string, number][] })[];
}

export class ResultCache {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, FORMAT, key.slice(0, 2), `${key}.json`);
  }

  get(key: string, files: readonly UnitFile[]): FileOutcome[] | undefined {
    let stored: Stored;
    try {
      stored = JSON.parse(readFileSync(this.file(key), 'utf8')) as Stored;
    } catch {
      return undefined;
    }
    const source = new Map(files.map((f) => [f.path, f.source]));
    const out: FileOutcome[] = [];
    for (const s of stored.outcomes) {
      const original = source.get(s.path);
      if (original === undefined) return undefined;
      out.push({ ...s, original, output: s.output ?? original, changes: new Map(s.changes) });
    }
    return out;
  }

  put(key: string, outcomes: readonly FileOutcome[]): void {
    const stored: Stored = {
      outcomes: outcomes.map(({ original, output, changes, ...rest }) => ({
        ...rest,
        output: output === original ? null : output,
        changes: [...changes],
      })),
    };
    const file = this.file(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(stored));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

/** How many entries the cache holds (for tests and reports). */
export function cacheEntries(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.json') && statSync(join(d, e.name)).isFile()) n++;
    }
  };
  try {
    walk(join(dir, FORMAT));
  } catch {
    /* no cache yet */
  }
  return n;
}
