/**
 * Which gocodemod.yaml applies to a directory: the nearest one at or above it, up to the
 * repository root (the nearest directory holding `.git`, itself included), or up to the
 * file-system root outside a repository. Nested files are not merged: the nearest wins.
 * Answers are memoized per directory, so discovery asks for every directory it walks at the
 * cost of one stat each.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME } from './schema.js';

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
const exists = (p: string) => statSync(p, { throwIfNoEntry: false }) !== undefined;

export class ConfigFinder {
  private readonly memo = new Map<string, string | null>();

  /**
   * The config file for the files directly in `dir` (absolute), or undefined. `names`, when
   * the caller has just listed `dir` (discovery has), saves the stats for `dir` itself; its
   * parents were asked before it in a walk, so a walk costs no stat at all.
   */
  nearest(dir: string, names?: ReadonlySet<string>): string | undefined {
    const walked: string[] = [];
    let found: string | null = null;
    for (let d = dir; ; d = dirname(d)) {
      const known = this.memo.get(d);
      if (known !== undefined) {
        found = known;
        break;
      }
      walked.push(d);
      const listed = d === dir ? names : undefined;
      const candidate = join(d, CONFIG_FILE_NAME);
      if ((!listed || listed.has(CONFIG_FILE_NAME)) && isFile(candidate)) {
        found = candidate;
        break;
      }
      // The repository root is the last directory searched; so is the file-system root.
      if ((listed ? listed.has('.git') : exists(join(d, '.git'))) || dirname(d) === d) break;
    }
    for (const d of walked) this.memo.set(d, found);
    return found ?? undefined;
  }
}
