// Runs before every test file: keep tests away from the user's real data directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.CASEBOOK_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'casebook-test-data-'));
