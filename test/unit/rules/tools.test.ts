import { describe, expect, it } from 'vitest';
import type { Json } from '../../../core/model/trace.js';
import { RulesConfig, runRules, type RuleSpecInput } from '../../../core/rules/index.js';
import { answer, call, conversation, sys, user } from './crafted.js';

const rules = (...specs: RuleSpecInput[]): RulesConfig => RulesConfig.parse({ rules: specs });

describe('tool_policy', () => {
  const config = rules({
    id: 'tool-for-intent',
    type: 'tool_policy',
    severity: 'high',
    failureMode: 'wrong_tool',
    params: {
      intents: {
        refund: { required: ['get_order', 'create_refund'] },
        order_status: { required: ['get_order'], allowed: ['get_customer'], forbidden: ['create_refund'] },
        '*': { forbidden: ['delete_account'] },
      },
    },
  });

  it('passes when the intent got its required tools and nothing else', () => {
    const c = conversation([user('Refund order 12 please'), call('get_order', { id: 12 }, { id: 12 }), call('create_refund', { id: 12 }, { ok: true }), answer('Done, refunded.')], 'refund');
    expect(runRules(c, config)).toEqual([{ ruleId: 'tool-for-intent', outcome: 'pass', severity: 'high', failureMode: 'wrong_tool', message: 'tools fit intent refund', evidence: [] }]);
  });

  it('fails on a forbidden tool (pointing at the call) and on a missing required tool', () => {
    const c = conversation([user('Where is order 12?'), call('create_refund', { id: 12 }, { ok: true }, 'ok', { id: 'call_r' }), answer('I refunded it.')], 'order_status');
    const [v] = runRules(c, config);
    expect(v?.outcome).toBe('fail');
    expect(v?.message).toBe('called forbidden tool create_refund; never called get_order (required for intent order_status)');
    expect(v?.evidence[0]).toEqual({ messageIndex: 1, traceId: 'trace-1', spanId: 'span-call_r', toolCallId: 'call_r', quote: 'create_refund({"id":12})' });
    expect(v?.evidence[1]).toMatchObject({ messageIndex: 3, quote: 'I refunded it.' });
  });

  it('fails on a tool outside the allowed list; the `*` policy applies to intents without their own', () => {
    const c = conversation([user('status?'), call('get_order', {}, { id: 1 }), call('search_web', {}, []), answer('Shipped.')], 'order_status');
    expect(runRules(c, config)[0]?.message).toBe('called search_web, not allowed for intent order_status');
    const other = conversation([user('close my account'), call('delete_account', {}, { ok: true }), answer('Closed.')], 'account');
    expect(runRules(other, config)[0]?.message).toBe('called forbidden tool delete_account');
  });

  it('gives no verdict for an intent it has no policy for, nor when the rule is limited to other intents', () => {
    const noStar = rules({ id: 'p', type: 'tool_policy', params: { intents: { refund: { required: ['create_refund'] } } } });
    expect(runRules(conversation([user('hi'), answer('hello')], 'greeting'), noStar)).toEqual([]);
    const limited = rules({ id: 'p', type: 'tool_policy', intents: ['billing'], params: { intents: { '*': { required: ['x'] } } } });
    expect(runRules(conversation([user('hi'), answer('hello')], 'refund'), limited)).toEqual([]);
  });
});

describe('tool_error_answered', () => {
  const config = rules({ id: 'tool-error-answered', type: 'tool_error_answered', severity: 'high', failureMode: 'ignored_tool_error' });

  it('fails when a timed-out lookup is followed by a confident answer (the no-tool fallback)', () => {
    const c = conversation([
      sys('You are a support agent.'),
      user('Where is my order NW-1234567?'),
      call('get_order', { order_id: 'NW-1234567' }, { error: 'upstream timeout after 10000 ms', code: 'ETIMEDOUT' }, 'error', { id: 'call_t', error: 'upstream timeout after 10000 ms' }),
      answer('Your order NW-1234567 is on its way and should arrive within 2 business days.'),
    ]);
    const [v] = runRules(c, config);
    expect(v).toMatchObject({ ruleId: 'tool-error-answered', outcome: 'fail', severity: 'high', failureMode: 'ignored_tool_error' });
    expect(v?.message).toBe('get_order failed ("upstream timeout after 10000 ms") and message 4 answered anyway');
    expect(v?.evidence).toEqual([
      { messageIndex: 3, traceId: 'trace-1', spanId: 'span-call_t', toolCallId: 'call_t', quote: 'upstream timeout after 10000 ms' },
      { messageIndex: 4, traceId: 'trace-1', quote: 'Your order NW-1234567 is on its way and should arrive within 2 business days.' },
    ]);
  });

  it('passes when the answer tells the user, relays the error, or a retry succeeded first', () => {
    const failing = () => call('get_order', { id: 1 }, 'Error: not enough seats on flight HAT229', 'error', { error: 'Error: not enough seats on flight HAT229' });
    const told = conversation([user('book it'), ...[failing()], answer("I'm sorry, I couldn't complete that right now.")]);
    const relayed = conversation([user('book it'), failing(), answer('There are not enough seats left on flight HAT229; shall I look at another flight?')]);
    const retried = conversation([user('book it'), failing(), call('get_order', { id: 1 }, { id: 1 }), answer('Booked.')]);
    for (const c of [told, relayed, retried]) expect(runRules(c, config)[0]?.outcome).toBe('pass');
    expect(runRules(retried, config)[0]?.message).toBe('1 failed tool call(s), each retried or acknowledged');
  });

  it('a successful call of another tool is recovery only with recovery: any-tool', () => {
    const c = conversation([user('stars?'), call('web_search', { q: 'x' }, 'denied', 'error', { error: 'This tool is not allowed in this demo.' }), call('web_fetch', { url: 'u' }, 'page'), answer('The repository has 894 stars.')]);
    expect(runRules(c, config)[0]?.outcome).toBe('fail');
    const lenient = rules({ id: 'x', type: 'tool_error_answered', params: { recovery: 'any-tool' } });
    expect(runRules(c, lenient)[0]?.outcome).toBe('pass');
  });

  it('passes with "no failed tool call" when nothing failed', () => {
    expect(runRules(conversation([user('hi'), call('a', {}, 'ok'), answer('hello')]), config)[0]?.message).toBe('no failed tool call');
  });
});

describe('empty_result_denied', () => {
  const config = rules({ id: 'empty-result-denied', type: 'empty_result_denied', severity: 'high', failureMode: 'false_not_found' });

  it('fails when an empty lookup is followed by "does not exist"', () => {
    const c = conversation([
      user('Where is my order NW-7600247?'),
      call('get_order', { order_id: 'NW-7600247' }, { orders: [] }, 'ok', { id: 'call_e' }),
      answer("I'm sorry, but order NW-7600247 does not exist in our system. Please check the number."),
    ]);
    const [v] = runRules(c, config);
    expect(v?.outcome).toBe('fail');
    expect(v?.message).toBe('get_order returned nothing and message 3 says "does not exist"');
    expect(v?.evidence.map((e) => [e.messageIndex, e.toolCallId, e.quote])).toEqual([
      [2, 'call_e', '{"orders":[]}'],
      [3, undefined, "I'm sorry, but order NW-7600247 does not exist in our system. Please check the number."],
    ]);
  });

  it('treats [], {}, "No results found" and {results: [], total: 0} as empty, but not a record', () => {
    const empties: Json[] = [[], {}, 'No results found.', { results: [], total: 0 }];
    for (const empty of empties) {
      const c = conversation([user('find account 9'), call('search', {}, empty), answer('There is no account with that number.')]);
      expect(runRules(c, config)[0]?.outcome, JSON.stringify(empty)).toBe('fail');
    }
    const found = conversation([user('find account 9'), call('search', {}, { id: 9, name: 'Ann' }), answer('That account does not exist anymore.')]);
    expect(runRules(found, config)[0]).toMatchObject({ outcome: 'pass', message: 'no empty tool result' });
  });

  it('reads "none" as empty and 50 KB of whitespace before an "x" as not, in linear time', () => {
    // The default empty-text pattern once let two \\s* trade characters: 3.6 s on this input, quadratic.
    const blank = `${' \n'.repeat(25_000)}x`;
    const c = conversation([user('find order 5'), call('get_order', {}, '  none\n'), call('get_order', {}, blank), answer('That order does not exist.')]);
    const t = performance.now();
    const [v] = runRules(c, config);
    expect(performance.now() - t).toBeLessThan(500);
    expect(v?.message).toBe('get_order returned nothing and message 5 says "does not exist"');
    expect(v?.evidence.map((e) => e.quote)).toEqual(['none', 'That order does not exist.']);
  });

  it('passes when the empty result is reported without denying existence', () => {
    const c = conversation([user('find order 5'), call('get_order', {}, []), answer('The lookup came back empty; could you double-check the order number?')]);
    expect(runRules(c, config)[0]).toMatchObject({ outcome: 'pass', message: '1 empty tool result(s), none denied existence' });
  });
});
