/**
 * A chosen subset of a run's changes (changes.ts), as texts to write: each file gets the
 * regions of the accepted changes that touch it. Files an accepted change joins (a fix that
 * edits two files) are written together or not at all.
 */
import { applyRegions, type Change } from './changes.js';
import type { Review } from './report.js';

export interface SelectedFile {
  /** Index in review.files. */
  file: number;
  text: string;
  /** Every change of the file was accepted: the text is the run's own (already verified). */
  complete: boolean;
}

export function selectedTexts(review: Review, accepted: ReadonlySet<number>): SelectedFile[] {
  const regionsOf = new Map<number, Change['regions']>();
  const totalOf = new Map<number, number>();
  for (const c of review.changes.changes) {
    for (const r of c.regions) {
      totalOf.set(r.file, (totalOf.get(r.file) ?? 0) + 1);
      if (!accepted.has(c.id)) continue;
      const list = regionsOf.get(r.file) ?? [];
      list.push(r);
      regionsOf.set(r.file, list);
    }
  }
  return [...regionsOf]
    .sort(([a], [b]) => a - b)
    .map(([file, regions]) => {
      const f = review.files[file];
      const complete = regions.length === totalOf.get(file);
      return { file, text: complete ? f.output : applyRegions(f.original, regions), complete };
    });
}

/** Groups of files (indices) that accepted changes join: each is written all or none. */
export function writeGroups(review: Review, accepted: ReadonlySet<number>): number[][] {
  const groupOf = new Map<number, Set<number>>();
  for (const c of review.changes.changes) {
    if (!accepted.has(c.id)) continue;
    const files = new Set(c.regions.map((r) => r.file));
    const merged = new Set<number>();
    for (const f of files) for (const g of groupOf.get(f) ?? [f]) merged.add(g);
    for (const f of merged) groupOf.set(f, merged);
  }
  const groups = new Set(groupOf.values());
  return [...groups].map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}
