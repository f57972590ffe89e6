/**
 * gocodemod's public toolkit: everything a codemod imports, the built-in codemods included
 * (they import nothing else). `import { ... } from 'gocodemod'`.
 *
 * - The codemod contract: `defineCodemod`, `Codemod`, `Context`, `SourceFile`, `Report`,
 *   `Fix`, `Edit`, and the tree-sitter types `Node`, `Tree`, `Query`, `QueryMatch`.
 * - Edits: `fixer`, `applyEdits`, `overlaps`; query captures by name: `captures`.
 * - Imports: `listImports`, `qualifierOf`, `addImport`, `removeIfUnused`, `updateImports`, ...
 * - Scopes and declarations: `declarationScopes`, `isShadowed`, `refersToImport`,
 *   `lookupDeclaration`, ...; types from local syntax: `typeOf`, `asConversion`, `isPure`, ...
 * - Go syntax helpers: `unparen`, `callArgs`, `qualifiedCall`, `commentsIn`, `indentAt`,
 *   `deleteLines`, ...
 * - go.mod / go.work: `parseModFile` and edits of the go and toolchain lines.
 * - Go versions and build constraints: `compareGoVersions`, `goBuildLine`; constraint
 *   expressions as go/build/constraint reads and prints them (`parseConstraint`,
 *   `constraintString`, `plusBuildLines`, `simplifyConstraint`); a file's constraint lines
 *   and the Go version it is compiled at (`buildConstraints`, `fileAllowsGo`).
 * - Positions: `LineIndex` (1-based lines, byte columns as go vet prints them).
 * - The parser: `loadGoParser` (web-tree-sitter with gocodemod's Go grammar; `edit` and `parse`'s old tree for an incremental parse).
 *
 * Running codemods from a program (the engine, the CLI) is `gocodemod/api`.
 */

// The codemod contract.
export { defineCodemod } from './go/codemod.js';
export type { Codemod, Context, Diagnostic, Edit, FileKind, Fix, Report, SourceFile } from './go/codemod.js';
export type { Node, Query, QueryCapture, QueryMatch, Tree } from './go/codemod.js';
export type { TopDecl, TopKeyword, TopLevel, TopName } from './go/toplevel.js';

// Edits as data.
export { fixer, type Span } from './go/fixer.js';
export { applyEdits, overlaps } from './go/edits.js';
export { captureAll, captures } from './go/captures.js';

// Imports.
export { assumedName, isStandardLibrary, listImports, qualifierOf, type GoFile, type ImportSpec } from './go/import-specs.js';
export { add as addImport, refersToImport, removeIfUnused, updateImports, type ImportChanges } from './go/imports.js';
export { scanTokens, usesQualifier } from './go/tokens.js';

// Scopes, declarations, and what local syntax says about types.
export { declarationScopes, declaredInPackage, isShadowed, type Scope, type ScopedFile, type Shadow } from './go/scopes.js';
export { declaresAnywhere, isDeclaring, lookupDeclaration, type Declaration } from './go/declarations.js';
export {
  asConversion,
  asDeref,
  declaredType,
  INTEGER_TYPES,
  isIntegerType,
  isIntType,
  isPure,
  sameType,
  typeFromNode,
  typeOf,
  typeText,
  underlying,
  type Conversion,
  type GoType,
} from './go/local-types.js';

// Go syntax.
export {
  callArgs,
  commentsIn,
  enclosingFunction,
  enclosingTopLevel,
  FUNCTION_NODE_TYPES,
  hasWord,
  indentAt,
  isField,
  mentions,
  operatorOf,
  plainCall,
  qualifiedCall,
  startsLine,
  unparen,
} from './go/syntax.js';
export { isGenerated, packageClauseOffset, packageName } from './go/header.js';
export { deleteLines, lineSpan } from './go/lines.js';
export { identifiersNamed, mayModify, mayModifyIn } from './go/mutation.js';
export { topLevelDecls } from './go/toplevel.js';

// go.mod and go.work.
export {
  addGoStmtEdit,
  compareGoVersionsLax,
  excludeResortEdits,
  formatModDiagnostic,
  GO_VERSION_RE,
  parseModFile,
  removeStmtEdit,
  setGoVersionEdit,
  toolchainRedundant,
  toolchainVersion,
  type GoDirective,
  type ModBlock,
  type ModDiagnostic,
  type ModFile,
  type ModFileKind,
  type ModLine,
  type ModStmt,
  type ParseOptions,
  type ToolchainDirective,
} from './go/gomod.js';

// Go versions and build constraints.
export { compareGoVersions, goLang, isValidGoVersion, maxGoVersion, meetsMinGo, parseGoVersion, type GoVersion } from './go/goversion.js';
export { buildConstraintMinGo, goBuildLine } from './go/build-constraint.js';
export {
  constraintGoVersion,
  constraintSatisfiable,
  constraintString,
  constraintTags,
  evalConstraint,
  isGoBuildLine,
  isPlusBuildLine,
  parseConstraint,
  plusBuildLines,
  simplifyConstraint,
  type ConstraintExpr,
  type ConstraintParse,
} from './go/constraint-expr.js';
export {
  buildConstraints,
  constraintSatisfiableFrom,
  fileAllowsGo,
  fileLanguageVersion,
  releaseTagMinor,
  type BuildConstraints,
  type ConstraintLine,
} from './go/build-lines.js';

// Positions.
export { LineIndex, lineContaining, utf8Length, type Position } from './go/position.js';

// The parser.
export { loadGoParser, type GoParser } from './go/parser.js';
