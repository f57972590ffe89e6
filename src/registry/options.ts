/**
 * `-o codemod.key=value` options, validated once against the codemods' defaultOptions
 * (ast-grep's rule: raw config is checked at load time, with errors that say what is valid).
 */
import type { Codemod } from '../go/codemod.js';

export class UsageError extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export function selectCodemods(names: readonly string[], all: boolean, available: readonly AnyCodemod[]): AnyCodemod[] {
  if (all) return available.filter((c) => !c.explicitOnly);
  const byName = new Map(available.map((c) => [c.name, c]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new UsageError(`unknown codemod ${unknown.map((u) => `'${u}'`).join(', ')}; available: ${available.map((c) => c.name).join(', ')}`);
  }
  // Run in registry order, whatever the order on the command line: output must not depend on it.
  return available.filter((c) => names.includes(c.name));
}

/** Parses `-o` values into per-codemod option objects, coerced to the types of the defaults. */
export function parseCodemodOptions(raw: readonly string[], selected: readonly AnyCodemod[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>(selected.map((c) => [c.name, {}]));
  const byName = new Map(selected.map((c) => [c.name, c]));
  for (const item of raw) {
    const m = /^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/s.exec(item);
    if (!m) throw new UsageError(`-o ${item}: expected codemod.key=value`);
    const [, name, key, value] = m;
    const codemod = byName.get(name);
    if (!codemod) {
      throw new UsageError(`-o ${item}: codemod '${name}' is not selected in this run; selected: ${selected.map((c) => c.name).join(', ') || 'none'}`);
    }
    const defaults = (codemod.defaultOptions ?? {}) as Record<string, unknown>;
    if (!Object.hasOwn(defaults, key)) {
      const keys = Object.keys(defaults);
      throw new UsageError(`-o ${item}: codemod '${name}' has no option '${key}'; ${keys.length ? `valid options: ${keys.join(', ')}` : 'it takes no options'}`);
    }
    out.get(name)![key] = coerce(item, defaults[key], value);
  }
  for (const codemod of selected) {
    const problem = codemod.validateOptions?.({ ...(codemod.defaultOptions ?? {}), ...out.get(codemod.name) });
    if (problem) throw new UsageError(`codemod '${codemod.name}': ${problem}`);
  }
  return out;
}

function coerce(item: string, def: unknown, value: string): unknown {
  switch (typeof def) {
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`-o ${item}: expected a number`);
      return n;
    }
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw new UsageError(`-o ${item}: expected true or false`);
    default:
      if (Array.isArray(def)) return value === '' ? [] : value.split(',').map((s) => s.trim());
      return value;
  }
}
