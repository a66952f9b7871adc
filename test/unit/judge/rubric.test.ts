import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultRubric, RubricConfig } from '../../../core/judge/rubric.js';

const YAML_RUBRIC = `
version: "2026-11"
axes:
  helpfulness: { description: Did it help?, threshold: 3 }
  faithfulness:
    description: Only facts from tools.
    threshold: 5
    scale:
      1: invents facts
      5: every fact backed by a tool result
  completeness: { description: All parts answered., threshold: 2 }
  tone: { description: Polite., threshold: 3 }
failureModes:
  - id: refund_without_lookup
    description: issued a refund before looking up the order
guidance: Refunds above 500 USD need a human.
`;

describe('rubric', () => {
  it('the default rubric scores four axes 1-5; faithfulness passes only at 4 or above', () => {
    expect(Object.keys(defaultRubric.axes)).toEqual(['helpfulness', 'faithfulness', 'completeness', 'tone']);
    expect(defaultRubric.axes.faithfulness.threshold).toBe(4);
    expect(defaultRubric.axes.helpfulness.threshold).toBe(3);
    expect(defaultRubric.failureModes.map((m) => m.id)).toContain('tool_error_ignored');
  });

  it('reads a rubric written in YAML, with numbered scale anchors', () => {
    const r = RubricConfig.parse(parseYaml(YAML_RUBRIC));
    expect(r.version).toBe('2026-11');
    expect(r.axes.faithfulness.threshold).toBe(5);
    expect(r.axes.faithfulness.scale['1']).toBe('invents facts');
    expect(r.axes.helpfulness.scale).toEqual({});
    expect(r.failureModes).toEqual([{ id: 'refund_without_lookup', description: 'issued a refund before looking up the order' }]);
    expect(r.guidance).toBe('Refunds above 500 USD need a human.');
  });

  it('refuses a misspelt key, a threshold outside 1-5, a missing axis, duplicate or reserved failure-mode ids', () => {
    const base = parseYaml(YAML_RUBRIC) as { axes: Record<string, Record<string, unknown>>; failureModes: unknown[] };
    const typo = structuredClone(base);
    (typo.axes.tone as Record<string, unknown>).treshold = 3;
    expect(RubricConfig.safeParse(typo).success).toBe(false);
    const high = structuredClone(base);
    (high.axes.tone as Record<string, unknown>).threshold = 6;
    expect(RubricConfig.safeParse(high).success).toBe(false);
    const missing = structuredClone(base);
    delete missing.axes.tone;
    expect(RubricConfig.safeParse(missing).success).toBe(false);
    const dup = structuredClone(base);
    dup.failureModes.push({ id: 'refund_without_lookup', description: 'again' });
    expect(RubricConfig.safeParse(dup).success).toBe(false);
    const none = structuredClone(base);
    none.failureModes = [{ id: 'none', description: 'x' }];
    expect(RubricConfig.safeParse(none).success).toBe(false);
  });
});
