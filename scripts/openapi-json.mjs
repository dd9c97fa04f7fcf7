#!/usr/bin/env node
// docs/openapi.yaml as JSON, for the server to carry and serve at /api/v1/openapi.json (the YAML
// stays the one document people edit). Usage: node scripts/openapi-json.mjs IN.yaml OUT.json
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: openapi-json.mjs IN.yaml OUT.json');
  process.exit(2);
}
const doc = parse(readFileSync(input, 'utf8'), { prettyErrors: true, uniqueKeys: true });
if (!doc || typeof doc.openapi !== 'string' || typeof doc.paths !== 'object') {
  console.error(`${input}: not an OpenAPI document (no openapi version or paths)`);
  process.exit(1);
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(doc));
