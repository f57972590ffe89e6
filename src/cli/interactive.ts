/**
 * `run --interactive`: the run's changes offered one by one on a terminal, as `git add -p`
 * offers hunks: y accept, n skip, a accept the rest of this file, d skip the rest of this
 * file, q write what was accepted and stop, ? help (Ctrl-C stops without writing anything).
 * A change is every hunk one fix needs (a call and the import it adds come together), so no
 * answer can split a fix. What was accepted is written with the atomic, stale-checked writes
 * of --write, after the checks of src/cli/interactive-write.ts.
 */
import type { Colors } from '../output/printers.js';
import { colorizeDiff } from '../output/printers.js';
import { applyRegions, type Change } from '../output/changes.js';
import { prepareReview, type Review, type RunRecord } from '../output/report.js';
import { unifiedDiff } from '../output/unified-diff.js';
import type { CliIO, KeyInput } from './io.js';
import { writeSelection } from './interactive-write.js';

const HELP = [
  'y - apply this change',
  'n - do not apply this change',
  'a - apply this change and all later changes in this file',
  'd - do not apply this change nor any later change in this file',
  'q - quit: write the changes accepted so far, nothing else',
  '? - print this help',
  '(Ctrl-C stops without writing anything)',
].join('\n');

/** Single key presses from a terminal in raw mode (or whole chunks from anything else). */
class Keys {
  private readonly buffered: string[] = [];
  private waiting?: (key: string | null) => void;
  private ended = false;
  private readonly onData = (chunk: Buffer | string) => {
    for (const ch of String(chunk)) {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(ch);
      } else this.buffered.push(ch);
    }
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.waiting?.(null);
  };

  /** A signal (SIGINT, SIGTERM to the process) counts as Ctrl-C. */
  private readonly onAbort = () => this.onData('\x03');

  constructor(
    private readonly input: KeyInput,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', this.onAbort);
    input.setRawMode?.(true);
    input.on('data', this.onData);
    input.on('end', this.onEnd);
    input.resume();
  }

  /** The next key, or null when the input ended. */
  next(): Promise<string | null> {
    if (this.buffered.length) return Promise.resolve(this.buffered.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close() {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.input.removeListener('data', this.onData);
    this.input.removeListener('end', this.onEnd);
    this.input.setRawMode?.(false);
    this.input.pause();
  }
}

type Answer = 'y' | 'n' | 'a' | 'd' | 'q' | 'abort';

/** What a change looks like on screen: who made it, why, and its hunks with context. */
export function describeChange(review: Review, c: Change, colors: Colors): string {
  const lines: string[] = [];
  for (const ref of c.findings) {
    const f = review.files[ref.file];
    const finding = f.findings[ref.index];
    lines.push(`${f.path}:${finding.line}:${finding.column}: ${finding.message} (${finding.codemod})`);
  }
  if (!c.findings.length) lines.push('gocodemod changes these lines (no single finding made them)');
  const files = [...new Set(c.regions.map((r) => r.file))];
  let diff = '';
  for (const fi of files) {
    const f = review.files[fi];
    diff += unifiedDiff(f.diffPath, f.original, applyRegions(f.original, c.regions.filter((r) => r.file === fi)));
  }
  return lines.join('\n') + '\n' + colorizeDiff(diff, colors);
}

async function ask(keys: Keys, io: CliIO, prompt: string): Promise<Answer> {
  for (;;) {
    io.stdout.write(prompt);
    const key = await keys.next();
    if (key === null) {
      io.stdout.write('\n');
      return 'q';
    }
    if (key === '\x03') {
      io.stdout.write('^C\n');
      return 'abort';
    }
    if (key === '\r' || key === '\n') continue;
    io.stdout.write(key + '\n');
    const k = key.toLowerCase();
    if (k === 'y' || k === 'n' || k === 'a' || k === 'd' || k === 'q') return k;
    io.stdout.write(k === '?' ? HELP + '\n' : `${JSON.stringify(key)}: not an answer; ? lists them\n`);
  }
}

export async function interactiveReview(record: RunRecord, io: CliIO, colors: Colors): Promise<number> {
  const review = prepareReview(record);
  const changes = review.changes.changes;
  if (!changes.length) {
    io.stdout.write('gocodemod: nothing to change\n');
    return 0;
  }
  const accepted = new Set<number>();
  let decided = 0;
  const keys = new Keys(io.stdin!, io.signal);
  try {
    // Each file's later changes, for a and d: a change belongs to the file of its first hunk.
    const fileOf = (c: Change) => c.regions[0].file;
    let rest: 'accept' | 'skip' | undefined;
    let restFile = -1;
    for (const c of changes) {
      if (fileOf(c) !== restFile) rest = undefined;
      if (rest) {
        if (rest === 'accept') accepted.add(c.id);
        decided++;
        continue;
      }
      io.stdout.write('\n' + describeChange(review, c, colors));
      const answer = await ask(keys, io, `(${c.id + 1}/${changes.length}) Apply this change [y,n,a,d,q,?]? `);
      if (answer === 'abort') {
        io.stderr.write('gocodemod: stopped: nothing written\n');
        return 130;
      }
      if (answer === 'q') break;
      decided++;
      if (answer === 'y' || answer === 'a') accepted.add(c.id);
      if (answer === 'a' || answer === 'd') {
        rest = answer === 'a' ? 'accept' : 'skip';
        restFile = fileOf(c);
      }
    }
  } finally {
    keys.close();
  }
  const result = await writeSelection(review, accepted);
  for (const line of result.messages) io.stderr.write(line + '\n');
  io.stderr.write(
    `gocodemod: ${accepted.size} of ${changes.length} change${changes.length === 1 ? '' : 's'} accepted${decided < changes.length ? ` (${changes.length - decided} not asked)` : ''}; ${result.written} file${result.written === 1 ? '' : 's'} written\n`,
  );
  return result.failed ? 2 : 0;
}
