/**
 * Go version strings compared exactly as the go command does: a port of
 * $GOROOT/src/internal/gover/gover.go. "1.21" (a language version) < "1.21rc1" < "1.21.0"
 * < "1.21.1" < "1.22"; before Go 1.21 a missing patch means ".0" ("1.20" == "1.20.0").
 * Versions here have no "go" prefix. Numbers stay decimal strings, as in gover.
 */

export interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  kind: string;
  pre: string;
}

function cutInt(x: string): [string, string] | undefined {
  let i = 0;
  while (i < x.length && x[i] >= '0' && x[i] <= '9') i++;
  if (i === 0 || (x[0] === '0' && i !== 1)) return undefined; // no digits, or a leading zero
  return [x.slice(0, i), x.slice(i)];
}

/** gover.CmpInt: decimal strings without leading zeros compare by length, then text. */
function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** A Go version's parts (gover.Parse), or undefined when it is not a valid version. */
export function parseGoVersion(x: string): GoVersion | undefined {
  const v: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };
  let cut = cutInt(x);
  if (!cut) return undefined;
  [v.major, x] = cut;
  if (x === '') return { ...v, minor: '0', patch: '0' }; // "1" means "1.0.0"
  if (x[0] !== '.') return undefined;
  cut = cutInt(x.slice(1));
  if (!cut) return undefined;
  [v.minor, x] = cut;
  if (x === '') {
    // A missing patch is ".0" for older versions; from Go 1.21 "1.21" is the language version.
    if (cmpInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (x[0] === '.') {
    cut = cutInt(x.slice(1));
    if (!cut || cut[1] !== '') return undefined; // no pre-releases of patch releases
    v.patch = cut[0];
    return v;
  }
  let i = 0;
  while (i < x.length && (x[i] < '0' || x[i] > '9')) {
    if (x[i] < 'a' || x[i] > 'z') return undefined;
    i++;
  }
  if (i === 0) return undefined;
  v.kind = x.slice(0, i);
  x = x.slice(i);
  if (x === '') return v;
  cut = cutInt(x);
  if (!cut || cut[1] !== '') return undefined;
  v.pre = cut[0];
  return v;
}

/** Whether `v` is a Go version the go command accepts (`1.21`, `1.21.3`, `1.22rc1`). */
export function isValidGoVersion(v: string): boolean {
  return parseGoVersion(v) !== undefined;
}

/** -1, 0 or 1, as gover.Compare. Throws on an invalid version (validate user input first). */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGoVersion(a);
  const y = parseGoVersion(b);
  if (!x) throw new Error(`invalid Go version ${JSON.stringify(a)}`);
  if (!y) throw new Error(`invalid Go version ${JSON.stringify(b)}`);
  return (
    cmpInt(x.major, y.major) ||
    cmpInt(x.minor, y.minor) ||
    cmpInt(x.patch, y.patch) ||
    (x.kind === y.kind ? 0 : x.kind < y.kind ? -1 : 1) || // "" < alpha < beta < rc
    cmpInt(x.pre, y.pre)
  );
}

/** gover.Lang: "1.21.3" -> "1.21", "1.22rc1" -> "1.22", "1.0" -> "1". */
export function goLang(x: string): string {
  const v = parseGoVersion(x);
  if (!v) throw new Error(`invalid Go version ${JSON.stringify(x)}`);
  if (v.minor === '' || (v.major === '1' && v.minor === '0')) return v.major;
  return `${v.major}.${v.minor}`;
}

/** The newer of two Go versions; an undefined one loses. */
export function maxGoVersion(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareGoVersions(a, b) < 0 ? b : a;
}

/** True when a file at version `v` may be edited by a codemod requiring `minGo`. */
export function meetsMinGo(v: string | undefined, minGo: string | undefined): boolean {
  if (!minGo || v === undefined) return true;
  return compareGoVersions(v, minGo) >= 0;
}

/**
 * Why a codemod requiring `minGo` skips a file at version `v`, or undefined when it runs
 * there: the one wording of the engine and of the quick path for quiet directories
 * (src/run/quiet-result.ts), whose results must be the same.
 */
export function tooOldReason(v: string | undefined, minGo: string | undefined): string | undefined {
  return meetsMinGo(v, minGo) ? undefined : `go ${v} is older than ${minGo}`;
}
