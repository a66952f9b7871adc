import { describe, expect, it } from 'vitest';
import { RunSummary } from '../../../core/model/run.js';
import { renderSummaryMarkdown } from '../../../core/report/summary-markdown.js';
import { renderSummaryHtml } from '../../../core/report/summary-html.js';

const summary: RunSummary = RunSummary.parse({
  runId: 'run_20261126_1200_ab12',
  startedAt: Date.UTC(2026, 10, 26, 12, 0),
  finishedAt: Date.UTC(2026, 10, 26, 12, 1, 30),
  status: 'done',
  window: { from: Date.UTC(2026, 10, 19, 12, 0), to: Date.UTC(2026, 10, 26, 12, 0), label: 'trailing 7d' },
  sampling: { mode: 'stratified', requested: 40, seed: 7 },
  population: { traces: 420, conversations: 200 },
  sample: { traces: 85, conversations: 40 },
  intents: [
    { intent: 'refund', window: 120, sample: 20 },
    { intent: 'order_status', window: 80, sample: 20 },
  ],
  verdicts: { pass: 25, fail: 10, borderline: 3, ungraded: 2 },
  projected: { pass: 0.62, fail: 0.27, borderline: 0.07, ungraded: 0.04 },
  rules: [{ ruleId: 'tool-error-answered', severity: 'high', failureMode: 'tool_timeout_fallback', failures: 6, projectedRate: 0.15 }],
  axes: [{ axis: 'faithfulness', graded: 28, failures: 4, meanScore: 3.9, projectedFailRate: 0.13 }],
  judge: { status: 'used', model: 'qwen3:8b', digest: '500a1f067a9f782620b40bee6f7b0c89e17ae61f686b92c24933e4ca4b2b8b41', calls: 26, cacheHits: 2, promptTokens: 51234, completionTokens: 4012, durationMs: 65000, ungraded: { timeout: 1, 'invalid JSON': 1 } },
  failures: [{ conversationKey: 'conv-1', traceIds: ['tr_1'], intent: 'refund', verdict: 'fail', reasons: ['tool-error-answered: <img src=x onerror=alert(1)> | piped'] }],
});

describe('run summary', () => {
  it('Markdown shows the counts, projected rates, rule and axis tables and the judge figures', () => {
    const md = renderSummaryMarkdown(summary);
    expect(md).toContain('# Casebook run run_20261126_1200_ab12');
    expect(md).toContain('| in the window | 420 | 200 |');
    expect(md).toContain('| sampled (stratified, seed 7) | 85 | 40 |');
    expect(md).toContain('| fail | 10 | 27.0% |');
    expect(md).toContain('| tool-error-answered | high | tool_timeout_fallback | 6 | 15.0% |');
    expect(md).toContain('| faithfulness | 28 | 4 | 3.90 | 13.0% |');
    expect(md).toContain('- model: qwen3:8b @ 500a1f067a9f');
    expect(md).toContain('- calls: 26, cache hits: 2, tokens: 51234 in / 4012 out, time: 1 min 5 s');
    expect(md).toContain('- ungraded: 1 invalid JSON, 1 timeout');
    expect(md).toContain('\\| piped');
    expect(renderSummaryMarkdown(summary)).toBe(md);
  });

  it('HTML is one self-contained page with charts and every text escaped', () => {
    const html = renderSummaryHtml(summary);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
    expect(html).toContain('27.0% (10 sampled)');
  });

  it('says why there are no axis figures when the judge was unavailable', () => {
    const md = renderSummaryMarkdown({ ...summary, axes: [], judge: { ...summary.judge, status: 'unavailable', message: 'Ollama is not running' } });
    expect(md).toContain('The judge did not grade this run (unavailable: Ollama is not running).');
  });
});
