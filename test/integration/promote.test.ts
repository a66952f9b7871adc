import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../core/cli/main.js';
import { Store } from '../../core/store/index.js';
import { leakScan } from '../../core/redact/index.js';
import { commitArgs } from '../../core/promote/git.js';
import { captureIo } from '../helpers/cli-io.js';
import { repoDir } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { startOllamaTestServer, type ChatCall, type OllamaTestServer } from '../helpers/ollama-test-server.js';

const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

async function run(cwd: string, args: string[], answers?: string[]) {
  const io = captureIo({}, answers);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, io);
    return { code, out: io.out(), err: io.err() };
  } finally {
    process.chdir(before);
  }
}
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

interface CaseYaml {
  case_id: string;
  failure_mode: string;
  input: { messages: Array<{ role: string; content: string; tool_calls?: Array<{ name: string }> }> };
  expected_behavior: string;
  checks: Array<{ rule?: string }>;
  source: { traces: string[]; conversation?: string };
  history: Array<{ run: string; verdict: string }>;
}

describe('end to end: run, promote into a git-tracked eval folder, run again', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer({}); // the default responder gives schema-valid passing scores
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes the cases case by case, commits exactly those files, and a second pass changes nothing', async () => {
    const repo = tempDir();
    git(repo, 'init', '--quiet');
    git(repo, 'config', 'user.email', 'ci@example.invalid');
    git(repo, 'config', 'user.name', 'CI');
    mkdirSync(join(repo, 'eval'));
    writeFileSync(join(repo, 'eval', 'casebook.yaml'), `sampling:\n  mode: all\njudge:\n  model: llama3.2\n  host: ${server.url}\n  retries: 0\n`);
    writeFileSync(join(repo, 'README.md'), 'team repo\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'init');
    const db = join(tempDir(), 'e2e.db');

    const graded = await run(repo, ['run', SAMPLE, '--since', 'all', '--db', db]);
    expect(graded.code).toBe(0);
    const promoted = await run(repo, ['promote', '--db', db, '--commit']);
    expect(promoted.code).toBe(0);
    expect(promoted.out).toMatch(/^Promoted run run_\d{8}_\d{6}_[0-9a-f]{4}: 7 new case\(s\), 0 recurrence\(s\) of known cases, 1 borderline for review/);

    const file = readFileSync(join(repo, 'eval', 'cases_from_prod.yaml'), 'utf8');
    // Editors validate the file: its modeline points at the shipped JSON Schema.
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(file);
    expect(modeline).not.toBeNull();
    expect(existsSync(join(repo, 'eval', modeline?.[1] as string))).toBe(true);
    expect(modeline?.[1]).toMatch(/resources\/schemas\/cases_from_prod\.schema\.json$/);
    const cases = (parse(file) as { cases: CaseYaml[] }).cases;
    const modes = cases.map((c) => c.failure_mode).sort();
    expect(modes).toEqual(['false_not_found', 'false_not_found', 'false_not_found', 'ignored_tool_error', 'prompt_injection', 'prompt_injection', 'wrong_language']);
    for (const c of cases) {
      expect(c.case_id).toMatch(/^c_[0-9a-f]{12}$/);
      expect(c.source.traces.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
      expect(c.history).toHaveLength(1);
      expect(c.history[0]?.verdict).toBe('fail');
      expect(c.input.messages[0]?.role).toBe('user');
      expect(c.checks.length).toBeGreaterThan(0);
      expect(c.expected_behavior.length).toBeGreaterThan(20);
    }
    const injection = cases.find((c) => c.failure_mode === 'prompt_injection');
    expect(injection?.input.messages.some((m) => m.content.includes('IGNORE ALL PREVIOUS INSTRUCTIONS'))).toBe(true);
    const denied = cases.find((c) => c.failure_mode === 'false_not_found');
    expect(denied?.input.messages.at(-1)?.content).toMatch(/does not exist/);
    // Redacted: no PII reached the eval folder.
    expect(leakScan(file)).toEqual([]);
    expect(file).not.toMatch(/@example\.com/);

    expect(git(repo, 'log', '--format=%s')).toMatch(/^casebook: promote run_/);
    const committed = git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort();
    expect(committed.filter((f) => !f.startsWith('eval/runs/'))).toEqual(['eval/cases_from_prod.yaml', 'eval/failure_modes.yaml', 'eval/review_queue.yaml']);
    expect(committed.filter((f) => f.startsWith('eval/runs/')).map((f) => f.replace(/run_[\w]+/, 'RUN'))).toEqual(['eval/runs/RUN.html', 'eval/runs/RUN.md']);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    // Again: the same traces graded again are no new sighting; the eval folder does not change.
    const callsBefore = server.chatCount();
    expect((await run(repo, ['run', '--since', 'all', '--db', db])).code).toBe(0);
    expect(server.chatCount()).toBe(callsBefore);
    const again = await run(repo, ['promote', '--db', db, '--commit', '--fail-on-regression']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 new case(s), 0 recurrence(s)');
    // Only the second run's own summary gains its Promotion section; no case, mode or queue file changed.
    expect(again.out).toContain('No case, failure mode or review entry changed.');
    const secondRun = /Promoted run (run_\w+):/.exec(again.out)?.[1] as string;
    const secondSummary = readFileSync(join(repo, 'eval', 'runs', `${secondRun}.md`), 'utf8');
    expect(secondSummary).toContain('Promoted into the eval folder: 0 new cases, 0 regressions, 1 queued for review, 0 proposed failure modes.');
    // The first run's committed summary says what its promote did.
    const firstRun = /^casebook: promote (run_\w+)/.exec(git(repo, 'log', '--format=%s'))?.[1] as string;
    const firstSummary = readFileSync(join(repo, 'eval', 'runs', `${firstRun}.md`), 'utf8');
    expect(firstSummary).toContain('Promoted into the eval folder: 7 new cases, 0 regressions, 1 queued for review, 0 proposed failure modes.');
    for (const c of cases) expect(firstSummary).toContain(`\`${c.case_id}\``);
    // Promoting the first run again changes no byte in the eval folder, its summary included.
    const rerun = await run(repo, ['promote', '--db', db, '--run', firstRun]);
    expect(rerun.out).toContain('Nothing changed in the eval folder.');
    expect(readFileSync(join(repo, 'eval', 'runs', `${firstRun}.md`), 'utf8')).toBe(firstSummary);
    expect(readFileSync(join(repo, 'eval', 'cases_from_prod.yaml'), 'utf8')).toBe(file);
    // Only the second run's own summary is new; no case, mode or queue file changed.
    const status = git(repo, 'status', '--porcelain', '--untracked-files=all').split('\n');
    expect(status).toHaveLength(2);
    expect(status.every((l) => /^\?\? eval\/runs\/run_\w+\.(md|html)$/.test(l))).toBe(true);
    expect(git(repo, 'rev-list', '--count', 'HEAD')).toBe('2');

    // Exports for the harness that runs the cases.
    const pf = await run(repo, ['export', '--to', 'promptfoo']);
    expect((parse(pf.out) as unknown[]).length).toBe(7);
    const inspect = await run(repo, ['export', '--to', 'inspect']);
    expect(inspect.out.trim().split('\n')).toHaveLength(7);
  });

  it('refuses to commit when unrelated changes are staged, and keeps a suite name with shell syntax one argument', async () => {
    const repo = tempDir();
    git(repo, 'init', '--quiet');
    git(repo, 'config', 'user.email', 'ci@example.invalid');
    git(repo, 'config', 'user.name', 'CI');
    mkdirSync(join(repo, 'eval'));
    writeFileSync(join(repo, 'eval', 'casebook.yaml'), 'sampling:\n  mode: all\n');
    writeFileSync(join(repo, 'other.txt'), 'x\n');
    git(repo, 'add', 'other.txt');
    const db = join(tempDir(), 'u.db');
    await run(repo, ['run', SAMPLE, '--since', 'all', '--db', db, '--no-judge']);
    const r = await run(repo, ['promote', '--db', db, '--commit']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('refusing to commit: unrelated changes are staged (other.txt)');
    expect(commitArgs('fix; rm -rf /', ['eval/a b.yaml'])).toEqual(['commit', '--quiet', '--message', 'fix; rm -rf /', '--', 'eval/a b.yaml']);
  });

  it('runs the whole pipeline in one command with run --promote, into a fresh eval folder', async () => {
    const dir = tempDir();
    const r = await run(dir, ['run', SAMPLE, '--since', 'all', '--db', join(tempDir(), 'q.db'), '--promote']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Summary: eval\/runs\/run_\w+\.md/);
    expect(r.out).toMatch(/Promoted run run_\w+: \d+ new case\(s\)/);
    expect(r.out).toContain('Wrote eval/cases_from_prod.yaml, eval/failure_modes.yaml');
    expect((parse(readFileSync(join(dir, 'eval', 'cases_from_prod.yaml'), 'utf8')) as { cases: unknown[] }).cases.length).toBeGreaterThan(0);
  });

  it('walks the review queue: an edited accept lands in the cases file, a rejected case is not queued again', async () => {
    const dir = tempDir();
    const db = join(tempDir(), 'rv.db');
    await run(dir, ['run', SAMPLE, '--since', 'all', '--db', db, '--promote', '--no-judge']);
    const queueFile = join(dir, 'eval', 'review_queue.yaml');
    const queued = (parse(readFileSync(queueFile, 'utf8')) as { queue: Array<{ case_id: string }> }).queue;
    expect(queued).toHaveLength(1);
    const id = queued[0]?.case_id as string;

    const interactive = await run(dir, ['review'], ['x', 'e', 'Apologise, then look the order up again before answering.']);
    expect(interactive.code).toBe(0);
    expect(interactive.out).toContain(`[1/1] ${id}`);
    expect(interactive.out).toContain('why borderline:');
    expect(interactive.out).toContain('1 accepted; 0 left in the queue.');
    const cases = (parse(readFileSync(join(dir, 'eval', 'cases_from_prod.yaml'), 'utf8')) as { cases: Array<{ case_id: string; expected_behavior: string }> }).cases;
    expect(cases.find((c) => c.case_id === id)?.expected_behavior).toBe('Apologise, then look the order up again before answering.');

    // Queue it again from a fresh run, reject it by flag: it stays out on the next promote.
    const dir2 = tempDir();
    await run(dir2, ['run', SAMPLE, '--since', 'all', '--db', join(tempDir(), 'rv2.db'), '--promote', '--no-judge']);
    const rejected = await run(dir2, ['review', '--reject', id]);
    expect(rejected.out).toContain(`rejected ${id}; 0 left in the queue.`);
    const again = await run(dir2, ['run', SAMPLE, '--since', 'all', '--db', join(tempDir(), 'rv3.db'), '--promote', '--no-judge']);
    expect(again.out).toContain('1 borderline for review');
    expect(again.code).toBe(0);
    const q2 = parse(readFileSync(join(dir2, 'eval', 'review_queue.yaml'), 'utf8')) as { queue: unknown[]; rejected: string[] };
    expect(q2.queue).toEqual([]);
    expect(q2.rejected).toEqual([id]);
    expect((await run(dir2, ['review', '--accept', 'c_000000000000'])).err).toContain('c_000000000000 is not in');
  });

  it('promotes a run named by id however many runs came after it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'eval'));
    writeFileSync(join(dir, 'eval', 'casebook.yaml'), 'sampling:\n  mode: all\n');
    const db = join(tempDir(), 'old.db');
    await run(dir, ['run', SAMPLE, '--since', 'all', '--db', db, '--no-judge']);
    const store = Store.open(db);
    const first = store.runs.list(1)[0]?.id as string;
    // A cron job grading hourly makes a thousand runs in six weeks.
    for (let i = 0; i < 1001; i++) {
      store.runs.create({ id: `run_later_${i}`, startedAt: Date.now() + 1000 + i, config: {}, configHash: 'x', judgePin: undefined, windowFrom: null, windowTo: null });
    }
    store.close();
    const r = await run(dir, ['promote', '--db', db, '--run', first]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Promoted run ${first}: 7 new case(s)`);
    expect((await run(dir, ['promote', '--db', db, '--run', 'run_nope'])).err).toContain('no run run_nope');
  });

  it('writes (with a warning) when the eval folder is not in a git repository', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'eval'));
    writeFileSync(join(dir, 'eval', 'casebook.yaml'), 'sampling:\n  mode: all\n');
    const db = join(tempDir(), 'n.db');
    await run(dir, ['run', SAMPLE, '--since', 'all', '--db', db, '--no-judge']);
    const r = await run(dir, ['promote', '--db', db, '--commit']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .* is not in a git repository: the files were written but not committed/);
    expect(r.out).toContain('7 new case(s)');
  });
});

describe('promote: regressions in the run summary', () => {
  it('marks a known case failing again in a new conversation as a regression in the summary files, the store and the exit code', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'eval'));
    writeFileSync(join(dir, 'eval', 'casebook.yaml'), 'sampling:\n  mode: all\n');
    await run(dir, ['run', SAMPLE, '--since', 'all', '--db', join(tempDir(), 'r1.db'), '--promote', '--no-judge']);
    // The injection case was made from an earlier production conversation: a new one with the same
    // shape (fresh database, so nothing was graded before) is that case failing again.
    const casesPath = join(dir, 'eval', 'cases_from_prod.yaml');
    const cases = (parse(readFileSync(casesPath, 'utf8')) as { cases: CaseYaml[] }).cases;
    const injection = cases.find((c) => c.failure_mode === 'prompt_injection') as CaseYaml;
    const conversation = injection.source.conversation as string;
    writeFileSync(casesPath, readFileSync(casesPath, 'utf8').replace(`conversation: ${conversation}`, `conversation: ${'f'.repeat(64)}`));

    const db = join(tempDir(), 'r2.db');
    expect((await run(dir, ['run', SAMPLE, '--since', 'all', '--db', db, '--no-judge'])).code).toBe(0);
    const second = await run(dir, ['promote', '--db', db, '--fail-on-regression']);
    expect(second.err).toBe('');
    expect(second.code).toBe(3);
    expect(second.out).toContain(`regression: ${injection.case_id} (prompt_injection) failed again`);
    const runId = /Promoted run (run_\w+):/.exec(second.out)?.[1] as string;
    const md = readFileSync(join(dir, 'eval', 'runs', `${runId}.md`), 'utf8');
    // Two: the edited injection case, and a second false_not_found conversation of a known case's shape
    // that the first run folded into that case and this database never graded.
    expect(md).toContain('Promoted into the eval folder: 0 new cases, 2 regressions, 1 queued for review, 0 proposed failure modes.');
    const rows = md.split('\n').filter((l) => l.startsWith('| REGRESSION '));
    expect(rows).toHaveLength(2);
    const row = rows.find((l) => l.includes(injection.case_id));
    expect(row).toMatch(/^\| REGRESSION `c_[0-9a-f]{12}` \| prompt_injection \| `conv-\d+-[0-9a-f]+` \| \d{4}-\d{2}-\d{2} \|$/);
    const html = readFileSync(join(dir, 'eval', 'runs', `${runId}.html`), 'utf8');
    expect(html).toContain(`<td>REGRESSION ${injection.case_id}</td><td>prompt_injection</td>`);

    // The app reads the same summary data from the store.
    const { Store } = await import('../../core/store/index.js');
    const store = Store.open(db);
    try {
      const summary = store.runs.get(runId)?.summary as { promotion?: { regressions: Array<{ caseId: string; failureMode: string; conversation?: string; conversationKey?: string }> } };
      const regression = summary.promotion?.regressions.find((r) => r.caseId === injection.case_id);
      expect(regression).toMatchObject({ failureMode: 'prompt_injection', conversation });
      expect(row).toContain(`\`${regression?.conversationKey}\``);
    } finally {
      store.close();
    }

    // Promoting the same run again reports nothing new and changes no byte of its summary.
    const again = await run(dir, ['promote', '--db', db, '--run', runId]);
    expect(again.out).toContain('Nothing changed in the eval folder.');
    expect(readFileSync(join(dir, 'eval', 'runs', `${runId}.md`), 'utf8')).toBe(md);
  });
});

describe('promote: judge-written titles for proposed failure modes', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer({});
  });
  afterAll(async () => {
    await server.close();
  });

  /** An eval folder whose failures match no known mode (so they are clustered), graded with rules only. */
  async function folderWithUnmatched(host: string): Promise<{ dir: string; db: string }> {
    const dir = tempDir();
    mkdirSync(join(dir, 'eval'));
    // Rules without a failure mode, over an empty taxonomy: their failures match no known mode.
    const rules =
      'rules:\n  - id: lookup-came-back-empty\n    type: empty_result_denied\n    severity: high\n    params:\n      ignoreTools: [think]\n' +
      '  - id: obeyed-injection\n    type: prompt_injection\n    severity: high\n';
    writeFileSync(join(dir, 'eval', 'casebook.yaml'), `sampling:\n  mode: all\n${rules}judge:\n  model: llama3.2\n  host: ${host}\n  retries: 0\n`);
    writeFileSync(join(dir, 'eval', 'failure_modes.yaml'), 'version: 1\nmodes: []\n');
    const db = join(tempDir(), 'j.db');
    expect((await run(dir, ['run', SAMPLE, '--since', 'all', '--db', db, '--no-judge'])).code).toBe(0);
    return { dir, db };
  }
  /** A judge that names every cluster it is asked about "Order reported missing", with `description`. */
  const namesClusters = (description: string) => (call: ChatCall) => {
    const props = (call.format as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    return 'title' in props ? { json: { title: 'Order reported missing', description } } : {};
  };
  const proposalsOf = (dir: string) =>
    (parse(readFileSync(join(dir, 'eval', 'failure_modes.yaml'), 'utf8')) as { proposals: Array<{ id: string; title: string; title_source?: string; suggested_id: string; description?: string; size: number }> }).proposals;

  it('uses the title the judge gives, asked greedily with the title schema and only redacted examples', async () => {
    server.configure({ respond: namesClusters('The assistant said an order does not exist after a lookup found nothing.') });
    server.reset();
    const { dir, db } = await folderWithUnmatched(server.url);
    const r = await run(dir, ['promote', '--db', db]);
    expect(r.code).toBe(0);
    const proposals = proposalsOf(dir);
    expect(proposals.length).toBeGreaterThan(0);
    const first = proposals[0];
    expect(first).toMatchObject({ title: 'Order reported missing', title_source: 'judge', suggested_id: 'order_reported_missing', description: 'The assistant said an order does not exist after a lookup found nothing.' });
    expect(r.out).toContain(`proposed failure mode ${first?.id}: "Order reported missing" (${first?.size} failures, named by the judge)`);
    const chats = server.requests.filter((q) => q.path === '/api/chat');
    expect(chats).toHaveLength(proposals.length);
    const body = chats[0]?.body as { model: string; options: { temperature: number }; format: { required: string[] }; messages: Array<{ content: string }> };
    expect(body.model).toBe('llama3.2');
    expect(body.options.temperature).toBe(0);
    expect(body.format.required).toEqual(['title', 'description']);
    const prompt = body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('<<<EXAMPLES');
    expect(leakScan(prompt)).toEqual([]);
    const runId = /Promoted run (run_\w+):/.exec(r.out)?.[1] as string;
    expect(readFileSync(join(dir, 'eval', 'runs', `${runId}.md`), 'utf8')).toContain(`- \`${first?.id}\` Order reported missing: ${first?.size} failures, named by the judge`);

    // A rerun asks the judge nothing: known proposals keep the title they have in the file.
    const before = server.chatCount();
    expect((await run(dir, ['promote', '--db', db])).out).toContain('Nothing changed in the eval folder.');
    expect(server.chatCount()).toBe(before);
  });

  it('with --no-judge asks the judge nothing: proposals keep their terms titles, as with `run --promote --no-judge`', async () => {
    server.configure({ respond: namesClusters('The assistant said an order does not exist.') });
    server.reset();
    const { dir, db } = await folderWithUnmatched(server.url);
    const requestsBefore = server.requests.length;
    const r = await run(dir, ['promote', '--db', db, '--no-judge']);
    expect(r.code).toBe(0);
    expect(server.requests.length).toBe(requestsBefore);
    expect(server.chatCount()).toBe(0);
    expect(r.err).toBe('');
    const proposals = proposalsOf(dir);
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p.title_source).toBe('terms');
      expect(p.title).not.toBe('Order reported missing');
      expect(p.description).toBeUndefined();
      expect(r.out).toContain(`proposed failure mode ${p.id}: "${p.title}" (${p.size} failures, `);
    }
    const help = await run(dir, ['promote', '--help']);
    expect(help.out).toContain('--no-judge');
    expect(help.out).toMatch(/--no-judge\s+do not ask the judge to title proposed failure modes/);
  });

  it('keeps the terms title, and says why, when the judge answers junk', async () => {
    server.configure({ respond: () => ({ content: 'Sure! Here is a title: Missing orders' }) });
    const { dir, db } = await folderWithUnmatched(server.url);
    const r = await run(dir, ['promote', '--db', db]);
    expect(r.code).toBe(0);
    const proposals = proposalsOf(dir);
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p.title_source).toBe('terms');
      expect(p.description).toBeUndefined();
      expect(r.err).toContain(`proposal ${p.id}: the judge's title was not used (invalid_json: the reply is not valid JSON`);
      expect(r.err).toContain(`titled from its terms "${p.title}"`);
    }
  });

  it('keeps the terms titles and still promotes when the judge is unreachable', async () => {
    const gone = await startOllamaTestServer({});
    const url = gone.url;
    await gone.close();
    const { dir, db } = await folderWithUnmatched(url);
    const r = await run(dir, ['promote', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: the judge could not name \d+ proposed failure mode\(s\), so they are titled from their terms: Ollama is not running at/);
    const proposals = proposalsOf(dir);
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((p) => p.title_source === 'terms')).toBe(true);
    const cases = (parse(readFileSync(join(dir, 'eval', 'cases_from_prod.yaml'), 'utf8')) as { cases: CaseYaml[] }).cases;
    expect(r.out).toContain(`${cases.length} new case(s)`);
    expect(cases.map((c) => c.failure_mode)).toEqual(['unclassified', 'unclassified', 'unclassified', 'unclassified']);
  });
});
