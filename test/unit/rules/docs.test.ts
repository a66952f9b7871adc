import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RulesConfig, runRules } from '../../../core/rules/index.js';
import { classifyIntent, SamplingConfig } from '../../../core/sample/index.js';
import { repoDir } from '../../helpers/fixtures.js';
import { answer, call, conversation, user } from './crafted.js';

describe('docs/rules.md example', () => {
  const md = readFileSync(join(repoDir, 'docs', 'rules.md'), 'utf8');
  const yamlText = /```yaml\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
  const doc = parse(yamlText) as { sampling: unknown; rules: unknown };

  it('parses with the sampling and rules schemas', () => {
    const sampling = SamplingConfig.parse(doc.sampling);
    expect(sampling).toMatchObject({ size: 300, minPerStratum: 10, seed: 20261126, window: { trailing: '7d' } });
    expect(classifyIntent({ key: 'k', traceIds: ['t'], startTime: null, firstUserText: 'Where is my package?', toolNames: [] }, sampling)).toBe('order_status');
    const rules = RulesConfig.parse({ rules: doc.rules });
    expect(rules.rules.map((r) => r.id)).toContain('refund-answer-format');
  });

  it('its refund format rule fails a refund answer that guarantees', () => {
    const rules = RulesConfig.parse({ rules: doc.rules });
    const c = conversation([user('I want a refund for order 7'), call('get_order', { id: 7 }, { id: 7 }), call('create_refund', { id: 7 }, { ok: true }), answer('Your refund is guaranteed by Friday.')], 'refund');
    const v = runRules(c, rules).find((x) => x.ruleId === 'refund-answer-format');
    expect(v?.message).toBe('message 5 contains forbidden "guaranteed"');
  });
});
