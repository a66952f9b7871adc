import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { main } from '../../core/cli/main.js';
import { REDACTOR_VERSION } from '../../core/redact/version.js';
import { captureIo } from '../helpers/cli-io.js';
import { repoDir } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { FAKE_DIGESTS, startOllamaTestServer, type ChatCall, type OllamaTestServer } from '../helpers/ollama-test-server.js';

const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

/**
 * A judge that reads the transcript it is sent: a refund the agent never confirmed ("it is being handled"
 * after create_refund, a failure no rule looks for) gets helpfulness 1; everything else passes.
 */
function judgeReply(call: ChatCall) {
  const bad = /create_refund/.test(call.text) && /it is being handled/.test(call.text);
  const axis = (score: number, why: string) => ({ rationale: why, score });
  return {
    json: {
      reasoning: bad ? 'The refund was created but the answer never confirms it.' : 'Looked up the order and answered from the tool result.',
      scores: {
        helpfulness: axis(bad ? 1 : 5, bad ? 'never confirmed the refund' : 'did what was asked'),
        faithfulness: axis(5, 'grounded'),
        completeness: axis(5, 'complete'),
        tone: axis(5, 'polite'),
      },
      failure_mode: 'none',
      summary: bad ? 'refund not confirmed' : 'fine',
    },
  };
}

async function run(args: string[]) {
  const io = captureIo({});
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function evalDir(judgeHost: string | undefined): string {
  const dir = join(tempDir(), 'eval');
  mkdirSync(dir, { recursive: true });
  const judge = judgeHost ? `judge:\n  model: llama3.2\n  host: ${judgeHost}\n  timeoutMs: 5000\n  retries: 0\n` : '';
  writeFileSync(join(dir, 'casebook.yaml'), `# test eval folder\nsampling:\n  mode: all\n${judge}`);
  return dir;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface SummaryJson {
  runId: string;
  redaction?: { mark: string; traces: { current: number; stale: number; unknown: number; raw: number }; imports: number; maskedByType: Record<string, number>; maskedByField: Record<string, number> };
  status: string;
  population: { traces: number; conversations: number };
  sample: { traces: number; conversations: number };
  verdicts: { pass: number; fail: number; borderline: number; ungraded: number };
  rules: Array<{ ruleId: string; failures: number }>;
  axes: Array<{ axis: string; graded: number; failures: number }>;
  judge: { status: string; message?: string; calls: number; cacheHits: number; model?: string };
  failures: Array<{ conversationKey: string; reasons: string[] }>;
  files: { markdown: string; html: string };
}

describe('casebook run', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer({ respond: judgeReply });
  });
  afterAll(async () => {
    await server.close();
  });

  it('imports, grades with rules and the judge, writes the summary, and a rerun makes no judge call', async () => {
    const db = join(tempDir(), 'run.db');
    const dir = evalDir(server.url);
    const first = await run(['run', SAMPLE, '--since', 'all', '--eval-dir', dir, '--db', db, '--json']);
    expect(first.code).toBe(0);
    // stdout is the run's JSON alone (the import's report went to stderr), so a script can parse it.
    const s = JSON.parse(first.out) as SummaryJson;
    expect(first.err).toMatch(/Imported 1 file\(s\)/);
    expect(s.population).toEqual({ traces: 62, conversations: 35 });
    expect(s.sample.conversations).toBe(35);
    const v = s.verdicts;
    expect(v.pass + v.fail + v.borderline + v.ungraded).toBe(35);
    // Unconfirmed refunds break no rule: only the judge's helpfulness score fails them.
    const unconfirmed = s.failures.filter((f) => f.reasons.some((r) => /^judge: helpfulness 1 \(threshold 3\): never confirmed the refund$/.test(r)));
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(s.axes.find((a) => a.axis === 'helpfulness')?.failures).toBe(unconfirmed.length);
    // Conversations a rule already failed are not sent to the judge.
    const ruleFailed = s.failures.filter((f) => f.reasons.some((r) => r.startsWith('rule '))).length;
    expect(ruleFailed).toBeGreaterThan(0);
    expect(s.judge.status).toBe('used');
    expect(s.judge.model).toBe('llama3.2');
    expect(s.judge.calls).toBe(server.chatCount());
    expect(s.judge.calls).toBeGreaterThan(0);
    expect(s.judge.calls).toBeLessThan(35);
    const md = readFileSync(s.files.markdown, 'utf8');
    expect(md).toContain(`# Casebook run ${s.runId}`);
    expect(md).toContain('| in the window | 62 | 35 |');
    // The summary says how the graded traces were redacted and what their import masked, counts only.
    expect(s.redaction?.mark).toMatch(new RegExp(`^v${REDACTOR_VERSION}:[0-9a-f]{12}$`));
    expect(s.redaction?.traces).toEqual({ current: 62, stale: 0, unknown: 0, raw: 0 });
    expect(s.redaction?.imports).toBe(1);
    expect(s.redaction?.maskedByType.EMAIL).toBeGreaterThan(100);
    expect(Object.keys(s.redaction?.maskedByType ?? {})[0]).toBe('EMAIL');
    expect(md).toContain(`## Redaction\n\n- All 62 graded traces were redacted under the configuration in force (${s.redaction?.mark}).`);
    expect(md).toMatch(/- The 1 import that stored them masked EMAIL \d+, PERSON \d+, ADDRESS \d+, PHONE \d+, USER \d+, in span\.attributes \d+ \(counts only, never values\)\./);
    expect(readFileSync(s.files.html, 'utf8')).toContain('<h2>Redaction</h2><p>All 62 graded traces were redacted');
    expect(existsSync(s.files.html)).toBe(true);
    expect(readFileSync(s.files.html, 'utf8')).not.toContain('<script');

    const callsBefore = server.chatCount();
    const again = await run(['run', '--since', 'all', '--eval-dir', dir, '--db', db, '--json']);
    const s2 = JSON.parse(again.out) as SummaryJson;
    expect(server.chatCount()).toBe(callsBefore);
    expect(s2.judge.calls).toBe(0);
    expect(s2.judge.cacheHits).toBe(s.judge.calls);
    expect(s2.verdicts).toEqual(s.verdicts);
  });

  it('says plainly when Ollama is not running, and still completes the rules layer', async () => {
    const db = join(tempDir(), 'r.db');
    const dir = evalDir(`http://127.0.0.1:${await closedPort()}`);
    const r = await run(['run', SAMPLE, '--since', 'all', '--eval-dir', dir, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/judge unavailable, grading with rules only: Ollama is not running .*ollama serve/);
    expect(r.out).toMatch(/graded 35 conversation\(s\)/);
    expect(r.out).toMatch(/rule [\w-]+: \d+ failure\(s\)/);
    expect(r.out).toMatch(/judge unavailable: Ollama is not running/);
    // Without a judgment nothing passes: what no rule failed is ungraded, not a pass.
    expect(r.out).toMatch(/pass 0/);
  });

  it('pins the judge, and refuses to run when the installed model no longer matches the pin', async () => {
    const db = join(tempDir(), 'p.db');
    const dir = evalDir(server.url);
    const pinned = await run(['judge', 'pin', '--eval-dir', dir]);
    expect(pinned.code).toBe(0);
    const pinText = readFileSync(join(dir, 'judge-pin.yaml'), 'utf8');
    expect(pinText).toContain(`digest: ${FAKE_DIGESTS.judge}`);
    expect(pinText).toContain('rubricVersion:');
    const check = await run(['judge', 'check', '--eval-dir', dir]);
    expect(check.out).toContain('(matches)');
    writeFileSync(join(dir, 'judge-pin.yaml'), pinText.replace(FAKE_DIGESTS.judge, 'b'.repeat(64)));
    const refused = await run(['run', SAMPLE, '--since', 'all', '--eval-dir', dir, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/differs from the pinned one/);
    expect(refused.err).toMatch(/casebook judge pin/);
  });

  it('grades with rules only on --no-judge, and rejects bad flags and a misspelt config key with its line', async () => {
    const db = join(tempDir(), 'n.db');
    const dir = evalDir(undefined);
    const r = await run(['run', SAMPLE, '--since', 'all', '--eval-dir', dir, '--db', db, '--no-judge']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('judge skipped: grading with rules only (--no-judge)');
    expect(r.out).not.toContain('Nothing to grade');
    // An empty database says what to do instead of just reporting zeros.
    const empty = await run(['run', '--since', 'all', '--eval-dir', dir, '--db', join(tempDir(), 'empty.db'), '--no-judge']);
    expect(empty.code).toBe(0);
    expect(empty.out).toMatch(/graded 0 conversation\(s\) \(0 traces\) of 0 in the window \(all time\)\.\n.*\n {2}Nothing to grade: no conversation in the window\. Import an export first/);
    expect((await run(['run', '--since', 'fortnight', '--eval-dir', dir, '--db', db])).err).toContain('--since: "fortnight" is not a duration');
    expect((await run(['run', '--sample', '10', '--all', '--eval-dir', dir, '--db', db])).code).toBe(2);
    writeFileSync(join(dir, 'casebook.yaml'), 'sampling:\n  mode: all\nrubrik:\n  version: x\n');
    const typo = await run(['run', '--eval-dir', dir, '--db', db]);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/casebook\.yaml, line 3: key "rubrik": unknown key \(known keys: \$schema, redaction, sampling, rules, rubric, judge\)/);
  });
});

describe('an interrupted run', () => {
  it('is recorded as cancelled, and running again pays for no judge call twice', async () => {
    const { Store } = await import('../../core/store/index.js');
    const { importPaths } = await import('../../core/pipeline/import.js');
    const { runGrading } = await import('../../core/pipeline/run.js');
    const { loadEvalFolder } = await import('../../core/config/eval-folder.js');
    const server = await startOllamaTestServer({ latencyMs: 40 });
    try {
      const store = Store.open(':memory:');
      await importPaths(store, [SAMPLE], { redaction: { secretKey: Buffer.alloc(32, 9) } });
      const folder = loadEvalFolder(evalDir(server.url));
      const controller = new AbortController();
      const first = await runGrading(store, folder, {
        window: { from: 0 },
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'judge' && p.done >= 3) controller.abort();
        },
      });
      expect(first.summary.status).toBe('cancelled');
      const paid = server.chatCount();
      expect(paid).toBeGreaterThanOrEqual(3);
      expect(first.summary.verdicts.ungraded).toBeGreaterThan(0);

      const second = await runGrading(store, folder, { window: { from: 0 } });
      expect(second.summary.status).toBe('done');
      // Every judgment of the first run came from the cache; only the rest were asked for.
      expect(second.summary.judge.cacheHits).toBe(first.summary.judge.calls);
      expect(server.chatCount()).toBe(paid + second.summary.judge.calls);
      expect(second.summary.judge.calls + second.summary.judge.cacheHits).toBe(paid + second.summary.judge.calls);
      store.close();
    } finally {
      await server.close();
    }
  });
});

describe('the window of a run', () => {
  it('grades the conversations that start in the window, whole, and leaves out those that started earlier', async () => {
    const { Store } = await import('../../core/store/index.js');
    const { importPaths } = await import('../../core/pipeline/import.js');
    const { runGrading } = await import('../../core/pipeline/run.js');
    const { loadEvalFolder } = await import('../../core/config/eval-folder.js');
    const day = 86_400_000;
    const now = Date.UTC(2026, 10, 26);
    const line = (id: string, conv: string, at: number) =>
      JSON.stringify({ id, conversation_id: conv, created_at: new Date(at).toISOString(), messages: [{ role: 'user', content: `question ${id}` }, { role: 'assistant', content: 'answer' }] });
    const file = join(tempDir(), 'w.jsonl');
    writeFileSync(
      file,
      [
        line('old-1', 'c-old', now - 10 * day), // started before the 7-day window...
        line('old-2', 'c-old', now - 2 * day), // ...so its later turn does not bring it in
        line('new-1', 'c-new', now - 3 * day),
        line('new-2', 'c-new', now - 1 * day),
        line('ancient', 'c-ancient', now - 30 * day),
      ].join('\n'),
    );
    const store = Store.open(':memory:');
    await importPaths(store, [file], { redaction: 'off' });
    const r = await runGrading(store, loadEvalFolder(evalDir(undefined)), { window: { trailing: '7d' }, now, judge: 'off' });
    expect(r.summary.population).toEqual({ traces: 2, conversations: 1 });
    expect(r.summary.sample).toEqual({ traces: 2, conversations: 1 });
    store.close();
  });
});
