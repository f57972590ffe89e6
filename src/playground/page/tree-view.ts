/**
 * The syntax tree pane: the active file's tree as `gocodemod tree` prints it (the same nodes,
 * labels, byte positions and texts, src/output/syntax-tree.ts), folded: a node's children are
 * read from the tree only when it is open, and only the rows in view are in the DOM, so an
 * update costs the same for a file of ten lines or ten thousand.
 *
 * Clicking a row selects its source; `reveal(offset)` opens the way to the smallest node at
 * an offset of the source and selects its row (the cursor in the editor drives it).
 * Keyboard: up and down move, right opens, left closes, Enter selects the source.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { isShownNode, nodeLabel, shortText } from '../../output/syntax-tree.js';
import { LineIndex } from '../../go/position.js';

/** Pixels per row (the CSS gives .tree-row this height). */
const ROW = 20;

interface Row {
  node: Node;
  field: string | null;
  depth: number;
  /** Child indices among shown children from the root: stays the same over most edits. */
  key: string;
  open: boolean;
}

interface Child {
  node: Node;
  field: string | null;
}

export class TreeView {
  private tree: Tree | undefined;
  private lines: LineIndex | undefined;
  private captures: ReadonlyMap<number, readonly string[]> = new Map();
  private rows: Row[] = [];
  private readonly opened = new Set<string>(['']);
  private allOpen = false;
  private selected: string | undefined;
  private readonly children = new Map<number, Child[]>();
  private readonly spacer: HTMLDivElement;
  private readonly window: HTMLDivElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (from: number, to: number) => void,
  ) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'tree-spacer';
    this.window = document.createElement('div');
    this.window.className = 'tree-window';
    this.spacer.append(this.window);
    container.append(this.spacer);
    container.addEventListener('scroll', () => this.paint());
    container.addEventListener('click', (e) => this.clicked(e));
    container.addEventListener('keydown', (e) => this.key(e));
  }

  /**
   * Shows a new tree (the caller deletes the old one after), its node at [from, to) selected.
   * Open rows stay open by position.
   */
  show(tree: Tree | undefined, source: string, captures: ReadonlyMap<number, readonly string[]>, from: number, to: number) {
    this.tree = tree;
    this.lines = new LineIndex(source);
    this.captures = captures;
    this.children.clear();
    this.reveal(from, to);
  }

  expandAll() {
    this.allOpen = true;
    this.layout();
  }

  collapseAll() {
    this.allOpen = false;
    this.opened.clear();
    this.opened.add('');
    this.layout();
  }

  /** The key of the selected row (tests and the status line read it). */
  selectedNode(): Node | undefined {
    return this.rows.find((r) => r.key === this.selected)?.node;
  }

  /** Opens the way to the smallest shown node that contains `offset` and selects it. */
  reveal(from: number, to = from) {
    if (!this.tree) {
      this.layout();
      return;
    }
    let node: Node | null = this.tree.rootNode.descendantForIndex(from, Math.max(from, to));
    const path: Node[] = [];
    for (; node; node = node.parent) path.unshift(node);
    let key = '';
    let parent = this.tree.rootNode;
    for (const n of path.slice(1)) {
      const i = this.childrenOf(parent).findIndex((c) => c.node.id === n.id);
      if (i < 0) continue; // not shown: its shown descendants are its parent's children
      this.opened.add(key);
      key = key === '' ? String(i) : `${key}.${i}`;
      parent = n;
    }
    this.selected = key;
    this.layout(false);
    this.scrollToRow(Math.max(0, this.rows.findIndex((r) => r.key === key)));
  }

  private scrollToRow(at: number) {
    const top = at * ROW;
    const c = this.container;
    if (top < c.scrollTop || top + ROW > c.scrollTop + c.clientHeight) c.scrollTop = Math.max(0, top - c.clientHeight / 2);
    this.paint();
  }

  /** The rows of the open nodes, in order; `paint`: draw them now. */
  private layout(paint = true) {
    this.rows = [];
    if (this.tree) {
      // Children are read from the tree only for open nodes (and, to draw them, rows in view).
      const walk = (node: Node, field: string | null, depth: number, key: string) => {
        const open = (this.allOpen || this.opened.has(key)) && this.childrenOf(node).length > 0;
        this.rows.push({ node, field, depth, key, open });
        if (open) this.childrenOf(node).forEach((c, i) => walk(c.node, c.field, depth + 1, key === '' ? String(i) : `${key}.${i}`));
      };
      walk(this.tree.rootNode, null, 0, '');
    }
    this.spacer.style.height = `${this.rows.length * ROW}px`;
    if (paint) this.paint();
  }

  /** The shown children of a node: its children, with those not shown replaced by their own shown children. */
  private childrenOf(node: Node): Child[] {
    let kids = this.children.get(node.id);
    if (kids) return kids;
    kids = [];
    const collect = (n: Node) => {
      const all = n.children;
      for (let i = 0; i < all.length; i++) {
        const c = all[i];
        if (!c) continue;
        const field = n.fieldNameForChild(i);
        if (isShownNode(c, field, this.captures.has(c.id))) kids!.push({ node: c, field });
        else collect(c);
      }
    };
    collect(node);
    this.children.set(node.id, kids);
    return kids;
  }

  /** Renders the rows in view (and a few around them). */
  private paint() {
    const first = Math.max(0, Math.floor(this.container.scrollTop / ROW) - 10);
    const last = Math.min(this.rows.length, first + Math.ceil((this.container.clientHeight || 600) / ROW) + 20);
    this.window.style.transform = `translateY(${first * ROW}px)`;
    this.window.replaceChildren(...this.rows.slice(first, last).map((r) => this.rowElement(r)));
  }

  private rowElement(r: Row): HTMLElement {
    const el = document.createElement('div');
    el.className = 'tree-row' + (r.key === this.selected ? ' selected' : '');
    el.dataset.key = r.key;
    el.setAttribute('role', 'treeitem');
    el.setAttribute('aria-level', String(r.depth + 1));
    const leaf = this.isLeaf(r);
    if (!leaf) el.setAttribute('aria-expanded', String(r.open));
    if (r.key === this.selected) el.setAttribute('aria-selected', 'true');
    el.style.paddingLeft = `${r.depth * 14 + 4}px`;
    const twisty = span('twisty', leaf ? '' : r.open ? '▾' : '▸');
    const label = nodeLabel(r.node);
    const pos = (offset: number) => {
      const p = this.lines!.position(offset);
      return `${p.line}:${p.column}`;
    };
    el.append(twisty);
    if (r.field) el.append(span('field', `${r.field}: `));
    el.append(span(`type ${label.kind}`, label.text), span('range', ` ${pos(r.node.startIndex)}-${pos(r.node.endIndex)}`));
    if (r.node.isNamed && !r.node.isMissing) el.append(span('text', ` ${shortText(r.node.text)}`));
    const captured = this.captures.get(r.node.id);
    if (captured) el.append(span('capture', `  ${captured.map((c) => `@${c}`).join(' ')}`));
    return el;
  }

  private clicked(e: MouseEvent) {
    const el = (e.target as HTMLElement).closest<HTMLElement>('.tree-row');
    if (!el) return;
    const row = this.rows.find((r) => r.key === el.dataset.key);
    if (!row) return;
    if ((e.target as HTMLElement).classList.contains('twisty')) this.toggle(row);
    else this.choose(row);
  }

  private isLeaf(row: Row): boolean {
    return !row.open && this.childrenOf(row.node).length === 0;
  }

  private toggle(row: Row, open = !row.open) {
    if (this.isLeaf(row)) return;
    if (open) this.opened.add(row.key);
    else {
      this.opened.delete(row.key);
      this.allOpen = false;
    }
    this.layout();
  }

  private choose(row: Row) {
    this.selected = row.key;
    this.paint();
    this.onSelect(row.node.startIndex, row.node.endIndex);
  }

  private key(e: KeyboardEvent) {
    const at = this.rows.findIndex((r) => r.key === this.selected);
    const row = this.rows[at];
    const move = (i: number) => {
      const next = Math.max(0, Math.min(this.rows.length - 1, i));
      if (!this.rows[next]) return;
      this.selected = this.rows[next].key;
      this.scrollToRow(next);
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'ArrowRight' && row) this.toggle(row, true);
    else if (e.key === 'ArrowLeft' && row) this.toggle(row, false);
    else if (e.key === 'Enter' && row) this.choose(row);
    else return;
    e.preventDefault();
  }
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}
