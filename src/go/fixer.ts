/**
 * eslint-style fixer: helpers that return edits as data. Nothing here applies anything.
 * A target is a tree-sitter node or any { startIndex, endIndex } range (UTF-16 units).
 */
import type { Edit } from './codemod.js';

export interface Span {
  startIndex: number;
  endIndex: number;
}

export const fixer = {
  replace(target: Span, text: string): Edit {
    return { start: target.startIndex, end: target.endIndex, text };
  },
  insertBefore(target: Span, text: string): Edit {
    return { start: target.startIndex, end: target.startIndex, text };
  },
  insertAfter(target: Span, text: string): Edit {
    return { start: target.endIndex, end: target.endIndex, text };
  },
  remove(target: Span): Edit {
    return { start: target.startIndex, end: target.endIndex, text: '' };
  },
  replaceRange(start: number, end: number, text: string): Edit {
    return { start, end, text };
  },
};
