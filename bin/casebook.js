#!/usr/bin/env node
// Entry for `npx casebook` and the installed `casebook` command; the CLI is compiled by `npm run build:core`
// (run automatically by `npm ci` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('casebook: the CLI is not built yet; run `npm run build:core` (npm ci does it for you).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
