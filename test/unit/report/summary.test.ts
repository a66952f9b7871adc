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
    // Each chart is wide enough for its longest figure after the longest bar (220 label + 360 bar + text).
    for (const svg of html.match(/<svg [^>]*>.*?<\/svg>/g) ?? []) {
      const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
      const longest = Math.max(...[...svg.matchAll(/class="v">([^<]*)</g)].map((m) => (m[1] ?? '').length));
      expect(width - 580).toBeGreaterThanOrEqual(longest * 7);
    }
  });

  it('states the window as a range, and "all time" as up to its end rather than from 1970', () => {
    expect(renderSummaryMarkdown(summary)).toContain('Window trailing 7d (2026-11-19 12:00 UTC to 2026-11-26 12:00 UTC); ');
    const all = { ...summary, window: { from: 0, to: Date.UTC(2026, 10, 26, 12, 0), label: 'all time' } };
    expect(renderSummaryMarkdown(all)).toContain('Window all time (up to 2026-11-26 12:00 UTC); ');
    expect(renderSummaryHtml(all)).toContain('Window all time (up to 2026-11-26 12:00 UTC) · started');
    expect(renderSummaryMarkdown(all)).not.toContain('1970');
  });

  it('says why there are no axis figures when the judge was unavailable', () => {
    const md = renderSummaryMarkdown({ ...summary, axes: [], judge: { ...summary.judge, status: 'unavailable', message: 'Ollama is not running' } });
    expect(md).toContain('The judge did not grade this run (unavailable: Ollama is not running).');
  });

  it('says a run was not promoted yet, with the command that promotes it', () => {
    expect(renderSummaryMarkdown(summary)).toContain('## Promotion\n\nNot promoted yet: `casebook promote --run run_20261126_1200_ab12` turns the failures into eval cases.');
    expect(renderSummaryHtml(summary)).toContain('<h2>Promotion</h2><p>Not promoted yet: <code>casebook promote --run run_20261126_1200_ab12</code>');
  });

  it('shows the promotion: regressions marked with their case and mode, new cases, review and proposals', () => {
    const promoted: RunSummary = {
      ...summary,
      promotion: {
        date: '2026-11-26',
        newCaseIds: ['c_0a1b2c3d4e5f', 'c_9f8e7d6c5b4a'],
        regressions: [{ caseId: 'c_77aa88bb99cc', failureMode: 'ignored_tool_error', conversationKey: 'conv-1', conversation: 'e'.repeat(64), previousDate: '2026-11-19' }],
        reviewCount: 3,
        proposals: [{ id: 'p_12ab34cd56', title: 'Stale <b>balance</b> | quoted', size: 4, titleSource: 'judge' }],
      },
    };
    const md = renderSummaryMarkdown(promoted);
    expect(md).toContain('Promoted into the eval folder: 2 new cases, 1 regression, 3 queued for review, 1 proposed failure mode.');
    expect(md).toContain('| REGRESSION `c_77aa88bb99cc` | ignored_tool_error | `conv-1` | 2026-11-19 |');
    expect(md).toContain('New cases: `c_0a1b2c3d4e5f`, `c_9f8e7d6c5b4a`.');
    expect(md).toContain('- `p_12ab34cd56` Stale <b>balance</b> \\| quoted: 4 failures, named by the judge');
    // The section sits after the verdicts, before the rule table.
    expect(md.indexOf('## Verdicts')).toBeLessThan(md.indexOf('## Promotion'));
    expect(md.indexOf('## Promotion')).toBeLessThan(md.indexOf('## Failures by rule'));
    expect(renderSummaryMarkdown(promoted)).toBe(md);

    const html = renderSummaryHtml(promoted);
    expect(html).toContain('<td>REGRESSION c_77aa88bb99cc</td><td>ignored_tool_error</td><td>conv-1</td><td>2026-11-19</td>');
    expect(html).toContain('<p class="regression"><strong>Regressions</strong>');
    expect(html).toContain('<td>Stale &lt;b&gt;balance&lt;/b&gt; | quoted</td><td>4</td><td>named by the judge</td>');
    expect(html).not.toContain('<b>balance');
  });

  it('lists the first 20 new cases and counts the rest', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `c_${String(i).padStart(12, '0')}`);
    const md = renderSummaryMarkdown({ ...summary, promotion: { date: '2026-11-26', newCaseIds: ids, regressions: [], reviewCount: 0, proposals: [] } });
    expect(md).toContain('`c_000000000019` and 3 more.');
    expect(md).not.toContain('c_000000000020');
    expect(md).not.toContain('REGRESSION');
  });
});
