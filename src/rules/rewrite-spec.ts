/**
 * The rule that `gocodemod rewrite -p PATTERN [-r REPLACEMENT] [--lang-context C] [--import
 * NAME=PATH]` runs, as data; the playground's pattern pane builds the same one.
 */
import { oneLine, type SnippetContext } from './snippet.js';
import type { RuleSpec } from './spec.js';

export interface RewriteFlags {
  pattern: string;
  /** Absent: only list the matches. */
  replacement?: string;
  context?: SnippetContext;
  /** NAME=PATH, as given to --import. */
  imports: readonly string[];
}

export function rewriteSpec(f: RewriteFlags): RuleSpec {
  const spec: RuleSpec = {
    id: 'rewrite',
    description: f.replacement === undefined ? `matches ${oneLine(f.pattern)}` : `${oneLine(f.pattern)} → ${oneLine(f.replacement)}`,
    match: f.pattern,
  };
  if (f.replacement !== undefined) spec.rewrite = f.replacement;
  if (f.context !== undefined) spec.context = f.context;
  if (f.imports.length) spec.imports = Object.fromEntries(f.imports.map((i) => i.split('=') as [string, string]));
  return spec;
}

/** The flag that gave a rule's field (a RuleError's `field`): -p, -r, --import. */
export function flagOfField(field: string): string {
  return field === 'match' ? '-p' : field === 'rewrite' ? '-r' : field.startsWith('imports') ? '--import' : field;
}
