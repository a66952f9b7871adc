#!/usr/bin/env node
// Writes resources/schemas/*.schema.json from the compiled zod schemas.
// Run after `npx tsc -p tsconfig.build.json`: node scripts/gen-schemas.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { evalFolderSchemas } = await import(join(root, 'dist', 'core', 'promote', 'schemas.js'));
const outDir = join(root, 'resources', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const [file, text] of Object.entries(evalFolderSchemas())) {
  writeFileSync(join(outDir, file), text);
  process.stdout.write(`wrote resources/schemas/${file}\n`);
}
