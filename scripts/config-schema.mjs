// Writes docs/config-schema.json, the JSON Schema of gocodemod.yaml, and
// src/config/validator.generated.ts, the validator compiled from it, from the built code
// (src/config/schema.ts and the built-in codemods). test/config.test.ts fails when a
// committed file differs from what this writes. Run: npm run config-schema
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, validatorSource } from '../dist/src/config/schema.js';
import { builtinCodemods } from '../dist/src/registry/builtins.js';

const out = join(import.meta.dirname, '..', 'docs', 'config-schema.json');
writeFileSync(out, JSON.stringify(configSchema(builtinCodemods), null, 2) + '\n');
const validator = join(import.meta.dirname, '..', 'src', 'config', 'validator.generated.ts');
writeFileSync(validator, validatorSource(builtinCodemods));
console.log(`wrote ${out} and ${validator}`);
