/**
 * A Go file as the engine takes it (UnitFile), from its text and its module: the CLI's work
 * (src/run/work.ts) and the playground (src/playground/run-files.ts) make them alike.
 */
import { constrainedGoVersion } from '../go/build-constraint.js';
import { packageName } from '../go/header.js';
import type { UnitFile } from './types.js';

/** Where a file is: its package's import path, its module's path and go line (or --go outside a module). */
export interface UnitFilePlace {
  importPath?: string;
  modulePath?: string;
  moduleGoVersion?: string;
}

/**
 * The UnitFile of a Go file's text: its package name from its clause, and its Go version
 * from the module's go line as its //go:build line adjusts it.
 */
export function goUnitFile(path: string, source: string, place: UnitFilePlace, contextOnly?: string): UnitFile {
  return {
    path,
    source,
    packageName: packageName(source),
    importPath: place.importPath,
    modulePath: place.modulePath,
    goVersion: constrainedGoVersion(place.moduleGoVersion, source),
    moduleGoVersion: place.moduleGoVersion,
    contextOnly,
  };
}
