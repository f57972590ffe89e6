/**
 * `gocodemod/api`: running codemods from a program, as the CLI does. The toolkit for
 * writing codemods is the package's main entry, `gocodemod`.
 */
export { run, type RunConfig, type RunSummary, type FileResult } from './run/runner.js';
export { runUnit, type UnitFile, type FileOutcome, type Finding, type LoadedCodemod } from './engine/engine.js';
export { builtinCodemods } from './registry/builtins.js';
export { main, type CliIO } from './cli/main.js';
