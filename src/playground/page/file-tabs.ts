/**
 * The files of the playground, as tabs: one is shown in the editor. Files can be added (a Go
 * file of the package, another package in a folder, a go.mod or go.work), renamed (double
 * click) and removed; the run sees them as a directory holding them (src/playground/run-files.ts).
 */
import type { PlaygroundState } from '../state.js';

/** Why a path cannot be a file of the playground, or undefined when it can. */
export function pathProblem(path: string, taken: readonly string[]): string | undefined {
  if (path === '') return 'a file needs a name';
  if (path.startsWith('/') || path.split('/').some((p) => p === '' || p === '.' || p === '..')) return `'${path}' is not a relative path like main.go or sub/pkg.go`;
  if (taken.includes(path)) return `there is a file '${path}' already`;
  return undefined;
}

/** What a new file starts with. */
export function newFileText(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'go.mod') return 'module example.com/m\n\ngo 1.22\n';
  if (name === 'go.work') return 'go 1.22\n\nuse .\n';
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const pkg = dir === '' ? 'main' : dir.slice(dir.lastIndexOf('/') + 1).replace(/[^\p{L}\p{Nd}_]/gu, '_');
  return `package ${pkg}\n`;
}

export interface FileTabsEvents {
  select(path: string): void;
  add(path: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** Says why a name was refused. */
  refuse(message: string): void;
}

export class FileTabs {
  constructor(
    private readonly root: HTMLElement,
    private readonly events: FileTabsEvents,
  ) {}

  show(state: PlaygroundState, changed: ReadonlySet<string>) {
    const paths = state.files.map((f) => f.path);
    const tabs = paths.map((path) => {
      const tab = document.createElement('span');
      tab.className = 'file-tab' + (path === state.active ? ' active' : '');
      const name = document.createElement('button');
      name.type = 'button';
      name.setAttribute('role', 'tab');
      name.setAttribute('aria-selected', String(path === state.active));
      name.title = 'double click to rename';
      name.textContent = path + (changed.has(path) ? ' •' : '');
      name.addEventListener('click', () => this.events.select(path));
      name.addEventListener('dblclick', () => {
        const to = prompt('Rename the file to', path);
        if (to === null || to === path) return;
        const problem = pathProblem(to.trim(), paths);
        if (problem) this.events.refuse(problem);
        else this.events.rename(path, to.trim());
      });
      tab.append(name);
      if (paths.length > 1) {
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'close';
        close.setAttribute('aria-label', `remove ${path}`);
        close.textContent = '×';
        close.addEventListener('click', () => {
          if (confirm(`Remove ${path}?`)) this.events.remove(path);
        });
        tab.append(close);
      }
      return tab;
    });
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'add-file';
    add.textContent = '+ file';
    add.title = 'add a Go file, a go.mod or a go.work (a folder in the name makes another package)';
    add.addEventListener('click', () => {
      const path = prompt('Name of the new file (e.g. util.go, sub/pkg.go, go.mod)', 'util.go');
      if (path === null) return;
      const problem = pathProblem(path.trim(), paths);
      if (problem) this.events.refuse(problem);
      else this.events.add(path.trim());
    });
    this.root.replaceChildren(...tabs, add);
  }
}
