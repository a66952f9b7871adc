// Lint: TypeScript rules plus the layering rules of design.md, enforced per folder.
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'pure modules do no I/O: put it in an adapter file' };
const sqlite = { group: ['better-sqlite3'], message: 'only core/store speaks SQL' };
const ui = { group: ['electron', 'react', 'react-dom', 'react/*', 'react-dom/*', '**/electron/**', '**/renderer/**'], message: 'core/ must not depend on the shell or the UI' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', '**/*.cjs', 'bin/**', 'scripts/**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay off' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation must stay on' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'the renderer sandbox must stay on' },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity must stay on' },
        { selector: "Property[key.name='webviewTag'][value.value=true]", message: 'no <webview>' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ui] }] },
  },
  {
    // core/ and the UI run regexes over trace text of any length: two quantifiers that can trade characters make a
    // long blank run quadratic or worse (the "corner of" and zip code patterns once took minutes on 50 KB),
    // and so does a run retried from each of its starts (`/[\s,;]+$/`: use trimEndOf). A regex only ever
    // run on a short slice may say so in an eslint-disable comment with its bound.
    files: ['core/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error', 'regexp/no-super-linear-move': 'error' },
  },
  {
    // Only core/store owns the SQLite connection.
    files: ['core/**/*.ts'],
    ignores: ['core/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlite, ui] }] },
  },
  {
    // Pure modules (design.md, dependency rule).
    files: ['core/model/**/*.ts', 'core/redact/**/*.ts', 'core/ingest/formats/**/*.ts', 'core/ingest/format.ts',
      'core/ingest/transcript.ts', 'core/ingest/detect.ts', 'core/sample/**/*.ts', 'core/rules/**/*.ts',
      'core/failures/**/*.ts', 'core/calibrate/**/*.ts', 'core/report/**/*.ts', 'core/grade/**/*.ts',
      'core/judge/rubric.ts', 'core/judge/prompt.ts', 'core/judge/parse.ts', 'core/judge/host.ts',
      'core/promote/build.ts', 'core/promote/case-id.ts', 'core/promote/case.ts', 'core/promote/export.ts', 'core/promote/leak.ts',
      'core/promote/merge.ts', 'core/promote/schemas.ts', 'core/promote/review-queue.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, sqlite, ui] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'electron', 'better-sqlite3'], message: 'the renderer has no Node: talk to the contract' },
          { regex: '(^|/)core/(?!api/contract\\.js$|model/)', message: 'the renderer imports only the contract and model types from core/' },
          { group: ['**/electron/**'], message: 'the renderer never imports the shell' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', 'react', 'react-dom'], message: 'the shell does not import the UI' }] }] },
  },
);
