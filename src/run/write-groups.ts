/**
 * Which changed files are written together, all or none (src/run/write-file.ts writes one
 * group): the files joined by a fix that spans them (`joined`, from the engine), and, with
 * them, the go.mod whose raised go line their edits need (`needsGoLine`: the edits came from
 * a codemod whose minimum Go the go directive as it was on disk did not meet).
 *
 * Files joined by a fix are in one directory, so a directory's result holds their group
 * whole. A go.mod's group spans every directory of its module: under --write the go.mod is
 * held back, with the groups that need it, until the last directory of the module is done
 * (the runner counts them), and is then written with them. The dry run and --check write
 * nothing and hold nothing back: they report the same groups as they go.
 */
import { isChanged, type OutcomeWithFile } from './dir-result.js';
import { writeGroup, type WriteOps } from './write-file.js';

export interface WriteOutcome {
  written: boolean;
  /** Why the file was not written (or not restored); absent when it was, or in a dry run. */
  error?: string;
}

export interface WriteGroupsOptions {
  write: boolean;
  /** Every file ends here once, in order: its outcome, what writing did, its group's paths (2 or more). */
  emit: (o: OutcomeWithFile, w: WriteOutcome, group: string[] | undefined) => void;
  /** Display path of a go.mod (an absolute path). */
  display: (abs: string) => string;
  ops?: WriteOps;
}

interface Held {
  module: OutcomeWithFile;
  /** Groups of Go files that need the module's new go line, in the order they came. */
  members: OutcomeWithFile[];
  dirsLeft: number;
}

const changed = (o: OutcomeWithFile) => isChanged(o) && o.errors.length === 0;

export class WriteGroups {
  private readonly held = new Map<string, Held>();
  /** Groups of two or more files seen so far (a fix's files, or a go.mod and what needs it). */
  private readonly keys = new Set<string>();

  constructor(private readonly opts: WriteGroupsOptions) {}

  /** How many write groups of two or more files the run had. */
  get count(): number {
    return this.keys.size;
  }

  /**
   * A go.mod or go.work result of phase one. `dirs`: how many directories of this run belong
   * to its module; under --write a changed go.mod waits for them.
   */
  moduleFile(o: OutcomeWithFile, dirs: number): void {
    if (this.opts.write && dirs > 0 && changed(o)) this.held.set(o.abs, { module: o, members: [], dirsLeft: dirs });
    else this.commit([o], undefined);
  }

  /** A directory's results, in order; `gomod`: the go.mod of its module, if any. */
  directory(outcomes: readonly OutcomeWithFile[], gomod: string | undefined): void {
    const groups = groupsOf(outcomes);
    const done = new Set<OutcomeWithFile>();
    for (const o of outcomes) {
      if (done.has(o)) continue;
      const group = groups.get(o);
      if (!group) {
        this.opts.emit(o, { written: false }, undefined);
        continue;
      }
      for (const m of group) done.add(m);
      const needs = group.some((m) => m.needsGoLine) ? gomod : undefined;
      const held = needs === undefined ? undefined : this.held.get(needs);
      if (held) held.members.push(...group);
      else this.commit(group, needs);
    }
    const held = gomod === undefined ? undefined : this.held.get(gomod);
    if (held && --held.dirsLeft === 0) {
      this.held.delete(gomod!);
      this.commit([held.module, ...held.members], held.module.abs);
    }
  }

  /** Writes (under --write) and reports one group. `needs`: the go.mod it needs, if any. */
  private commit(group: OutcomeWithFile[], needs: string | undefined): void {
    const paths = group.map((m) => m.path);
    if (needs !== undefined && !group.some((m) => m.abs === needs)) paths.unshift(this.opts.display(needs));
    const shown = paths.length > 1 ? paths : undefined;
    if (shown) this.keys.add(needs ?? group[0].abs);
    if (!this.opts.write || !changed(group[0])) {
      for (const m of group) this.opts.emit(m, { written: false }, shown);
      return;
    }
    // Decoding was exact (fatal UTF-8, BOM kept), so re-encoding gives the bytes that were read.
    const results = writeGroup(
      group.map((m) => ({ abs: m.abs, path: m.path, expected: Buffer.from(m.original, 'utf8'), content: m.output })),
      this.opts.ops,
    );
    group.forEach((m, i) => {
      const r = results[i];
      this.opts.emit(m, r.ok ? { written: true } : { written: false, error: r.message }, shown);
    });
  }
}

/**
 * The groups of a directory's changed files: connected by `joined` (paths), each in path
 * order. Files that are unchanged or in error belong to none.
 */
function groupsOf(outcomes: readonly OutcomeWithFile[]): Map<OutcomeWithFile, OutcomeWithFile[]> {
  const byPath = new Map(outcomes.filter(changed).map((o) => [o.path, o]));
  const out = new Map<OutcomeWithFile, OutcomeWithFile[]>();
  for (const start of byPath.values()) {
    if (out.has(start)) continue;
    const group: OutcomeWithFile[] = [];
    const queue = [start];
    out.set(start, group);
    while (queue.length) {
      const o = queue.pop()!;
      group.push(o);
      for (const p of o.joined ?? []) {
        const next = byPath.get(p);
        if (next && !out.has(next)) {
          out.set(next, group);
          queue.push(next);
        }
      }
    }
    group.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  return out;
}
