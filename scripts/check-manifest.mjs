#!/usr/bin/env node
// Fails when the committed custom-elements.json is not what the analyzer makes of the current source
// (run by `npm test` and CI). Regenerates in memory with the same config as `npm run analyze`.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = 'scripts/custom-elements-manifest.config.mjs';
const committedPath = resolve(root, 'custom-elements.json');

const fresh = await cli({ argv: ['analyze', '--config', config, '--quiet'], cwd: root, noWrite: true });
const expected = `${JSON.stringify(fresh, null, 2)}\n`;

let committed = '';
try {
  committed = await readFile(committedPath, 'utf8');
} catch {
  console.error('custom-elements.json is missing: run `npm run analyze` and commit custom-elements.json.');
  process.exit(1);
}

if (committed === expected) {
  console.log('custom-elements.json is up to date.');
  process.exit(0);
}

/** What differs, per module and declaration, so the message says where to look. */
function summarize(manifest) {
  const out = new Map();
  for (const module of manifest.modules ?? []) {
    out.set(module.path, JSON.stringify(module));
    for (const declaration of module.declarations ?? []) {
      out.set(`${module.path} › ${declaration.name}`, JSON.stringify(declaration));
    }
  }
  return out;
}

let old = new Map();
try {
  old = summarize(JSON.parse(committed));
} catch {
  // not JSON: the whole file is stale
}
const now = summarize(fresh);
const changed = [...new Set([...old.keys(), ...now.keys()])]
  .filter((key) => old.get(key) !== now.get(key))
  .filter((key, _, all) => key.includes(' › ') || !all.some((k) => k.startsWith(`${key} › `)));

console.error('custom-elements.json is stale: the elements changed since it was generated.');
if (changed.length) console.error(`Differs in:\n${changed.map((key) => `  - ${key}`).join('\n')}`);
console.error('Run `npm run analyze` and commit custom-elements.json.');
process.exit(1);
