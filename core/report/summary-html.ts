/**
 * The one-page run summary as a self-contained HTML page (pure): inline CSS and SVG bar charts, no
 * script, no external resource, every text escaped.
 */
import type { RunSummary } from '../model/run.js';
import { duration, isoMinute, MAX_LISTED_CASES, pct, plural, redactionSentences, TITLE_SOURCE_TEXT, windowRange } from './format.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const COLORS: Record<string, string> = { fail: '#c62828', borderline: '#ef6c00', ungraded: '#6d6d6d', pass: '#2e7d32' };

/** A horizontal bar chart as inline SVG. */
function bars(rows: ReadonlyArray<{ label: string; value: number; text: string; color?: string }>): string {
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const h = 22;
  const labelW = 220;
  const barW = 360;
  const body = rows
    .map((r, i) => {
      const w = Math.max(1, Math.round((r.value / max) * barW));
      const y = i * h;
      return `<text x="0" y="${y + 15}" class="l">${escapeHtml(r.label)}</text><rect x="${labelW}" y="${y + 3}" width="${r.value > 0 ? w : 0}" height="${h - 6}" fill="${r.color ?? '#3559c7'}"/><text x="${labelW + (r.value > 0 ? w : 0) + 6}" y="${y + 15}" class="v">${escapeHtml(r.text)}</text>`;
    })
    .join('');
  // Room after the longest bar for the longest figure ("77.1% (27 sampled)"), at about 7.5 px a character.
  const textW = Math.max(120, Math.ceil(Math.max(0, ...rows.map((r) => r.text.length)) * 7.5) + 12);
  return `<svg role="img" width="${labelW + barW + textW}" height="${rows.length * h}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((x) => `<th>${escapeHtml(x)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The Promotion section: what `casebook promote` made of the run, regressions first and marked. */
function promotionHtml(s: RunSummary): string {
  const p = s.promotion;
  if (!p) return `<h2>Promotion</h2><p>Not promoted yet: <code>casebook promote --run ${escapeHtml(s.runId)}</code> turns the failures into eval cases.</p>`;
  const parts = [
    `<h2>Promotion</h2><p>Promoted into the eval folder: ${escapeHtml(
      `${plural(p.newCaseIds.length, 'new case')}, ${plural(p.regressions.length, 'regression')}, ${p.reviewCount} queued for review, ${plural(p.proposals.length, 'proposed failure mode')}`,
    )}.</p>`,
  ];
  if (p.regressions.length > 0) {
    parts.push(
      `<p class="regression"><strong>Regressions</strong>: known cases that failed again.</p>${table(
        ['regression', 'failure mode', 'conversation', 'last seen before'],
        p.regressions.map((r) => [`REGRESSION ${r.caseId}`, r.failureMode, r.conversationKey ?? '-', r.previousDate ?? '-']),
      )}`,
    );
  }
  if (p.newCaseIds.length > 0) {
    const more = p.newCaseIds.length - MAX_LISTED_CASES;
    parts.push(`<p>New cases: ${p.newCaseIds.slice(0, MAX_LISTED_CASES).map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}${more > 0 ? ` and ${more} more` : ''}.</p>`);
  }
  if (p.proposals.length > 0) {
    parts.push(
      `<p>Proposed failure modes (decide with <code>casebook modes</code>):</p>${table(
        ['proposal', 'title', 'failures', 'title from'],
        p.proposals.map((m) => [m.id, m.title, String(m.size), TITLE_SOURCE_TEXT[m.titleSource]]),
      )}`,
    );
  }
  return parts.join('');
}

/** Render a run summary as one self-contained HTML page. */
export function renderSummaryHtml(s: RunSummary): string {
  const verdictRows = (['fail', 'borderline', 'ungraded', 'pass'] as const).map((v) => ({
    label: v,
    value: s.projected[v],
    text: `${pct(s.projected[v])} (${s.verdicts[v]} sampled)`,
    color: COLORS[v],
  }));
  const ruleRows = s.rules.map((r) => ({ label: r.ruleId, value: r.projectedRate, text: `${pct(r.projectedRate)} (${r.failures})` }));
  const axisRows = s.axes.map((a) => ({ label: a.axis, value: a.projectedFailRate, text: `${pct(a.projectedFailRate)} (${a.failures}/${a.graded})` }));
  const j = s.judge;
  const parts: string[] = [];
  parts.push(`<h1>Casebook run ${escapeHtml(s.runId)}</h1>`);
  parts.push(
    `<p class="meta">${s.status === 'cancelled' ? '<strong>Cancelled before the end.</strong> ' : ''}Window ${escapeHtml(s.window.label)} (${escapeHtml(windowRange(s.window))}) · started ${escapeHtml(isoMinute(s.startedAt))} · ${escapeHtml(duration(s.finishedAt - s.startedAt))}</p>`,
  );
  parts.push(
    `<div class="cards"><div><b>${s.population.traces}</b>traces in window</div><div><b>${s.sample.conversations}</b>conversations graded</div><div><b>${s.verdicts.fail}</b>failures</div><div><b>${s.verdicts.ungraded}</b>ungraded</div><div><b>${j.calls}</b>judge calls (${j.cacheHits} cached)</div></div>`,
  );
  parts.push(`<h2>Verdicts, projected to the window</h2>${bars(verdictRows)}`);
  parts.push(promotionHtml(s));
  parts.push(`<h2>Failures by rule</h2>${ruleRows.length ? bars(ruleRows) : '<p>No rule fired.</p>'}`);
  parts.push(
    `<h2>Failures by rubric axis</h2>${axisRows.length ? bars(axisRows) : `<p>The judge did not grade this run (${escapeHtml(j.status)}${j.message ? `: ${escapeHtml(j.message)}` : ''}).</p>`}`,
  );
  parts.push(
    `<h2>Judge</h2>${table(
      ['status', 'model', 'calls', 'cache hits', 'tokens in / out', 'time', 'ungraded'],
      [
        [
          j.status + (j.message ? ` (${j.message})` : ''),
          j.model ? `${j.model}${j.digest ? ` @ ${j.digest.slice(0, 12)}` : ''}` : '-',
          String(j.calls),
          String(j.cacheHits),
          `${j.promptTokens} / ${j.completionTokens}`,
          duration(j.durationMs),
          Object.entries(j.ungraded).map(([k, n]) => `${n} ${k}`).join(', ') || '0',
        ],
      ],
    )}`,
  );
  if (s.redaction) parts.push(`<h2>Redaction</h2>${redactionSentences(s.redaction).map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`);
  parts.push(`<h2>Intents</h2>${table(['intent', 'in the window', 'sampled'], s.intents.map((i) => [i.intent, String(i.window), String(i.sample)]))}`);
  if (s.failures.length > 0) {
    parts.push(
      `<h2>Failed conversations (first 20)</h2>${table(
        ['conversation', 'intent', 'verdict', 'reasons'],
        s.failures.slice(0, 20).map((f) => [f.conversationKey, f.intent, f.verdict, f.reasons.join('; ')]),
      )}`,
    );
  }
  const css =
    'body{font:14px/1.45 system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#1d2330}' +
    'h1{font-size:22px}h2{font-size:16px;margin-top:28px}.meta{color:#5b6477}' +
    '.cards{display:flex;gap:12px;flex-wrap:wrap}.cards div{border:1px solid #dde2ec;border-radius:8px;padding:10px 14px;min-width:120px;color:#5b6477}' +
    '.cards b{display:block;font-size:22px;color:#1d2330}table{border-collapse:collapse;width:100%}' +
    'th,td{border-bottom:1px solid #e6e9f0;padding:5px 8px;text-align:left;vertical-align:top}svg text{font-size:12px}svg .l{fill:#1d2330}svg .v{fill:#5b6477}' +
    '.regression{color:#c62828}';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>Casebook run ${escapeHtml(s.runId)}</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
