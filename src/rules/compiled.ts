/** A rule compiled (src/rules/compile.ts), as the code that runs it (src/rules/apply.ts) reads it. */
import type { Metavar } from './metavars.js';
import type { Parsed } from './snippet.js';
import type { RuleSpec } from './spec.js';
import type { Template } from './template.js';

/** A compiled rule: what `run` needs, beside the codemod it becomes. */
export interface CompiledRule {
  spec: RuleSpec;
  /** The readings of the pattern (usually one; `x` and `pkg.X` read as expression and type). */
  readings: Parsed[];
  /** Metavariables of the pattern. */
  metavars: Metavar[];
  template?: Template;
  /** Import key -> path, for the keys the pattern names, and those only the rewrite names. */
  matchImports: Map<string, string>;
  rewriteImports: Map<string, string>;
  where: Map<string, CompiledConstraint>;
  query: string;
  /**
   * Import paths of `matchImports` that other rules of the run also rewrite away: where one
   * of them takes a file's last use, this rule removes the import left unused (next round).
   */
  sharedImports: Set<string>;
  /** Literal words of the pattern: a file with a dot import of a package is told only if it holds one. */
  words: string[];
}

export interface CompiledConstraint {
  kind?: Set<string>;
  notKind?: Set<string>;
  regex?: RegExp;
  notRegex?: RegExp;
}
