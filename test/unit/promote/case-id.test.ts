import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../core/failures/hash.js';
import { caseId, normalizeRequest } from '../../../core/promote/case-id.js';

describe('normalizeRequest', () => {
  it('reduces placeholders to their type, numbers to #, folds case and collapses whitespace', () => {
    expect(normalizeRequest('  Refund  order #4521 for <EMAIL_3>,\n please!! ')).toBe('refund order ## for <email>, please');
    expect(normalizeRequest('REFUND order #98 for <EMAIL_1>, please')).toBe('refund order ## for <email>, please');
    // Punctuation runs inside the text stay; the regex that trimmed the end once retried from each of them (5.8 s).
    const dots = `hi${'. '.repeat(25_000)}x`;
    const t = performance.now();
    expect(normalizeRequest(`${dots} ?!`)).toBe(dots);
    expect(performance.now() - t).toBeLessThan(500);
    expect(normalizeRequest('Der Preis ist 12,50 €')).toBe('der preis ist # €');
  });
});

describe('caseId', () => {
  it('is the same for the same failure on the same input shape, whatever the order number or pseudonym', () => {
    const a = caseId('ignored_tool_error', 'refund', ['get_order', 'create_refund'], normalizeRequest('Refund order #4521 for <EMAIL_3>'));
    const b = caseId('ignored_tool_error', 'refund', ['get_order', 'create_refund'], normalizeRequest('refund ORDER #77 for <EMAIL_1>'));
    expect(a).toBe(b);
    expect(a).toMatch(/^c_[0-9a-f]{12}$/);
    // Pinned: changing the hashed shape would orphan every case already in users' repositories.
    expect(a).toBe(`c_${createHash('sha256').update(JSON.stringify(['ignored_tool_error', 'refund', 'get_order>create_refund', 'refund order ## for <email>'])).digest('hex').slice(0, 12)}`);
  });

  it('differs when the tool sequence, the failure mode, the intent or the request differ', () => {
    const base = caseId('ignored_tool_error', 'refund', ['get_order', 'create_refund'], 'refund order #');
    expect(caseId('ignored_tool_error', 'refund', ['create_refund'], 'refund order #')).not.toBe(base);
    expect(caseId('ignored_tool_error', 'refund', ['create_refund', 'get_order'], 'refund order #')).not.toBe(base);
    expect(caseId('wrong_tool', 'refund', ['get_order', 'create_refund'], 'refund order #')).not.toBe(base);
    expect(caseId('ignored_tool_error', 'order_status', ['get_order', 'create_refund'], 'refund order #')).not.toBe(base);
    expect(caseId('ignored_tool_error', 'refund', ['get_order', 'create_refund'], 'cancel my subscription')).not.toBe(base);
  });
});

describe('sha256Hex (pure)', () => {
  it('matches node:crypto on empty, ASCII, multi-block and non-ASCII input', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'x'.repeat(1000), 'Grüße, 東京 🚀']) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
});
