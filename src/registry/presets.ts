/**
 * Presets: a migration as one run. `--preset go1.N` raises every go line to 1.N (never
 * lowering one) and runs, in the same run, every built-in that the new minimum makes
 * possible; the Go codemods see the raised versions. Presets are data: the table below says
 * from which Go each codemod of the migration applies, and a preset is the bump plus every row
 * its version reaches.
 */
import { compareGoVersions } from '../go/goversion.js';

/** The newest Go this release of gocodemod knows: presets go up to it. */
export const NEWEST_GO = '1.26';

/** The oldest preset: the first Go version the migration pack targets. */
const OLDEST_PRESET = 22;

/**
 * What each Go version made possible: the built-ins a migration to go 1.N runs once N reaches
 * `since`, in the order they run (the registry's). A codemod for a newer Go gets a row with
 * its version, and every preset from that version on runs it.
 */
export const MIGRATION_CODEMODS: readonly { codemod: string; since: string; why: string }[] = [
  { codemod: 'interface-to-any', since: '1.18', why: 'the predeclared any' },
  { codemod: 'sliceheader-to-unsafe-slice', since: '1.17', why: 'unsafe.Slice (1.17), unsafe.SliceData / String / StringData (1.20)' },
  { codemod: 'loopvar-copy', since: '1.22', why: 'per-iteration loop variables' },
  { codemod: 'rangeint', since: '1.22', why: 'range over integers' },
  { codemod: 'plusbuild', since: '1.17', why: 'the go command reads only //go:build lines' },
  { codemod: 'obsolete-go-build', since: '1', why: '//go:build go1.M lines the new go line makes always true' },
];

/** One preset: its name, the go line it raises modules to, and the codemods with their options. */
export interface Preset {
  name: string;
  go: string;
  /** Built-in codemod names, go-directive-bump first. */
  codemods: string[];
  /** Options the preset sets (`-o` on the command line overrides them). */
  options: Record<string, Record<string, string>>;
}

function preset(minor: number): Preset {
  const go = `1.${minor}`;
  return {
    name: `go${go}`,
    go,
    codemods: ['go-directive-bump', ...MIGRATION_CODEMODS.filter((r) => compareGoVersions(r.since, go) <= 0).map((r) => r.codemod)],
    options: { 'go-directive-bump': { to: go } },
  };
}

/** Every preset, from go1.22 to go{NEWEST_GO}. */
export const PRESETS: readonly Preset[] = Array.from({ length: Number(NEWEST_GO.split('.')[1]) - OLDEST_PRESET + 1 }, (_, i) => preset(OLDEST_PRESET + i));

/** The preset named `name` (`go1.22`), or undefined. */
export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
