/**
 * The findings pane: what the run reports, one line each, as the CLI prints it
 * (`path:line:col: message (codemod)`); a query's captures as `gocodemod query` prints them
 * (`@name text`), a pattern's matches as `gocodemod rewrite` without -r (the line). Clicking a
 * line selects its range in the source.
 */
import { captureOf } from '../../registry/query-codemod.js';
import type { ReportLine } from '../evaluate.js';

/** At most this many lines in the DOM: the rest is counted. */
const MAX_LINES = 2000;

export interface ResultsContext {
  mode: 'query' | 'pattern' | 'rule' | 'codemod';
  listOnly: boolean;
  /** The text of a line of a file (1-based), for grep-like match lines. */
  lineText(path: string, line: number): string;
}

export class ResultsView {
  constructor(
    private readonly list: HTMLElement,
    private readonly onPick: (r: ReportLine) => void,
  ) {}

  show(lines: readonly ReportLine[], ctx: ResultsContext): void {
    const items = lines.slice(0, MAX_LINES).map((r) => this.item(r, ctx));
    if (lines.length > MAX_LINES) {
      const more = document.createElement('li');
      more.className = 'more';
      more.textContent = `… and ${lines.length - MAX_LINES} more`;
      items.push(more);
    }
    if (!items.length) {
      const none = document.createElement('li');
      none.className = 'none';
      none.textContent = ctx.listOnly ? 'no match' : 'no findings: nothing to change';
      items.push(none);
    }
    this.list.replaceChildren(...items);
  }

  private item(r: ReportLine, ctx: ResultsContext): HTMLLIElement {
    const li = document.createElement('li');
    li.className = `result ${r.kind}`;
    const where = document.createElement('button');
    where.type = 'button';
    where.className = 'where';
    where.textContent = `${r.path}:${r.line}:${r.column}:`;
    where.addEventListener('click', () => this.onPick(r));
    li.append(where, ' ');
    const text = document.createElement('span');
    text.className = 'message';
    if (ctx.mode === 'query' && r.kind === 'finding') {
      const { name, text: captured } = captureOf(r.message);
      const tag = document.createElement('span');
      tag.className = 'capture';
      tag.textContent = `@${name}`;
      li.append(tag, ' ');
      text.textContent = captured;
    } else if (ctx.listOnly && r.kind === 'finding') {
      text.textContent = ctx.lineText(r.path, r.line).trim();
    } else {
      const badge = r.kind === 'fixed' ? 'fixed' : r.kind === 'finding' ? 'finding' : r.kind;
      const b = document.createElement('span');
      b.className = `badge ${r.kind}`;
      b.textContent = badge;
      li.append(b, ' ');
      text.textContent = r.codemod ? `${r.message} (${r.codemod})` : r.message;
    }
    li.append(text);
    return li;
  }
}
