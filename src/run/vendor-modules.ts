/**
 * The modules of a vendor directory, as the go command reads vendor/modules.txt
 * (cmd/go/internal/modload/vendor.go): a package under vendor/ belongs to the module that
 * lists it, and is compiled at that module's go version (its `## explicit; go 1.21`
 * annotation; 1.16 without one, gover.DefaultGoModVersion), not at the go line of the module
 * whose vendor directory it is in. (A vendored copy has no go.mod of its own.)
 */

/** One module of modules.txt: its path, its go version if annotated, and its packages. */
export interface VendoredModule {
  path: string;
  goVersion?: string;
  packages: string[];
}

/** The go command's version for a vendored module without a go annotation. */
export const VENDORED_DEFAULT_GO = '1.16';

/** The modules listed by a vendor/modules.txt text, in order (replacement-only lines are skipped). */
export function parseModulesTxt(text: string): VendoredModule[] {
  const out: VendoredModule[] = [];
  let current: VendoredModule | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('# ')) {
      // "# path version [=> replacement]"; "# path => replacement" only records a replacement.
      const f = line.slice(2).trim().split(/\s+/);
      current = f.length >= 2 && f[1] !== '=>' ? { path: f[0], packages: [] } : undefined;
      if (current) out.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('## ')) {
      for (const entry of line.slice(3).split(';')) {
        const e = entry.trim();
        if (e.startsWith('go ')) current.goVersion = e.slice(3).trim();
      }
      continue;
    }
    if (line !== '' && !/\s/.test(line)) current.packages.push(line);
  }
  return out;
}

/**
 * The module that provides the package `pkgPath` (its directory below vendor/, slashes): the
 * module whose list names it, else the module with the longest path that is a prefix of it.
 */
export function vendoredModuleOf(modules: readonly VendoredModule[], pkgPath: string): VendoredModule | undefined {
  const listed = modules.find((m) => m.packages.includes(pkgPath));
  if (listed) return listed;
  let best: VendoredModule | undefined;
  for (const m of modules) {
    if ((pkgPath === m.path || pkgPath.startsWith(m.path + '/')) && (!best || m.path.length > best.path.length)) best = m;
  }
  return best;
}
