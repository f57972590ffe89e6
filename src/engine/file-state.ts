/**
 * One file as the engine carries it through the rounds of a unit: its current text, how
 * each round's edits map back to the text as read, and its outcome so far.
 */
import type { OffsetMap } from '../go/edits.js';
import { constrainedGoVersion } from '../go/build-constraint.js';
import { LineIndex } from '../go/position.js';
import { topLevelDecls, type TopLevel } from '../go/toplevel.js';
import type { FileSuppressions } from './suppressions.js';
import type { FileOutcome, UnitFile } from './types.js';

export interface FileState {
  file: UnitFile;
  text: string;
  /** Edits applied per round, to map later findings back to the original text. */
  rounds: OffsetMap[];
  /** A codemod failed on this file: it is left exactly as it was read. */
  failed: boolean;
  /** Its edits were refused (the result would not parse): no further rounds touch it. */
  frozen: boolean;
  outcome: FileOutcome;
  topLevel?: { text: string; value: TopLevel };
  /** The Go version of the text it was computed from (see currentGoVersion). */
  goVersion?: { text: string; value: string | undefined };
  /** Files that share an applied fix with this one. */
  linked: Set<string>;
  /** Built on first use: most files have no finding to place. */
  lines?: LineIndex;
  /** Its `//gocodemod:ignore` comments, read from the file as read; undefined for most files. */
  suppressions?: FileSuppressions;
}

export const isGo = (st: FileState) => (st.file.kind ?? 'go') === 'go';

/** A file's top-level declarations, cached with the text they were computed from: rounds change the text. */
export function topLevelOf(st: FileState): TopLevel {
  if (st.topLevel?.text !== st.text) st.topLevel = { text: st.text, value: topLevelDecls(st.text) };
  return st.topLevel.value;
}

/**
 * The file's Go version for its current text: a round that changed its //go:build line (say,
 * obsolete-go-build dropped `//go:build go1.18`, which kept the file at Go 1.21) changes it
 * too, as recompiling the edited file would. Files given without their module's version keep
 * the version they were given.
 */
export function currentGoVersion(st: FileState): string | undefined {
  if (st.text === st.file.source || st.file.moduleGoVersion === undefined) return st.file.goVersion;
  if (st.goVersion?.text !== st.text) st.goVersion = { text: st.text, value: constrainedGoVersion(st.file.moduleGoVersion, st.text) };
  return st.goVersion.value;
}

/** An offset of the current text (after `round` rounds of edits), in the file as read. */
export function offsetInOriginal(st: FileState, offset: number, round: number): number {
  let o = offset;
  for (let r = round - 1; r >= 0; r--) o = st.rounds[r].back(o);
  return o;
}

/** The go vet position (1-based line, byte column) of an offset of the current text, in the file as read. */
export function positionInOriginal(st: FileState, offset: number, round: number) {
  st.lines ??= new LineIndex(st.file.source);
  return st.lines.position(offsetInOriginal(st, offset, round));
}
