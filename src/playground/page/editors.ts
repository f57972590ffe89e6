/**
 * The page's editors: CodeMirror 6, with Go or YAML highlighting, problems and findings shown
 * as lint diagnostics (underlined, with their message on hover and in the gutter).
 *
 * Texts are kept byte for byte: lines are split at "\n" only, so a CRLF file keeps its "\r"
 * (CodeMirror would otherwise turn every line break into "\n"), and positions in the editor
 * are the UTF-16 offsets the engine uses.
 */
import { basicSetup, minimalSetup } from 'codemirror';
import { EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { go } from '@codemirror/lang-go';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';

export type { Diagnostic } from '@codemirror/lint';

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  /** Its accessible name. */
  label: string;
  language?: 'go' | 'yaml';
  readOnly?: boolean;
  /** A small editor for a one-line snippet: no gutters. */
  compact?: boolean;
  onChange?(text: string): void;
  /** The selection moved (by the user or by a change). */
  onCursor?(from: number, to: number): void;
}

export function createEditor(o: EditorOptions): EditorView {
  return new EditorView({ parent: o.parent, state: editorState(o, o.text) });
}

/** A fresh state of the editor `o` describes, holding `text` (one per file: each keeps its own undo history). */
export function editorState(o: Omit<EditorOptions, 'parent' | 'text'>, text: string): EditorState {
  const extensions: Extension[] = [
    o.compact ? minimalSetup : basicSetup,
    EditorState.lineSeparator.of('\n'),
    EditorView.contentAttributes.of({ 'aria-label': o.label }),
  ];
  if (!o.compact) extensions.push(lintGutter());
  if (o.language === 'go') extensions.push(go());
  if (o.language === 'yaml') extensions.push(yaml());
  if (o.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  if (o.compact) extensions.push(EditorView.lineWrapping);
  extensions.push(
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange?.(u.state.doc.toString());
      if (u.selectionSet || u.docChanged) o.onCursor?.(u.state.selection.main.from, u.state.selection.main.to);
    }),
  );
  return EditorState.create({ doc: text, extensions });
}

/** Replaces the editor's text when it differs (keeping the cursor where it can). */
export function setText(view: EditorView, text: string): void {
  const old = view.state.doc.toString();
  if (old === text) return;
  const head = Math.min(view.state.selection.main.head, text.length);
  view.dispatch({ changes: { from: 0, to: old.length, insert: text }, selection: EditorSelection.cursor(head) });
}

export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
  const length = view.state.doc.length;
  const inRange = diagnostics.map((d) => {
    const from = Math.max(0, Math.min(d.from, length));
    return { ...d, from, to: Math.max(from, Math.min(d.to, length)) };
  });
  view.dispatch(setDiagnostics(view.state, inRange));
}

/** Selects [from, to) and scrolls it into view. */
export function selectRange(view: EditorView, from: number, to: number): void {
  const length = view.state.doc.length;
  const a = Math.min(from, length);
  const b = Math.min(to, length);
  view.dispatch({ selection: EditorSelection.range(a, b), effects: EditorView.scrollIntoView(a, { y: 'center' }) });
}
