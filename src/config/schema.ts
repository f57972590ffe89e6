/**
 * The shape of gocodemod.yaml, as a JSON Schema (draft-07). It is generated from the
 * built-in codemods (their names, descriptions and option types), validates every config
 * file when it is loaded, and is published as docs/config-schema.json so editors complete
 * and check the file. Config files are validated by ajv's standalone code for it
 * (src/config/validator.generated.ts): compiling the schema at run time would cost every run
 * with a config file ~80 ms. `npm run config-schema` rewrites both files; a test fails when
 * either differs from what the built-ins give.
 *
 * What a schema cannot know is checked after it, with the same file:line messages: names
 * and options of codemods from `codemod-files`, Go versions, and each codemod's own option
 * check (`validateOptions`).
 */
import { createRequire } from 'node:module';
import type { Codemod } from '../go/codemod.js';
import { PRESETS } from '../registry/presets.js';

export const CONFIG_FILE_NAME = 'gocodemod.yaml';

/** A config file's content once validated against the schema. */
export interface RawConfig {
  codemods?: string[];
  all?: boolean;
  options?: Record<string, Record<string, unknown>>;
  exclude?: string[];
  'include-vendor'?: boolean;
  'include-testdata'?: boolean;
  'include-generated'?: boolean;
  'report-unused-suppressions'?: boolean;
  'codemod-files'?: string[];
  go?: string;
  rules?: string[];
  presets?: string[];
}

export const KEBAB = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** A string with something in it (ajv's minLength would need its runtime in the standalone code). */
export const NOT_BLANK = '\\S';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

function optionSchema(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { type: 'array', items: { type: 'string' }, default: value };
  switch (typeof value) {
    case 'string':
      return { type: 'string', default: value };
    case 'number':
      return { type: 'number', default: value };
    case 'boolean':
      return { type: 'boolean', default: value };
    default:
      return {};
  }
}

const flag = (description: string) => ({ type: 'boolean', default: false, description });
const strings = (description: string) => ({ type: 'array', items: { type: 'string', pattern: NOT_BLANK }, description });

/** The schema for the given built-ins (the tool's own: `builtinCodemods`). */
export function configSchema(builtins: readonly AnyCodemod[]): Record<string, unknown> {
  const names = builtins.map((c) => c.name);
  const options: Record<string, unknown> = {};
  for (const c of builtins) {
    const defaults = (c.defaultOptions ?? {}) as Record<string, unknown>;
    options[c.name] = {
      type: 'object',
      description: c.description,
      properties: Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, optionSchema(v)])),
      additionalProperties: false,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'gocodemod.yaml',
    description:
      'Settings of gocodemod for the files below this file (the nearest gocodemod.yaml wins; files are not merged). Every key is also a command-line flag, and a flag given on the command line wins. See docs/config.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      codemods: {
        type: 'array',
        description: 'The codemods to run when the command line names none (as `gocodemod run NAME...`): built-ins, or codemods of codemod-files.',
        items: { type: 'string', pattern: KEBAB, examples: names },
        uniqueItems: true,
      },
      all: flag('Run every built-in codemod except the explicit-only ones, when the command line names none (as --all).'),
      options: {
        type: 'object',
        description: 'Options per codemod (as -o CODEMOD.KEY=VALUE), for whichever codemods run.',
        propertyNames: { pattern: KEBAB },
        properties: options,
        additionalProperties: { type: 'object' },
      },
      exclude: strings('Skip paths matching these globs, relative to this file\'s directory; a glob without / matches a name at any depth (as --exclude).'),
      'include-vendor': flag('Also process vendor/ directories (as --include-vendor).'),
      'include-testdata': flag('Also process testdata/ directories (as --include-testdata).'),
      'include-generated': flag('Also edit generated files (// Code generated ... DO NOT EDIT.) (as --include-generated).'),
      'report-unused-suppressions': flag('Report //gocodemod:ignore comments that suppressed nothing (as --report-unused-suppressions).'),
      'codemod-files': strings(
        'Codemods of your own to load and run when the command line names none: files or globs relative to this file\'s directory (as --codemod FILE).',
      ),
      go: {
        type: 'string',
        description: 'The Go version of files outside any module, e.g. "1.22" (as --go). Quote it: 1.20 unquoted is the number 1.2.',
      },
      rules: strings('Rule files (.yaml, .yml) or folders of them, relative to this file\'s directory: their rules run when the command line names no codemod, as codemod-files do (as --rules PATH; see docs/rules.md).'),
      presets: {
        type: 'array',
        description: 'Migration presets to run when the command line names no codemod (as --preset NAME): go1.22 raises every go line to 1.22 and runs what that makes possible (gocodemod list --presets).',
        items: { type: 'string', enum: PRESETS.map((p) => p.name) },
        uniqueItems: true,
      },
    },
  };
}

/** The source of src/config/validator.generated.ts: ajv's standalone validation code for the schema. */
export function validatorSource(builtins: readonly AnyCodemod[]): string {
  const require = createRequire(import.meta.url);
  const { Ajv } = require('ajv') as typeof import('ajv');
  const standalone = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: true } });
  const code = standalone(ajv, ajv.compile(configSchema(builtins)));
  if (/\brequire\(/.test(code)) throw new Error('the standalone validator needs ajv at run time: keep to keywords without runtime helpers');
  return `// @ts-nocheck\n// Generated by \`npm run config-schema\` from src/config/schema.ts (ajv standalone code). Do not edit.\n${code}\n`;
}
