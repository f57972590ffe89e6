/**
 * eslint-style fixer: helpers that return edits as data. Nothing here applies anything.
 * A target is a tree-sitter node or any { startIndex, endIndex } range (UTF-16 units).
 */
import type { Edit } from './codemod.js';

/** A range to edit: a tree-sitter node, or any object with UTF-16 `startIndex` / `endIndex`. */
export interface Span {
  startIndex: number;
  endIndex: number;
}

/**
 * Builders of edits (eslint's fixer): each returns an `Edit`, data that the engine applies.
 *
 *     fixes: [{ message: 'use any', edits: [fixer.replace(node, 'any')] }]
 */
export const fixer = {
  /** Replaces the text of `target` with `text`. */
  replace(target: Span, text: string): Edit {
    return { start: target.startIndex, end: target.endIndex, text };
  },
  /** Inserts `text` just before `target`. */
  insertBefore(target: Span, text: string): Edit {
    return { start: target.startIndex, end: target.startIndex, text };
  },
  /** Inserts `text` just after `target`. */
  insertAfter(target: Span, text: string): Edit {
    return { start: target.endIndex, end: target.endIndex, text };
  },
  /** Deletes the text of `target` (only it: surrounding spaces and newlines stay). */
  remove(target: Span): Edit {
    return { start: target.startIndex, end: target.endIndex, text: '' };
  },
  /** Replaces [start, end) (UTF-16 units of the file's text) with `text`. */
  replaceRange(start: number, end: number, text: string): Edit {
    return { start, end, text };
  },
};
