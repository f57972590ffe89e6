/**
 * go-directive-bump: raises the `go` line of go.mod and go.work files to a minimum Go
 * version, as `go mod edit -go=V` / `go work edit -go=V` would, and drops a `toolchain`
 * line that the new go line makes redundant, as the go command does when it raises a go line
 * itself (`go get go@V`, `go work use`, `go work sync`).
 *
 *     go 1.17                 ⇒   go 1.22
 *     toolchain go1.21.5      ⇒   (dropped: not newer than go 1.22)
 *
 * Never downgrades: a go line at or above `to` is left as it is, toolchain line included.
 * A file without a go line gets one where `go mod edit -go` puts it. On a canonical file
 * (as `go mod edit -fmt` prints it) the result is byte for byte what the go command writes;
 * on any other file only the go and toolchain lines change (see README.md).
 */
import {
  defineCodemod,
  addGoStmtEdit,
  compareGoVersionsLax,
  excludeResortEdits,
  GO_VERSION_RE,
  parseModFile,
  removeStmtEdit,
  setGoVersionEdit,
  toolchainRedundant,
  type ModFile,
  isValidGoVersion,
  type Edit,
} from 'gocodemod';

export type GoDirectiveBumpOptions = {
  /** The minimum Go version: 1.22, 1.22.3, 1.23rc1 (what `go mod edit -go` accepts). */
  to: string;
  /** `drop-redundant`: drop a toolchain line not newer than the new go line; `keep`: leave it. */
  toolchain: string;
};

const TOOLCHAIN_MODES = ['drop-redundant', 'keep'];

/** The go command's assumption for a file without a go line (gover.DefaultGoModVersion / DefaultGoWorkVersion). */
const IMPLIED_GO = { 'go.mod': '1.16', 'go.work': '1.18' } as const;

export function validateGoDirectiveBumpOptions(o: Readonly<GoDirectiveBumpOptions>): string | undefined {
  const to = o.to as unknown;
  if (typeof to !== 'string' || !GO_VERSION_RE.test(to) || !isValidGoVersion(to)) {
    return `to: '${String(to)}' is not a Go version; use a form like 1.22, 1.22.3 or 1.23rc1 (no "go" prefix)`;
  }
  if (!TOOLCHAIN_MODES.includes(o.toolchain)) {
    return `toolchain: '${String(o.toolchain)}' is not a mode; use drop-redundant (the default) or keep`;
  }
  return undefined;
}

export default defineCodemod<GoDirectiveBumpOptions>({
  name: 'go-directive-bump',
  description: 'Raise the go directive of every go.mod and go.work to a minimum Go version (default 1.22).',
  fileKinds: ['go.mod', 'go.work'],
  defaultOptions: { to: '1.22', toolchain: 'drop-redundant' },
  validateOptions: validateGoDirectiveBumpOptions,
  run(ctx) {
    const problem = validateGoDirectiveBumpOptions(ctx.options);
    if (problem) throw new Error(`invalid options: ${problem}`);
    const file = ctx.file;
    if (file.kind !== 'go.mod' && file.kind !== 'go.work') return;
    const mod = parseModFile(file.source, { kind: file.kind, path: file.path });

    // Like `go mod edit`, never edit a file the go command cannot read: say where it is wrong.
    if (mod.diagnostics.length > 0) {
      for (const d of mod.diagnostics) {
        const at = Math.min(d.pos.offset, file.source.length);
        ctx.report({ start: at, end: at, message: `malformed ${file.kind}, not changed: ${d.message}` });
      }
      return;
    }

    const change = plan(mod, ctx.options);
    if (!change) return;
    ctx.report({ start: change.at.start, end: change.at.end, message: change.message, fixes: [{ message: change.fixMessage, edits: change.edits }] });
  },
});

interface Change {
  at: { start: number; end: number };
  message: string;
  fixMessage: string;
  edits: Edit[];
}

function plan(mod: ModFile, o: Readonly<GoDirectiveBumpOptions>): Change | undefined {
  const to = o.to;
  const old = mod.go?.version;
  const kind = mod.kind;
  // Equal or newer: leave the file alone. Without a go line the go command assumes an old
  // version; writing a `to` below it would lower the file's language version.
  if (compareGoVersionsLax(old ?? IMPLIED_GO[kind], to) > 0) return undefined;
  if (old !== undefined && compareGoVersionsLax(old, to) === 0) return undefined;

  const edits: Edit[] = [];
  let at: { start: number; end: number };
  let message: string;
  if (mod.go) {
    edits.push(setGoVersionEdit(mod.go, to));
    at = { start: mod.go.line.start.offset, end: mod.go.line.end.offset };
    message = `go ${old} -> go ${to}`;
  } else {
    edits.push(addGoStmtEdit(mod, to));
    at = anchorForNewGoLine(mod);
    message = `no go line (go ${IMPLIED_GO[kind]} implied) -> go ${to}`;
  }
  edits.push(...excludeResortEdits(mod, old, to));

  let fixMessage = `Set go ${to}`;
  const tc = mod.toolchain;
  if (o.toolchain === 'drop-redundant' && tc && toolchainRedundant(tc.name, to)) {
    edits.push(removeStmtEdit(mod, tc.line));
    message += `; toolchain ${tc.name} dropped (not newer than go ${to})`;
    fixMessage += ` and drop toolchain ${tc.name}`;
  }
  return { at, message, fixMessage, edits };
}

/** Where to report a go line that is added: the module line (go.mod), else the first statement. */
function anchorForNewGoLine(mod: ModFile): { start: number; end: number } {
  if (mod.kind === 'go.mod' && mod.module) return { start: mod.module.line.start.offset, end: mod.module.line.end.offset };
  const first = mod.stmts.find((s) => s.type !== 'comments');
  if (first) return { start: first.start.offset, end: first.start.offset };
  return { start: 0, end: 0 };
}
