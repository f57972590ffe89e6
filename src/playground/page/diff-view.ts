/**
 * The result pane: the dry run's diff (exactly what `gocodemod run` prints) rendered by
 * diff2html, side by side or unified; or the output file itself, in a read-only editor.
 */
import { html } from 'diff2html';

/** Above this many diff lines, lines are not paired up for word highlighting (it is quadratic). */
const MATCHING_LIMIT = 4000;

export function renderDiff(target: HTMLElement, diff: string, view: 'split' | 'unified', empty: string): void {
  if (diff === '') {
    const p = document.createElement('p');
    p.className = 'none';
    p.textContent = empty;
    target.replaceChildren(p);
    return;
  }
  const lines = diff.split('\n').length;
  target.innerHTML = html(diff, {
    outputFormat: view === 'split' ? 'side-by-side' : 'line-by-line',
    drawFileList: false,
    matching: lines > MATCHING_LIMIT ? 'none' : 'lines',
    diffStyle: 'word',
  });
}
