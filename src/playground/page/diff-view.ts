/**
 * The result pane: the dry run's diff (exactly what `gocodemod run` prints) rendered by
 * diff2html, side by side or unified; or the output file itself, in a read-only editor.
 *
 * A long diff is shown up to a whole hunk near DIFF_LINES, with a button for the rest: laying
 * out thousands of table rows on every key press would make typing slow, and the first
 * screens are what one reads while typing.
 */
import { html } from 'diff2html';

/** How many lines of a diff are shown unless the whole is asked for. */
export const DIFF_LINES = 300;

/** `diff` cut at the last file or hunk header before line `max` (none when it is shorter). */
export function cutDiff(diff: string, max: number): { shown: string; hidden: number } {
  const lines = diff.split('\n');
  if (lines.length <= max) return { shown: diff, hidden: 0 };
  let cut = max;
  while (cut > 0 && !lines[cut].startsWith('@@') && !lines[cut].startsWith('diff --git')) cut--;
  if (cut === 0) cut = max;
  // Within a file, a hunk header needs the file's header lines before it: they are above.
  return { shown: lines.slice(0, cut).join('\n') + '\n', hidden: lines.length - 1 - cut };
}

export function renderDiff(target: HTMLElement, diff: string, view: 'split' | 'unified', empty: string, whole: boolean, showWhole: () => void): void {
  if (diff === '') {
    const p = document.createElement('p');
    p.className = 'none';
    p.textContent = empty;
    target.replaceChildren(p);
    return;
  }
  const { shown, hidden } = whole ? { shown: diff, hidden: 0 } : cutDiff(diff, DIFF_LINES);
  target.innerHTML = html(shown, { outputFormat: view === 'split' ? 'side-by-side' : 'line-by-line', drawFileList: false, matching: 'lines', diffStyle: 'word' });
  if (hidden) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more-diff';
    more.textContent = `show the whole diff (${hidden} more lines)`;
    more.addEventListener('click', showWhole);
    target.append(more);
  }
}
