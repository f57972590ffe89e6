/**
 * Writes the changes accepted in `--interactive`: each file with the regions of its accepted
 * changes. A file that takes only some of its changes is checked as the engine checks its
 * own results: it must parse with no more syntax errors than it had, Go's own parser must
 * accept it where it accepted the input, and a gofmt-clean input is gofmt-formatted again
 * (an accepted change can leave a column misaligned that a skipped one realigned). A file
 * that fails is not written, nor any file an accepted change joins it with; the rest are
 * written as --write writes: atomically, only if unchanged on disk since they were read, and
 * the files an accepted change joins all or none (a write group).
 */
import { loadGofmt, type Gofmt } from '../engine/gofmt.js';
import { errorRegions } from '../engine/syntax-errors.js';
import { loadGoParser, type GoParser } from '../go/parser.js';
import { writeGroup } from '../run/write-file.js';
import type { Review } from '../output/report.js';
import { selectedTexts, writeGroups } from '../output/selection.js';

export interface WriteOutcome {
  written: number;
  failed: boolean;
  messages: string[];
}

function check(parser: GoParser, gofmt: Gofmt, original: string, text: string): { ok: true; text: string } | { ok: false; why: string } {
  const count = (src: string) => {
    const tree = parser.parse(src);
    try {
      return errorRegions(tree, src).length;
    } finally {
      tree.delete();
    }
  };
  if (count(text) > count(original)) return { ok: false, why: 'the changes accepted would leave it with a syntax error' };
  const before = gofmt.format(original);
  if (!before.ok) return { ok: true, text };
  const after = gofmt.format(text);
  if (!after.ok) return { ok: false, why: `Go's parser rejects the changes accepted (${after.error})` };
  return { ok: true, text: before.text === original ? after.text : text };
}

export async function writeSelection(review: Review, accepted: ReadonlySet<number>): Promise<WriteOutcome> {
  const out: WriteOutcome = { written: 0, failed: false, messages: [] };
  const selected = selectedTexts(review, accepted);
  if (!selected.length) return out;
  const needsCheck = selected.some((s) => !s.complete && review.files[s.file].path.endsWith('.go'));
  const parser = needsCheck ? await loadGoParser() : undefined;
  const gofmt = needsCheck ? await loadGofmt() : undefined;
  const texts = new Map<number, string>();
  const refused = new Set<number>();
  for (const s of selected) {
    const f = review.files[s.file];
    if (s.complete || !f.path.endsWith('.go')) {
      texts.set(s.file, s.text);
      continue;
    }
    const r = check(parser!, gofmt!, f.original, s.text);
    if (r.ok) texts.set(s.file, r.text);
    else {
      refused.add(s.file);
      out.failed = true;
      out.messages.push(`${f.path}: error: not written: ${r.why}`);
    }
  }
  for (const group of writeGroups(review, accepted)) {
    const bad = group.find((fi) => refused.has(fi));
    if (bad !== undefined) {
      for (const fi of group) {
        if (fi !== bad && !refused.has(fi)) out.messages.push(`${review.files[fi].path}: error: not written: an accepted change also edits ${review.files[bad].path}, which was not written`);
      }
      continue;
    }
    // All or none, as --write writes a write group (src/run/write-file.ts).
    const members = group.flatMap((fi) => {
      const f = review.files[fi];
      const text = texts.get(fi);
      return text === undefined || text === f.original ? [] : [{ abs: f.abs, path: f.path, expected: Buffer.from(f.original, 'utf8'), content: text }];
    });
    writeGroup(members).forEach((w, i) => {
      if (w.ok) out.written++;
      else {
        out.failed = true;
        out.messages.push(`${members[i].path}: error: ${w.message}`);
      }
    });
  }
  return out;
}
