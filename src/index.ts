/** The public API of gocodemod: the codemod contract and the tools to write codemods. */
export { defineCodemod } from './go/codemod.js';
export type { Codemod, Context, Diagnostic, Fix, Edit, Report, SourceFile, Node, Tree, Query, QueryMatch, QueryCapture } from './go/codemod.js';
export { fixer, type Span } from './go/fixer.js';
export { run, type RunConfig, type RunSummary, type FileResult } from './run/runner.js';
export { runUnit, type UnitFile, type FileOutcome, type Finding, type SuppressedFinding, type LoadedCodemod } from './engine/engine.js';
export { loadGoParser, type GoParser } from './go/parser.js';
export { compareGoVersions, isValidGoVersion } from './go/goversion.js';
export { builtinCodemods } from './registry/builtins.js';
export { main, type CliIO } from './cli/main.js';
