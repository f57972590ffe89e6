/**
 * The engine, as Node.js threads run it (the runner, workers, the fixture runner, the API):
 * src/engine/unit-run.ts with Node's codemod guard (src/engine/node-guard.ts), which also
 * notices and cancels asynchronous work a codemod starts.
 */
import { nodeGuard } from './node-guard.js';
import { runUnitWith } from './unit-run.js';
import type { GoParser } from '../go/parser-from-bytes.js';
import type { EngineOptions, FileOutcome, LoadedCodemod, UnitFile } from './types.js';

export type { EngineOptions, FileOutcome, Finding, FixSpan, LoadedCodemod, Problem, SuppressedFinding, UnitFile } from './types.js';
export { DEFAULT_MAX_ROUNDS } from './unit-run.js';

export function runUnit(parser: GoParser, codemods: readonly LoadedCodemod[], files: readonly UnitFile[], opts: EngineOptions = {}): FileOutcome[] {
  return runUnitWith(nodeGuard, parser, codemods, files, opts);
}
