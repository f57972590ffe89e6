/**
 * The rule pane: what runs on the files, in one of four forms (the page's modes): a
 * tree-sitter query, a pattern with an optional replacement (`gocodemod rewrite`), YAML
 * rules (`--rules`), or a built-in codemod with its options. A problem that stops it from
 * compiling is underlined where it is and said below.
 */
import type { EditorView } from '@codemirror/view';
import type { Codemod } from '../../go/codemod.js';
import { CONTEXTS } from '../../rules/snippet.js';
import type { SelectionProblem } from '../selection.js';
import type { Mode, PlaygroundState } from '../state.js';
import { createEditor, setText, showDiagnostics, type Diagnostic } from './editors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export const MODE_TITLES: Record<Mode, string> = { query: 'Query', pattern: 'Pattern', rule: 'Rule (YAML)', codemod: 'Codemod' };

export class RulePane {
  private readonly panels: Record<Mode, HTMLElement>;
  private readonly query: EditorView;
  private readonly match: EditorView;
  private readonly rewrite: EditorView;
  private readonly rewriteOn: HTMLInputElement;
  private readonly context: HTMLSelectElement;
  private readonly imports: HTMLInputElement;
  private readonly rule: EditorView;
  private readonly codemod: HTMLSelectElement;
  private readonly description: HTMLParagraphElement;
  private readonly options: HTMLDivElement;
  private readonly problem: HTMLElement;
  private state: PlaygroundState;
  /** While the pane shows a state it was given: its editors' changes are not the user's. */
  private loading = false;

  constructor(
    root: HTMLElement,
    state: PlaygroundState,
    private readonly builtins: readonly AnyCodemod[],
    private readonly changed: () => void,
  ) {
    this.state = state;
    const panel = (mode: Mode) => {
      const el = document.createElement('div');
      el.className = `rule-panel ${mode}`;
      el.dataset.mode = mode;
      root.append(el);
      return el;
    };
    this.panels = { query: panel('query'), pattern: panel('pattern'), rule: panel('rule'), codemod: panel('codemod') };
    const edit = (fn: () => void) => () => {
      if (this.loading) return;
      fn();
      this.changed();
    };

    this.query = createEditor({ parent: labelled(this.panels.query, 'tree-sitter query (captures are shown with @name)'), text: state.query, label: 'tree-sitter query', onChange: (t) => edit(() => (this.state.query = t))() });

    this.match = createEditor({ parent: labelled(this.panels.pattern, 'Pattern (-p)'), text: state.pattern.match, label: 'pattern (-p)', language: 'go', compact: true, onChange: (t) => edit(() => (this.state.pattern.match = t))() });
    const rewriteLabel = labelled(this.panels.pattern, '');
    this.rewriteOn = document.createElement('input');
    this.rewriteOn.type = 'checkbox';
    this.rewriteOn.id = 'rewrite-on';
    const rewriteText = document.createElement('label');
    rewriteText.htmlFor = 'rewrite-on';
    rewriteText.textContent = ' Replacement (-r); without it, the matches are listed';
    rewriteLabel.previousElementSibling!.replaceChildren(this.rewriteOn, rewriteText);
    this.rewrite = createEditor({ parent: rewriteLabel, text: state.pattern.rewrite ?? '', label: 'replacement (-r)', language: 'go', compact: true, onChange: (t) => edit(() => (this.state.pattern.rewrite = this.rewriteOn.checked ? t : null))() });
    this.rewriteOn.addEventListener('change', edit(() => (this.state.pattern.rewrite = this.rewriteOn.checked ? this.rewrite.state.doc.toString() : null)));
    const row = document.createElement('div');
    row.className = 'row';
    this.context = select('--lang-context', ['', ...CONTEXTS], (v) => (v === '' ? 'any that parses' : v));
    this.context.addEventListener('change', edit(() => (this.state.pattern.context = this.context.value as PlaygroundState['pattern']['context'])));
    this.imports = document.createElement('input');
    this.imports.type = 'text';
    this.imports.placeholder = 'NAME=PATH ...';
    this.imports.setAttribute('aria-label', '--import NAME=PATH, separated by spaces');
    this.imports.addEventListener('input', edit(() => (this.state.pattern.imports = this.imports.value.split(/\s+/).filter(Boolean))));
    row.append(field('context', this.context), field('--import', this.imports));
    this.panels.pattern.append(row);

    this.rule = createEditor({ parent: labelled(this.panels.rule, 'Rules, one YAML document each (docs/rules.md)'), text: state.rule, label: 'YAML rules', language: 'yaml', onChange: (t) => edit(() => (this.state.rule = t))() });

    this.codemod = select('codemod', builtins.map((c) => c.name), (v) => v);
    this.codemod.addEventListener('change', edit(() => (this.state.codemod = { name: this.codemod.value, options: {} })));
    this.description = document.createElement('p');
    this.description.className = 'description';
    this.options = document.createElement('div');
    this.options.className = 'options';
    this.panels.codemod.append(field('built-in codemod', this.codemod), this.description, this.options);

    this.problem = document.createElement('p');
    this.problem.className = 'problem';
    this.problem.setAttribute('role', 'alert');
    root.append(this.problem);
    this.load(state);
  }

  /** Shows `state` (a link was opened, or the page started). */
  load(state: PlaygroundState) {
    this.state = state;
    this.loading = true;
    try {
      setText(this.query, state.query);
      setText(this.match, state.pattern.match);
      this.rewriteOn.checked = state.pattern.rewrite !== null;
      if (state.pattern.rewrite !== null) setText(this.rewrite, state.pattern.rewrite);
      this.context.value = state.pattern.context;
      this.imports.value = state.pattern.imports.join(' ');
      setText(this.rule, state.rule);
      this.codemod.value = state.codemod.name;
      delete this.options.dataset.codemod; // its inputs show the new state's options
    } finally {
      this.loading = false;
    }
    this.showMode();
  }

  /** Shows the panel of the state's mode (and the selected codemod's options). */
  showMode() {
    for (const [mode, el] of Object.entries(this.panels)) el.hidden = mode !== this.state.mode;
    this.rewrite.dom.classList.toggle('off', !this.rewriteOn.checked);
    this.showOptions();
  }

  private showOptions() {
    const codemod = this.builtins.find((c) => c.name === this.state.codemod.name);
    this.description.textContent = codemod ? `${codemod.description}${codemod.minGo ? ` (Go ${codemod.minGo} and later)` : ''}` : '';
    const defaults = (codemod?.defaultOptions ?? {}) as Record<string, unknown>;
    const keys = Object.keys(defaults);
    const inputs: HTMLElement[] = keys.map((key) => {
      const input = document.createElement('input');
      input.type = 'text';
      input.name = key;
      input.placeholder = Array.isArray(defaults[key]) ? (defaults[key] as unknown[]).join(',') : String(defaults[key]);
      input.value = this.state.codemod.options[key] ?? '';
      input.addEventListener('input', () => {
        this.state.codemod.options[key] = input.value;
        this.changed();
      });
      return field(`-o ${this.state.codemod.name}.${key}=`, input);
    });
    if (!keys.length) {
      const none = document.createElement('p');
      none.className = 'none';
      none.textContent = 'no options';
      inputs.push(none);
    }
    // Rebuilt only when the codemod changes: typing in an option must keep its input.
    if (this.options.dataset.codemod !== this.state.codemod.name) {
      this.options.dataset.codemod = this.state.codemod.name;
      this.options.replaceChildren(...inputs);
    }
  }

  /** Underlines the problem where it is, and says it; none: clears both. */
  showProblem(p: SelectionProblem | undefined) {
    const none: Diagnostic[] = [];
    const at = (view: EditorView, from: number, to: number): Diagnostic[] => [{ from, to, severity: 'error', message: p!.message }];
    showDiagnostics(this.query, p?.field === 'query' ? at(this.query, p.from ?? 0, p.to ?? 0) : none);
    showDiagnostics(this.match, p?.field === 'pattern' ? at(this.match, p.from ?? 0, p.to ?? 0) : none);
    showDiagnostics(this.rewrite, p?.field === 'rewrite' ? at(this.rewrite, p.from ?? 0, p.to ?? 0) : none);
    if (p?.field === 'rule' && p.line) {
      const line = this.rule.state.doc.line(Math.min(p.line, this.rule.state.doc.lines));
      showDiagnostics(this.rule, at(this.rule, line.from, Math.max(line.to, line.from + 1)));
    } else showDiagnostics(this.rule, none);
    this.imports.setAttribute('aria-invalid', String(p?.field === 'imports'));
    this.context.setAttribute('aria-invalid', String(p?.field === 'context'));
    for (const input of this.options.querySelectorAll('input')) input.setAttribute('aria-invalid', String(p?.field === 'options' && p.message.includes(`.${input.name}=`)));
    this.problem.textContent = p ? (p.line ? `line ${p.line}: ${p.message}` : p.message) : '';
  }
}

/** A heading for an editor, and the element the editor goes in. */
function labelled(parent: HTMLElement, text: string): HTMLElement {
  const label = document.createElement('div');
  label.className = 'label';
  label.textContent = text;
  const box = document.createElement('div');
  box.className = 'editor';
  parent.append(label, box);
  return box;
}

function select(label: string, values: readonly string[], text: (v: string) => string): HTMLSelectElement {
  const s = document.createElement('select');
  s.setAttribute('aria-label', label);
  for (const v of values) s.append(new Option(text(v), v));
  return s;
}

function field(text: string, control: HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  l.className = 'field';
  const t = document.createElement('span');
  t.textContent = text;
  l.append(t, control);
  return l;
}
