/**
 * The playground page: Go files in an editor, a rule pane (query, pattern, YAML rules or a
 * built-in codemod), and what the engine makes of them: the syntax tree, the matches and
 * findings, the diff and the output. Every change runs the engine again, in this thread,
 * on the engine's own code (src/playground/evaluate.ts); the state goes to the URL fragment.
 *
 * `window.playground` lets tests (and the curious) wait for an update and read its result.
 */
import type { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Tree } from 'web-tree-sitter';
import { portableGuard } from '../../engine/codemod-call.js';
import { builtinCodemods } from '../../registry/builtins.js';
import { evaluate, reportLines, type Evaluation, type ReportLine } from '../evaluate.js';
import { cliCommand, fixtureExport, fixtureScript } from '../exports.js';
import { kindOf, type Platform } from '../run-files.js';
import { decodeState, defaultState, encodeState, MODES, type DiffView, type PlaygroundState } from '../state.js';
import { renderDiff } from './diff-view.js';
import { createEditor, editorState, selectRange, setText, showDiagnostics, type Diagnostic, type EditorOptions } from './editors.js';
import { FileTabs, newFileText } from './file-tabs.js';
import { loadGoParser } from './go-parser.js';
import { loadGofmt } from './gofmt.js';
import { ResultsView } from './results-view.js';
import { MODE_TITLES, RulePane } from './rule-pane.js';
import { syntaxDiagnostics } from './syntax-marks.js';
import { TreeView } from './tree-view.js';

/** One update, as the status line and tests see it. */
export interface UpdateInfo {
  /** From the first change it answers to, to the page showing its result (ms). */
  ms: number;
  /** The engine's part of it (ms). */
  engineMs: number;
  /** How many updates the page has made. */
  count: number;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

class App {
  private readonly source: EditorView;
  private readonly sourceOptions: Omit<EditorOptions, 'parent' | 'text'>;
  private readonly editorStates = new Map<string, EditorState>();
  private readonly output: EditorView;
  private readonly rules: RulePane;
  private readonly tabs: FileTabs;
  private readonly treeView: TreeView;
  private readonly results: ResultsView;
  private tree: Tree | undefined;
  private evaluation: Evaluation | undefined;
  private changedSince: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fragmentWrite: Promise<void> = Promise.resolve();
  private writtenFragment = '';
  private waiters: (() => void)[] = [];
  private syncing = false;
  /** The user asked for the whole of a long diff: show it whole from now on. */
  private wholeDiff = false;
  last: UpdateInfo = { ms: 0, engineMs: 0, count: 0 };

  constructor(
    private state: PlaygroundState,
    private readonly platform: Platform,
  ) {
    this.sourceOptions = {
      label: 'Go source',
      language: 'go',
      onChange: (text) => {
        if (this.syncing) return;
        this.activeFile().text = text;
        this.changed();
      },
      onCursor: (from, to) => {
        if (!this.syncing && this.changedSince === undefined) this.treeView.reveal(from, to);
      },
    };
    this.source = createEditor({ ...this.sourceOptions, parent: byId('source-editor'), text: this.activeFile().text });
    this.editorStates.set(state.active, this.source.state);
    this.output = createEditor({ parent: byId('output-editor'), text: '', label: 'output file', language: 'go', readOnly: true });
    this.rules = new RulePane(byId('rule-body'), state, builtinCodemods, () => this.changed());
    this.tabs = new FileTabs(byId('file-tabs'), {
      select: (path) => this.activate(path),
      add: (path) => {
        this.state.files.push({ path, text: newFileText(path) });
        this.activate(path);
        this.changed();
      },
      rename: (from, to) => {
        const file = this.state.files.find((f) => f.path === from)!;
        file.path = to;
        const st = this.editorStates.get(from);
        this.editorStates.delete(from);
        if (st) this.editorStates.set(to, st);
        if (this.state.active === from) this.state.active = to;
        this.changed();
      },
      remove: (path) => {
        this.state.files = this.state.files.filter((f) => f.path !== path);
        if (this.state.active === path) this.activate(this.state.files[0].path);
        // After activate, which keeps the editor state of the file it leaves.
        this.editorStates.delete(path);
        this.changed();
      },
      refuse: (message) => this.say(message, true),
    });
    this.treeView = new TreeView(byId('tree'), (from, to) => this.selectSource(from, to));
    this.results = new ResultsView(byId('results'), (r) => this.pick(r));
    this.wireControls();
    this.showState();
  }

  private activeFile() {
    return this.state.files.find((f) => f.path === this.state.active) ?? this.state.files[0];
  }

  private wireControls() {
    for (const mode of MODES) {
      byId(`mode-${mode}`).addEventListener('click', () => {
        this.state.mode = mode;
        this.changed();
      });
    }
    for (const view of ['split', 'unified', 'output'] as const) {
      byId(`view-${view}`).addEventListener('click', () => {
        this.state.view = view;
        this.changed();
      });
    }
    const goVersion = byId<HTMLInputElement>('go-version');
    goVersion.addEventListener('input', () => {
      this.state.goVersion = goVersion.value.trim();
      this.changed();
    });
    byId('expand-all').addEventListener('click', () => this.treeView.expandAll());
    byId('collapse-all').addEventListener('click', () => this.treeView.collapseAll());
    byId('copy-link').addEventListener('click', () => void this.copyLink());
    byId('copy-cli').addEventListener('click', () => void this.exportText('The same on the command line', cliCommand(this.state), []));
    byId('copy-fixture').addEventListener('click', () => void this.copyFixture());
    byId('export-close').addEventListener('click', () => byId<HTMLDialogElement>('export').close());
    byId('export-copy').addEventListener('click', async () => {
      const copied = await this.copy(byId<HTMLTextAreaElement>('export-text').value);
      byId('export-notes').textContent = copied ? 'Copied to the clipboard.' : 'The browser refused: select the text and copy it.';
    });
    window.addEventListener('hashchange', () => void this.openFragment(location.hash));
  }

  /** Shows the whole state (at start, or when a link is opened). */
  private showState() {
    this.syncing = true;
    try {
      this.editorStates.clear();
      this.source.setState(editorState(this.sourceOptions, this.activeFile().text));
    } finally {
      this.syncing = false;
    }
    this.rules.load(this.state);
    this.changed();
  }

  private activate(path: string) {
    if (!this.state.files.some((f) => f.path === path)) return;
    this.editorStates.set(this.state.active, this.source.state);
    this.state.active = path;
    this.source.setState(this.editorStates.get(path) ?? editorState(this.sourceOptions, this.activeFile().text));
    this.changed();
  }

  /** Something changed: update once the current event is handled (changes in a burst make one update). */
  private changed() {
    this.changedSince ??= performance.now();
    this.timer ??= setTimeout(() => this.update(), 0);
  }

  private update() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const since = this.changedSince ?? performance.now();
    this.changedSince = undefined;
    try {
      const t0 = performance.now();
      const e = evaluate(this.state, this.platform, builtinCodemods);
      const engineMs = performance.now() - t0;
      this.evaluation = e;
      this.render(e);
      this.last = { ms: performance.now() - since, engineMs, count: this.last.count + 1 };
      this.status(e);
    } catch (err) {
      this.say(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, true);
    }
    this.fragmentWrite = this.writeFragment();
    void this.fragmentWrite.then(() => this.wake());
  }

  private render(e: Evaluation) {
    const file = this.activeFile();
    const lines = reportLines(e);
    this.renderChrome(e);
    this.rules.showProblem(e.problem);
    // The tree of the file in the editor, and its syntax errors.
    const old = this.tree;
    this.tree = kindOf(file.path) === 'go' ? this.platform.parser.parse(file.text) : undefined;
    const marks: Diagnostic[] = this.tree ? syntaxDiagnostics(this.tree, file.text) : [];
    for (const r of lines) {
      if (r.path !== file.path || r.from === undefined) continue;
      const severity = r.kind === 'finding' && !e.listOnly ? 'warning' : 'info';
      const message = this.state.mode === 'query' ? `@${r.message.split('\0')[0]}` : `${r.message}${r.kind === 'fixed' ? ' (fixed)' : ''}`;
      marks.push({ from: r.from, to: r.to ?? r.from, severity, source: r.codemod, message });
    }
    showDiagnostics(this.source, marks);
    const { from, to } = this.source.state.selection.main;
    this.treeView.show(this.tree, file.text, this.captures(e), from, to);
    old?.delete();
    byId('tree-note').textContent = this.tree ? '' : `${file.path} is not a Go file: it has no Go syntax tree`;
    this.results.show(lines, { mode: this.state.mode, listOnly: e.listOnly, lineText: (path, line) => this.lineText(path, line) });
    const unchanged = e.problem ? 'fix the rule pane first' : e.listOnly ? 'a search changes nothing' : 'no change';
    byId('diff').hidden = this.state.view === 'output';
    byId('output-editor').hidden = this.state.view !== 'output';
    if (this.state.view === 'output') setText(this.output, e.outputs.get(file.path) ?? file.text);
    else renderDiff(byId('diff'), e.diff, this.state.view, unchanged, this.wholeDiff, () => this.showWholeDiff());
  }

  private showWholeDiff() {
    this.wholeDiff = true;
    if (this.evaluation && this.state.view !== 'output') renderDiff(byId('diff'), this.evaluation.diff, this.state.view, '', true, () => {});
  }

  /** Tabs, mode and view buttons, the Go version: what follows the state directly. */
  private renderChrome(e: Evaluation) {
    const changed = new Set([...(e.outputs ?? [])].filter(([p, t]) => this.state.files.find((f) => f.path === p)?.text !== t).map(([p]) => p));
    this.tabs.show(this.state, changed);
    for (const mode of MODES) byId(`mode-${mode}`).setAttribute('aria-pressed', String(mode === this.state.mode));
    for (const view of ['split', 'unified', 'output'] as DiffView[]) byId(`view-${view}`).setAttribute('aria-pressed', String(view === this.state.view));
    byId('rule-title').textContent = MODE_TITLES[this.state.mode];
    byId('results-title').textContent = e.listOnly ? 'Matches' : 'Findings';
    this.rules.showMode();
    const goVersion = byId<HTMLInputElement>('go-version');
    if (goVersion.value.trim() !== this.state.goVersion) goVersion.value = this.state.goVersion;
    const inModule = this.state.files.some((f) => kindOf(f.path) === 'go.mod');
    goVersion.disabled = inModule;
    goVersion.setAttribute('aria-invalid', String(e.problem?.field === 'goVersion'));
    goVersion.title = inModule ? 'the go.mod says which Go the files are written in' : 'the Go version of files outside any module (--go)';
  }

  /** In query mode, the capture names of each node of the shown tree (as `gocodemod tree --query` marks them). */
  private captures(e: Evaluation): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (this.state.mode !== 'query' || e.problem || !this.tree) return out;
    for (const c of this.platform.parser.query(this.state.query).captures(this.tree.rootNode)) {
      const names = out.get(c.node.id) ?? [];
      if (!names.includes(c.name)) names.push(c.name);
      out.set(c.node.id, names);
    }
    return out;
  }

  private lineText(path: string, line: number): string {
    const text = this.state.files.find((f) => f.path === path)?.text ?? '';
    return text.split('\n')[line - 1] ?? '';
  }

  private status(e: Evaluation) {
    const findings = e.run ? [...e.run.outcomes.values()].reduce((n, o) => n + o.findings.length, 0) : 0;
    const changedFiles = e.run ? [...e.run.outcomes.values()].filter((o) => o.output !== o.original).length : 0;
    const what = e.problem ? 'does not compile' : e.listOnly ? `${findings} match${findings === 1 ? '' : 'es'}` : `${findings} finding${findings === 1 ? '' : 's'}, ${changedFiles} file${changedFiles === 1 ? '' : 's'} changed`;
    this.say(what, false);
    // The time goes in a tooltip: the line itself stays the same while the result does.
    const el = byId('status');
    el.title = `updated in ${Math.round(this.last.ms)} ms (the engine: ${Math.round(this.last.engineMs)} ms)`;
    el.dataset.ms = String(this.last.ms);
  }

  private say(message: string, isError: boolean) {
    const el = byId('status');
    el.textContent = message;
    el.classList.toggle('error', isError);
  }

  private selectSource(from: number, to: number) {
    this.syncing = true;
    try {
      selectRange(this.source, from, to);
    } finally {
      this.syncing = false;
    }
    this.source.focus();
  }

  private pick(r: ReportLine) {
    if (r.path !== this.state.active) {
      this.activate(r.path);
      this.update();
    }
    if (r.from !== undefined) this.selectSource(r.from, r.to ?? r.from);
  }

  private async writeFragment() {
    const fragment = await encodeState(this.state);
    if (fragment === this.writtenFragment) return;
    this.writtenFragment = fragment;
    history.replaceState(null, '', `#${fragment}`);
  }

  async openFragment(hash: string) {
    if (hash.replace(/^#/, '') === this.writtenFragment || hash === '') return;
    try {
      this.state = await decodeState(hash);
      byId('banner').hidden = true;
      this.writtenFragment = hash.replace(/^#/, '');
      this.showState();
    } catch (e) {
      const banner = byId('banner');
      banner.textContent = `This link cannot be opened: ${e instanceof Error ? e.message : String(e)}.`;
      banner.hidden = false;
    }
  }

  /** Resolves when no update is pending or running and the URL holds the state. */
  settled(): Promise<UpdateInfo> {
    if (this.timer === undefined) return this.fragmentWrite.then(() => (this.timer === undefined ? this.last : this.settled()));
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => this.settled());
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  hook(): PlaygroundHook {
    return {
      settled: () => this.settled(),
      open: async (fragment) => {
        await this.openFragment(fragment);
        return this.settled();
      },
      outputs: () => Object.fromEntries(this.evaluation?.outputs ?? []),
      last: () => this.last,
      state: () => structuredClone(this.state),
      selection: () => ({ from: this.source.state.selection.main.from, to: this.source.state.selection.main.to }),
      treeSelection: () => {
        const n = this.treeView.selectedNode();
        return n && { type: n.type, from: n.startIndex, to: n.endIndex };
      },
    };
  }

  private async copyLink() {
    await this.writeFragment();
    await this.exportText('A link to this state', location.href, []);
  }

  private async copyFixture() {
    const x = fixtureExport(this.state, this.platform, builtinCodemods);
    if (typeof x === 'string') await this.exportText('No fixtures', '', [x]);
    else await this.exportText(`Fixtures: ${x.files.length} files`, fixtureScript(x), x.notes);
  }

  private async exportText(title: string, text: string, notes: string[]) {
    const copied = text !== '' && (await this.copy(text));
    byId('export-title').textContent = title;
    byId('export-notes').textContent = [...notes, text === '' ? '' : copied ? 'Copied to the clipboard.' : 'Select the text and copy it.'].filter(Boolean).join(' ');
    const area = byId<HTMLTextAreaElement>('export-text');
    area.value = text;
    area.hidden = text === '';
    byId<HTMLDialogElement>('export').showModal();
  }

  private async copy(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}

/** What tests (and the curious, in the console) can ask the page. */
export interface PlaygroundHook {
  /** Resolves once no update is pending and the URL holds the state. */
  settled(): Promise<UpdateInfo>;
  /** Opens a state's fragment (`#s=...`), as following a link to it does; resolves once shown. */
  open(fragment: string): Promise<UpdateInfo>;
  /** What each file becomes. */
  outputs(): Record<string, string>;
  last(): UpdateInfo;
  state(): PlaygroundState;
  /** The selection in the source editor. */
  selection(): { from: number; to: number };
  /** The node the syntax tree pane has selected. */
  treeSelection(): { type: string; from: number; to: number } | undefined;
}

declare global {
  interface Window {
    playground?: PlaygroundHook;
  }
}

async function start() {
  const status = byId('status');
  try {
    const [parser, gofmt] = await Promise.all([loadGoParser(), loadGofmt()]);
    let state = defaultState();
    let problem: string | undefined;
    if (location.hash.length > 1) {
      try {
        state = await decodeState(location.hash);
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
    }
    const app = new App(state, { parser, gofmt, guard: portableGuard });
    window.playground = app.hook();
    if (problem) {
      const banner = byId('banner');
      banner.textContent = `This link cannot be opened: ${problem}. Showing the example instead.`;
      banner.hidden = false;
    }
    document.body.dataset.ready = 'true';
  } catch (e) {
    status.textContent = `the playground cannot start: ${e instanceof Error ? e.message : String(e)}`;
    status.classList.add('error');
  }
}

void start();
