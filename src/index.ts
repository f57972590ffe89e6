/** The public API of gocodemod: the codemod contract and the tools to write codemods. */
export { defineCodemod } from './types.js';
export type { Codemod, Context, Diagnostic, Fix, Edit, Report, SourceFile, Node, Tree, Query, QueryMatch, QueryCapture } from './types.js';
export { fixer, type Span } from './fixer.js';
export { run, type RunConfig, type RunSummary, type FileResult } from './runner.js';
export { runUnit, type UnitFile, type FileOutcome, type Finding, type LoadedCodemod } from './engine.js';
export { loadGoParser, type GoParser } from './parser.js';
export { compareGoVersions, isValidGoVersion } from './goversion.js';
export { builtinCodemods } from './builtins.js';
export { main, type CliIO } from './cli.js';
