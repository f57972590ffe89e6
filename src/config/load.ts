/**
 * Reading one gocodemod.yaml: YAML (the `yaml` package, which keeps every node's position)
 * checked against the JSON Schema of src/config/schema.ts (by ajv's code compiled from it,
 * src/config/validator.generated.ts). Every problem is a usage error naming the file, the
 * line and the key; all of a file's schema problems are reported at once.
 *
 * yaml is loaded on first use (~35 ms): a run in a repository without a config file never
 * pays for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Document, LineCounter, Node as YamlNode, Pair } from 'yaml';
import type { ErrorObject } from 'ajv';
import { builtinCodemods } from '../registry/builtins.js';
import { UsageError } from '../registry/options.js';
import { describeFsError, displayPath } from '../run/discover.js';
import { configSchema, KEBAB, type RawConfig } from './schema.js';
import { validate as validateConfig } from './validator.generated.js';

const require = createRequire(import.meta.url);

/** A path into the config: keys of mappings and indices of sequences. */
export type KeyPath = readonly (string | number)[];

export interface ConfigFile {
  /** Absolute path of the file. */
  path: string;
  /** Its directory: relative paths and globs in it are relative to this. */
  dir: string;
  /** As printed: relative to the current directory. */
  shown: string;
  raw: RawConfig;
  /** 1-based line of the value at `keys` (of its key, with `atKey`), or of the nearest enclosing node that exists. */
  line(keys: KeyPath, atKey?: boolean): number;
  /** The text of the value at `keys` as written in the file (`1.20`, where the value is the number 1.2). */
  source(keys: KeyPath): string | undefined;
}

/** Problems of one config file, each `file:line: key: message`, as one usage error. */
export class ConfigError extends UsageError {}

/** `file:line: message` lines, sorted by line, as one error. */
export function configError(file: { shown: string }, problems: readonly { line: number; message: string }[]): ConfigError {
  const lines = [...problems].sort((a, b) => a.line - b.line).map((p) => `${file.shown}:${p.line}: ${p.message}`);
  return new ConfigError(lines.join('\n'));
}

/** `options.go-directive-bump.to`, `codemods[1]`. */
export function keyName(keys: KeyPath): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(the file)';
}

function validate(value: unknown): ErrorObject[] {
  const v = validateConfig as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return v(value) ? [] : [...(v.errors ?? [])];
}

export function readConfigFile(path: string, cwd: string): ConfigFile {
  const shown = displayPath(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${shown}: cannot read: ${describeFsError(e)}`);
  }
  const yaml = require('yaml') as typeof import('yaml');
  const lineCounter: LineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length) {
    throw configError(
      { shown },
      doc.errors.map((e) => ({
        line: lineAt(e.pos[0]),
        message: e.code === 'MULTIPLE_DOCS' ? 'a config file is one YAML document; this one starts a second here' : `not valid YAML: ${e.message}`,
      })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw configError({ shown }, [{ line: 1, message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const file: ConfigFile = {
    path,
    dir: dirname(path),
    shown,
    raw: value as RawConfig,
    line: (keys, atKey) => lineOf(doc, keys, atKey, lineAt),
    source: (keys) => {
      const range = (doc.getIn(keys, true) as YamlNode | undefined)?.range;
      return range ? text.slice(range[0], range[1]).trim() : undefined;
    },
  };
  const errors = validate(value);
  if (errors.length) throw configError(file, schemaProblems(errors, value, file));
  return file;
}

function lineOf(doc: Document, keys: KeyPath, atKey: boolean | undefined, lineAt: (offset: number) => number): number {
  const yaml = require('yaml') as typeof import('yaml');
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let last = 1;
  const at = (n: unknown) => {
    const range = (n as YamlNode | undefined)?.range;
    return range ? lineAt(range[0]) : undefined;
  };
  last = at(node) ?? last;
  for (const k of keys) {
    if (yaml.isMap(node)) {
      pair = node.items.find((p) => (yaml.isScalar(p.key) ? p.key.value : p.key) === k);
      if (!pair) return last;
      last = at(pair.key) ?? last;
      node = pair.value;
    } else if (yaml.isSeq(node) && typeof k === 'number') {
      pair = undefined;
      node = node.items[k];
    } else return last;
    if (!atKey || pair === undefined) last = at(node) ?? last;
  }
  return last;
}

const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : `the ${typeof v} ${String(v)}`;

function valueAt(value: unknown, keys: KeyPath): unknown {
  let v = value;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

/** ajv's errors as file:line problems a user can act on. */
function schemaProblems(errors: readonly ErrorObject[], value: unknown, file: ConfigFile): { line: number; message: string }[] {
  const schema = configSchema(builtinCodemods) as { properties: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> };
  const out: { line: number; message: string }[] = [];
  for (const e of errors) {
    const keys: (string | number)[] = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s, i, all) => (/^[0-9]+$/.test(s) && Array.isArray(valueAt(value, all.slice(0, i))) ? Number(s) : s));
    const name = keyName(keys);
    const got = valueAt(value, keys);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const where = [...keys, key];
        if (keys.length === 0) {
          out.push({ line: file.line(where, true), message: `unknown key '${key}'; the keys are: ${Object.keys(schema.properties).join(', ')}` });
        } else if (keys[0] === 'options' && keys.length === 2) {
          const valid = Object.keys(schema.properties.options.properties?.[keys[1]]?.properties ?? {});
          out.push({ line: file.line(where, true), message: `${name}: codemod '${keys[1]}' has no option '${key}'; ${valid.length ? `its options: ${valid.join(', ')}` : 'it takes no options'}` });
        } else out.push({ line: file.line(where, true), message: `${name}: unknown key '${key}'` });
        break;
      }
      case 'type': {
        const written = file.source(keys) ?? String(got);
        const why = written.includes('.') ? '; YAML reads 1.20 as the number 1.2' : '';
        const hint = e.params.type === 'string' && typeof got === 'number' ? ` (quote it: "${written}"${why})` : '';
        const want = e.params.type === 'object' ? 'a mapping' : e.params.type === 'array' ? 'a list' : `a ${e.params.type}`;
        out.push({ line: file.line(keys), message: `${name}: expected ${want}, got ${describe(got)}${hint}` });
        break;
      }
      case 'pattern':
        if (e.propertyName !== undefined) break; // reported by its propertyNames error
        if (e.params.pattern !== KEBAB) out.push({ line: file.line(keys), message: `${name}: must not be empty` });
        else out.push({ line: file.line(keys), message: `${name}: '${String(got)}' is not a codemod name (kebab-case: lower-case letters, digits, single dashes)` });
        break;
      case 'propertyNames': {
        const key = String(e.params.propertyName);
        out.push({ line: file.line([...keys, key], true), message: `${name}: '${key}' is not a codemod name (kebab-case: lower-case letters, digits, single dashes)` });
        break;
      }
      case 'uniqueItems':
        out.push({ line: file.line([...keys, e.params.i as number]), message: `${name}: ${describe((got as unknown[])[e.params.i as number])} is listed twice` });
        break;
      default:
        if (e.keyword === 'enum') {
          const allowed = (e.params.allowedValues as unknown[]).map(String).join(', ');
          out.push({ line: file.line(keys), message: `${name}: ${describe(got)} is not one of ${allowed}` });
        } else out.push({ line: file.line(keys), message: `${name}: ${e.message ?? 'invalid'}` });
    }
  }
  return out;
}
