/**
 * YAML rule files: one rule per YAML document (`---` between rules), read with the `yaml`
 * package (which keeps every node's position) and checked field by field, so each problem is
 * reported as `file:line: field: what is wrong`. Pure: the caller reads the file (src/rules/load.ts).
 *
 *     id: ioutil-readfile
 *     description: io/ioutil.ReadFile is deprecated; use os.ReadFile
 *     minGo: "1.16"
 *     imports: { ioutil: io/ioutil, os: os }
 *     match: ioutil.ReadFile($F)
 *     rewrite: os.ReadFile($F)
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { assumedName } from '../go/import-specs.js';
import { CONTEXTS, type SnippetContext } from './snippet.js';
import { CONSTRAINT_FIELDS, RULE_FIELDS, type Constraint, type RuleSpec } from './spec.js';

/** A rule read from a file, with where each of its fields is. */
export interface RuleSource {
  spec: RuleSpec;
  /** 1-based line of the rule's first field. */
  line: number;
  /** The 1-based line of a field's value (`where.X.regex`), or of an offset in its text. */
  locate(field: string, offset?: number): number;
}

/** A problem of a rule file, at a 1-based line. */
export class RuleFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The rules of one YAML text. Throws a RuleFileError at the first problem. */
export function parseRuleFile(text: string): RuleSource[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lc.linePos(offset).line;
  if (!Array.isArray(docs)) throw new RuleFileError('not a YAML stream', 1);
  const out: RuleSource[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) throw new RuleFileError(`not valid YAML: ${err.message.split('\n')[0]}`, err.linePos?.[0].line ?? lineOf(err.pos[0]));
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) continue; // an empty document
    if (!isMap(root)) throw new RuleFileError(`a rule is a mapping of fields (${RULE_FIELDS.join(', ')})`, lineOf(root.range?.[0] ?? 0));
    out.push(readRule(root, lineOf));
  }
  return out;
}

function readRule(map: YAMLMap, lineOf: (offset: number) => number): RuleSource {
  const where = new Map<string, YamlNode>();
  const fail = (node: YamlNode | Pair | undefined | null, field: string, message: string): never => {
    const at = node && 'range' in node && node.range ? node.range[0] : isPair(node) && isScalar(node.key) ? (node.key.range?.[0] ?? 0) : (map.range?.[0] ?? 0);
    throw new RuleFileError(message, lineOf(at), field);
  };
  const fields = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || !(RULE_FIELDS as readonly string[]).includes(key)) {
      fail(pair.key as YamlNode, key ?? '?', `unknown field '${key ?? '?'}'; a rule has ${RULE_FIELDS.join(', ')}`);
    }
    fields.set(key!, pair);
    if (pair.value) where.set(key!, pair.value as YamlNode);
  }
  const str = (field: string, required: boolean): string | undefined => {
    const pair = fields.get(field);
    if (!pair) return required ? fail(map, field, `missing field '${field}'`) : undefined;
    const v = pair.value as YamlNode | null;
    if (!isScalar(v) || typeof v.value !== 'string') {
      const hint = isScalar(v) && typeof v.value === 'number' ? ` (quote it: ${field}: "${(v as Scalar).source ?? v.value}")` : '';
      return fail(v ?? pair, field, `must be a string${hint}`);
    }
    return v.value;
  };
  const spec: RuleSpec = { id: str('id', true)!, description: str('description', true)!, match: str('match', true)! };
  const minGo = str('minGo', false);
  if (minGo !== undefined) spec.minGo = minGo;
  const context = str('context', false);
  if (context !== undefined) {
    if (!(CONTEXTS as readonly string[]).includes(context)) fail(where.get('context'), 'context', `must be one of ${CONTEXTS.join(', ')}, got '${context}'`);
    spec.context = context as SnippetContext;
  }
  const rewrite = str('rewrite', false);
  if (rewrite !== undefined) spec.rewrite = rewrite;
  const imports = where.get('imports');
  if (fields.has('imports')) spec.imports = readImports(imports, fail);
  if (fields.has('where')) spec.where = readWhere(where.get('where'), fail, where);
  return {
    spec,
    line: lineOf(map.range?.[0] ?? 0),
    locate(field: string, offset?: number) {
      const node = where.get(field) ?? where.get(field.split('.')[0]);
      if (!node?.range) return lineOf(map.range?.[0] ?? 0);
      const line = lineOf(node.range[0]);
      if (offset === undefined || !isScalar(node) || typeof node.value !== 'string') return line;
      const before = node.value.slice(0, offset).split('\n').length - 1;
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      return line + before + (block ? 1 : 0);
    },
  };
}

type Fail = (node: YamlNode | Pair | undefined | null, field: string, message: string) => never;

/** `{ ioutil: io/ioutil }`, or the short form `[io/ioutil, os]` (names as goimports assumes them). */
function readImports(node: YamlNode | undefined, fail: Fail): Record<string, string> {
  const out: Record<string, string> = {};
  if (isSeq(node)) {
    for (const item of node.items as YamlNode[]) {
      if (!isScalar(item) || typeof item.value !== 'string') fail(item, 'imports', 'each import is a path string (or use the form { name: path })');
      const path = (item as Scalar<string>).value;
      out[assumedName(path)] = path;
    }
    return out;
  }
  if (!isMap(node)) return fail(node, 'imports', 'must map names to import paths ({ ioutil: io/ioutil }) or list paths ([io/ioutil, os])');
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    const v = pair.value as YamlNode | null;
    if (!isScalar(v) || typeof v.value !== 'string') fail(v ?? pair, `imports.${key}`, 'must be an import path string');
    out[key] = (v as Scalar<string>).value;
  }
  return out;
}

function readWhere(node: YamlNode | undefined, fail: Fail, where: Map<string, YamlNode>): Record<string, Constraint> {
  if (!isMap(node)) return fail(node, 'where', 'must map metavariable names to constraints ({ F: { not-kind: interpreted_string_literal } })');
  const out: Record<string, Constraint> = {};
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '?';
    const field = `where.${name}`;
    const v = pair.value as YamlNode | null;
    if (!isMap(v)) fail(v ?? pair, field, `must be a mapping of ${CONSTRAINT_FIELDS.join(', ')}`);
    if (v) where.set(field, v);
    const c: Constraint = {};
    for (const item of (v as YAMLMap).items) {
      const key = isScalar(item.key) ? String(item.key.value) : '?';
      const val = item.value as YamlNode | null;
      if (val) where.set(`${field}.${key}`, val);
      if (key === 'kind' || key === 'not-kind') {
        const list = isSeq(val) ? (val.items as YamlNode[]) : [val];
        if (!list.every((x) => isScalar(x) && typeof x.value === 'string')) fail(val ?? item, `${field}.${key}`, 'must be a node type or a list of them');
        c[key] = list.map((x) => (x as Scalar<string>).value);
      } else if (key === 'regex' || key === 'not-regex') {
        if (!isScalar(val) || typeof val.value !== 'string') fail(val ?? item, `${field}.${key}`, 'must be a string (a regular expression)');
        c[key] = (val as Scalar<string>).value;
      } else {
        fail(item.key as YamlNode, `${field}.${key}`, `unknown constraint '${key}'; the constraints are ${CONSTRAINT_FIELDS.join(', ')}`);
      }
    }
    out[name] = c;
  }
  return out;
}
