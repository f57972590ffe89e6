/**
 * A rule as data: what a YAML rule file (src/rules/yaml.ts) or `gocodemod rewrite` gives the
 * compiler (src/rules/compile.ts). Plain JSON, so a worker thread can receive it.
 */
import type { SnippetContext } from './snippet.js';

/** Constraints on what one metavariable captures (each optional; all must hold). */
export interface Constraint {
  /** The captured node's type is one of these (tree-sitter-go node types). */
  kind?: string[];
  'not-kind'?: string[];
  /** The captured text matches this regular expression (JavaScript syntax). */
  regex?: string;
  'not-regex'?: string;
}

export interface RuleSpec {
  /** kebab-case; the codemod's name. */
  id: string;
  /** One line; also the message of each finding. */
  description: string;
  minGo?: string;
  /** Which kind of snippet `match` is, when it could be read as several. */
  context?: SnippetContext;
  /** Import key (the name used in `match` and `rewrite`) -> import path. */
  imports?: Record<string, string>;
  match: string;
  /** Absent: a finding-only rule (a lint). */
  rewrite?: string;
  where?: Record<string, Constraint>;
}

/** The fields of a rule, in the order a rule file usually has them. */
export const RULE_FIELDS = ['id', 'description', 'minGo', 'context', 'imports', 'match', 'rewrite', 'where'] as const;
export const CONSTRAINT_FIELDS = ['kind', 'not-kind', 'regex', 'not-regex'] as const;

/** A problem with a rule, located at a field (and possibly an offset in its text). */
export class RuleError extends Error {
  constructor(
    /** `match`, `rewrite`, `where.F.regex`, ... ('' for the rule as a whole). */
    readonly field: string,
    message: string,
    /** UTF-16 offset in the field's string value, when the problem is at one place in it. */
    readonly offset?: number,
  ) {
    super(message);
  }
}
