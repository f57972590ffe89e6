/**
 * How a worker thread gets a rule: the module written for it (src/rules/load.ts) imports
 * this and compiles the rule's spec with the thread's own parser.
 */
import type { Codemod } from '../go/codemod.js';
import { loadGoParser } from '../go/parser.js';
import { compileRuleCodemod, type CompileOptions } from './compile.js';
import type { RuleSpec } from './spec.js';

export async function ruleFromSpec(spec: RuleSpec, options: CompileOptions = {}): Promise<Codemod> {
  return compileRuleCodemod(spec, await loadGoParser(), options);
}
