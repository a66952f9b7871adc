import { describe, expect, it } from 'vitest';
import { Store } from '../../../core/store/index.js';
import { createRedactionTransform } from '../../../core/pipeline/redaction-transform.js';
import { TraceDraft } from '../../../core/model/trace.js';

const key = Buffer.alloc(32, 3);

function draft(messages: unknown[], conversationId = 'c-1'): TraceDraft {
  return TraceDraft.parse({ source: { format: 'openai-chat', file: 'f', sourceTraceId: `t-${Math.random()}` }, conversationId, messages });
}

describe('redaction transform', () => {
  it('masks a value seen under a sensitive key wherever else it appears, with the same placeholder', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const out = t.draft(
      draft([
        { role: 'user', text: 'Sure, my user ID is zqx_vrumple_7015.' },
        {
          role: 'assistant',
          text: '',
          toolCalls: [{ name: 'get_user', arguments: { user_id: 'zqx_vrumple_7015' }, result: { first_name: 'Zqxette', last_name: 'Vrumple' }, status: 'ok' }],
        },
        { role: 'assistant', text: 'One passenger: Zqxette Vrumple.' },
      ]),
    );
    const call = out.messages[1]?.toolCalls[0];
    const result = call?.result as { first_name: string; last_name: string };
    expect(result.first_name).toMatch(/^<PERSON_\d+>$/);
    expect(out.messages[2]?.text).toBe(`One passenger: ${result.first_name} ${result.last_name}.`);
    expect(out.messages[0]?.text).toBe(`Sure, my user ID is ${(call?.arguments as { user_id: string }).user_id}.`);
    expect(JSON.stringify(out)).not.toMatch(/Zqxette|Vrumple|zqx_vrumple/);
    store.close();
  });

  it('chases values from sensitive keys in text that is not JSON: a tool output cut short, YAML', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const out = t.draft(
      draft([
        { role: 'tool', text: '{"customer":{"first_name":"Zqxette","last_name":"Vrumple","tier":"gold"},"orders":[{"id":"ORD-1","no', toolCallId: 'c1' },
        { role: 'tool', text: 'username: qlorbin\nplan: pro', toolCallId: 'c2' },
        { role: 'assistant', text: "Zqxette's order is on its way; I told qlorbin too." },
      ]),
    );
    const cut = out.messages[0]?.text ?? '';
    const first = /"first_name":"(<PERSON_\d+>)"/.exec(cut)?.[1];
    expect(first).toBeDefined();
    expect(out.messages[2]?.text).toBe(`${first}'s order is on its way; I told ${/username: (<USER_\d+>)/.exec(out.messages[1]?.text ?? '')?.[1]} too.`);
    expect(JSON.stringify(out)).not.toMatch(/Zqxette|Vrumple|qlorbin/);
    store.close();
  });

  it('chases values from sensitive keys inside JSON text too (a tool message), but not a feedback score name', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const d = TraceDraft.parse({
      source: { format: 'openai-chat', file: 'f', sourceTraceId: 't-json' },
      conversationId: 'c-json',
      messages: [
        { role: 'tool', text: '{"passenger":{"first_name":"Qorvalde","dob":"1990-01-02"}}', toolCallId: 'x' },
        { role: 'assistant', text: 'Booked for Qorvalde; your helpfulness rating is noted.' },
      ],
      outcome: { feedback: [{ name: 'helpfulness', score: 1 }] },
    });
    const out = t.draft(d);
    const first = (JSON.parse(out.messages[0]?.text ?? '{}') as { passenger: { first_name: string } }).passenger.first_name;
    expect(first).toMatch(/^<PERSON_\d+>$/);
    expect(out.messages[1]?.text).toBe(`Booked for ${first}; your helpfulness rating is noted.`);
    store.close();
  });

  it("keeps tool names: a Python call's {name, kwargs} or Bedrock's {toolUseId, name} is no person, and a code name is masked in place but not chased", () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const d = TraceDraft.parse({
      source: { format: 'tau-bench', file: 'f', sourceTraceId: 't-tools' },
      conversationId: 'c-tools',
      messages: [
        { role: 'user', text: 'Book it for Zqxette, then cancel the old one.' },
        {
          role: 'assistant',
          text: '',
          toolCalls: [
            { id: 'c1', name: 'book_reservation', arguments: { passengers: [{ first_name: 'Zqxette' }] }, result: 'Error: payment amount does not add up', status: 'error' },
            { id: 'c2', name: 'cancel_reservation', arguments: { reservation_id: 'HATHAT' }, status: 'ok' },
            { id: 'c3', name: 'getWeather', arguments: { city: 'Oslo' }, status: 'ok' },
          ],
        },
        { role: 'tool', name: 'book_reservation', toolCallId: 'c1', text: 'Error: payment amount does not add up' },
        { role: 'tool', name: 'cancel_reservation', toolCallId: 'c2', text: 'cancelled' },
      ],
      // tau-bench's expected actions; the second and third objects have no sibling that says "tool".
      metadata: {
        actions: [{ name: 'book_reservation', kwargs: { passengers: [{ first_name: 'Zqxette' }] } }, { name: 'cancel_reservation', note: 'x' }, { name: 'getWeather' }],
        // Bedrock's Converse API.
        bedrock: { toolUse: { toolUseId: 'tooluse_1', name: 'lookupOrder', input: { id: 7 } } },
      },
    });
    const out = t.draft(d);
    const calls = out.messages[1]?.toolCalls ?? [];
    expect(calls.map((c) => c.name)).toEqual(['book_reservation', 'cancel_reservation', 'getWeather']);
    expect(out.messages.slice(2).map((m) => m.name)).toEqual(['book_reservation', 'cancel_reservation']);
    const meta = out.metadata as { actions: Array<{ name: string; kwargs?: { passengers: Array<{ first_name: string }> } }>; bedrock: { toolUse: { name: string } } };
    const actions = meta.actions;
    expect(actions[0]?.name).toBe('book_reservation');
    expect(meta.bedrock.toolUse.name).toBe('lookupOrder');
    // Masked where they stand (a bare "name" key), as before.
    expect(actions[1]?.name).toMatch(/^<PERSON_\d+>$/);
    expect(actions[2]?.name).toMatch(/^<PERSON_\d+>$/);
    // The passenger is still a person everywhere.
    const passenger = actions[0]?.kwargs?.passengers[0]?.first_name;
    expect(passenger).toMatch(/^<PERSON_\d+>$/);
    expect(out.messages[0]?.text).toBe(`Book it for ${passenger}, then cancel the old one.`);
    store.close();
  });

  it('a bare "name" of ordinary words is a thing\'s, and is chased only when it reads as a person\'s: not a span event, a product or a stage', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const d = TraceDraft.parse({
      source: { format: 'otlp', file: 'f', sourceTraceId: 't-names' },
      messages: [
        { role: 'user', text: 'The Wireless Headphones threw an exception at the Retrieval stage. Ask Zqxette Vrumple or Mia.' },
        { role: 'assistant', text: '', toolCalls: [{ id: 'c1', name: 'search', arguments: {}, result: [{ name: 'Wireless Headphones', price: 99 }, { name: 'Mia', role: 'buyer' }], status: 'ok' }] },
      ],
      spans: [{ spanId: 's1', name: 'chat', kind: 'llm', status: 'ok', attributes: { events: [{ name: 'exception', attributes: { 'exception.type': 'ValueError' } }] } }],
      metadata: { stages: [{ name: 'Retrieval', ms: 5 }], owner: { name: 'Zqxette Vrumple', id: 9 } },
    });
    const out = t.draft(d);
    const text = out.messages[0]?.text ?? '';
    // Words of the language and no known name are a thing's name: read as text, and kept.
    expect(out.spans[0]?.attributes).toEqual({ events: [{ name: 'exception', attributes: { 'exception.type': 'ValueError' } }] });
    const result = out.messages[1]?.toolCalls[0]?.result as Array<{ name: string }>;
    expect(result[0]?.name).toBe('Wireless Headphones');
    expect(result[1]?.name).toMatch(/^<PERSON_\d+>$/);
    const meta = out.metadata as { stages: Array<{ name: string }>; owner: { name: string } };
    expect(meta.stages[0]?.name).toBe('Retrieval');
    expect(meta.owner.name).toMatch(/^<PERSON_\d+>$/);
    // Only the names of people are chased into the text.
    expect(text).toMatch(/^The Wireless Headphones threw an exception at the Retrieval stage\. Ask <PERSON_\d+> or <PERSON_\d+>\.$/);
    store.close();
  });

  it('does not chase fillers under sensitive keys ({"phone": "unknown"}) through the text', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const out = t.draft(
      TraceDraft.parse({
        source: { format: 'otlp', file: 'f', sourceTraceId: 't-fillers' },
        messages: [{ role: 'user', text: 'Status unknown; same as before, N/A for now, none given. Use the default.' }],
        metadata: { customer: { phone: 'unknown', billing_address: 'same', email: 'none', address: 'N/A', password: 'default' } },
      }),
    );
    expect(out.messages[0]?.text).toBe('Status unknown; same as before, N/A for now, none given. Use the default.');
    // Still masked where they stand: the key says what they are.
    expect(out.metadata).toEqual({ customer: { phone: '<PHONE_1>', billing_address: '<ADDRESS_1>', email: '<EMAIL_1>', address: '<ADDRESS_2>', password: '<SECRET_1>' } });
    store.close();
  });

  it('keeps placeholders stable across transforms of the same database (state saved before commit)', () => {
    const store = Store.open(':memory:');
    const a = createRedactionTransform(store, { secretKey: key });
    const first = a.draft(draft([{ role: 'user', text: 'Write to jane.roe@example.org please' }]));
    a.beforeCommit?.();
    const b = createRedactionTransform(store, { secretKey: key });
    const second = b.draft(draft([{ role: 'user', text: 'Also cc tom@example.net and jane.roe@example.org' }]));
    expect(first.messages[0]?.text).toBe('Write to <EMAIL_1> please');
    expect(second.messages[0]?.text).toBe('Also cc <EMAIL_2> and <EMAIL_1>');
    store.close();
  });

  it('keeps ids without PII; a conversation id with PII becomes its type and a keyed hash, the same for every turn', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const d = draft([{ role: 'user', text: 'hi' }], 'jane.roe@example.org');
    const out = t.draft(d);
    // Not a placeholder (every conversation would be <EMAIL_1>), and not the address.
    expect(out.conversationId).toMatch(/^EMAIL-[0-9a-f]{20}$/);
    expect(t.draft(draft([{ role: 'user', text: 'again' }], 'jane.roe@example.org')).conversationId).toBe(out.conversationId);
    expect(t.draft(draft([{ role: 'user', text: 'hi' }], 'conv-9')).conversationId).toBe('conv-9');
    expect(out.source).toEqual(d.source);
    // Another key (another installation) gives another id: the hash is keyed, not a plain digest.
    const other = createRedactionTransform(store, { secretKey: new Uint8Array(32).fill(7) });
    expect(other.draft(d).conversationId).not.toBe(out.conversationId);
    expect(t.report.toJSON().byField['trace.conversationId']).toBe(2);
    store.close();
  });

  it('stores a source trace id with PII as its type and a keyed hash, so a re-import still finds the trace', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const withId = (sourceTraceId: string, text: string): TraceDraft =>
      TraceDraft.parse({ source: { format: 'generic', file: 'f', sourceTraceId }, messages: [{ role: 'user', text }] });
    const a = t.draft(withId('jane.roe@example.org/2024-06-01', 'write to tom@example.net'));
    expect(a.source.sourceTraceId).toMatch(/^EMAIL-[0-9a-f]{20}$/);
    // The identity a re-import matches on is computed from the stored id: the same again, even from a new transform.
    const again = createRedactionTransform(store, { secretKey: key }).draft(withId('jane.roe@example.org/2024-06-01', 'changed'));
    expect(again.source.sourceTraceId).toBe(a.source.sourceTraceId);
    // Kinds are hashed apart: the same value as a conversation id is another id.
    expect(t.draft(draft([{ role: 'user', text: 'x' }], 'jane.roe@example.org/2024-06-01')).conversationId).not.toBe(a.source.sourceTraceId);
    // A trace without a conversation is its own scope, named by the stored id: the raw one is saved nowhere.
    t.beforeCommit();
    const scopes = store.db.prepare('SELECT scope FROM pseudonym_scopes').pluck().all() as string[];
    expect(scopes).toContain(`trace:generic:${a.source.sourceTraceId}`);
    expect(scopes.join(' ')).not.toContain('jane.roe');
    expect(t.draft(withId('run-0042', 'hi')).source.sourceTraceId).toBe('run-0042');
    expect(t.report.toJSON().byField['trace.sourceTraceId']).toBe(1);
    store.close();
  });
  it('stores tool call and span ids with PII hashed, one way, so calls still meet their results; names are redacted too', () => {
    const store = Store.open(':memory:');
    const t = createRedactionTransform(store, { secretKey: key });
    const callId = 'call_tom@example.net';
    const uuid = '3f2b8c1e-9a4d-4e7b-b1c2-7d9e0f1a2b3c';
    const out = t.draft(
      TraceDraft.parse({
        source: { format: 'openai-chat', file: 'f', sourceTraceId: 'run-1' },
        agent: { name: 'Helpdesk', model: 'gpt-4o-mini' },
        messages: [
          { role: 'assistant', name: 'Maria Gonzalez', text: '', toolCalls: [{ id: callId, name: 'notify:tom@example.net', arguments: {}, status: 'ok' }], spanId: uuid },
          { role: 'tool', text: 'sent', toolCallId: callId },
        ],
        spans: [{ spanId: uuid, name: 'chat', kind: 'llm', status: 'ok' }, { spanId: 'tel:+14155550123', parentSpanId: uuid, name: 'tool', kind: 'tool', status: 'ok' }],
      }),
    );
    const [asked, answered] = out.messages;
    expect(asked?.toolCalls[0]?.id).toMatch(/^EMAIL-[0-9a-f]{20}$/);
    expect(answered?.toolCallId).toBe(asked?.toolCalls[0]?.id);
    // A UUID cannot hold PII: kept, and the span tree with it.
    expect(asked?.spanId).toBe(uuid);
    expect(out.spans.map((sp) => [sp.spanId.replace(/[0-9a-f]{20}$/, '#'), sp.parentSpanId])).toEqual([[uuid, undefined], ['PHONE-#', uuid]]);
    // A human agent's name on an assistant message, a tool named after an address; code names stay.
    expect(asked?.name).toBe('<PERSON_1>');
    expect(asked?.toolCalls[0]?.name).toBe('notify:<EMAIL_1>');
    expect(out.agent).toEqual({ name: 'Helpdesk', model: 'gpt-4o-mini' });
    const byField = t.report.toJSON().byField;
    expect([byField['trace.ids'], byField['toolCall.name'], byField['message.name']]).toEqual([3, 1, 1]);
    store.close();
  });
});
