import { describe, expect, it } from 'vitest';
import { readContentParts, toolResultText } from '../../../core/ingest/transcript.js';
import { messagesFromChatJson } from '../../../core/ingest/formats/spans.js';

describe('readContentParts: one reader for every dialect of content parts', () => {
  it('reads text, calls and results of OTel GenAI, Anthropic, OpenAI, Vercel and Gemini parts', () => {
    const r = readContentParts([
      'plain string',
      { type: 'text', content: 'otel text' },
      { type: 'output_text', text: 'openai output text' },
      { type: 'tool_call', id: 'c1', name: 'get_order', arguments: { id: 7 } },
      { type: 'tool_use', id: 'c2', name: 'search', input: { q: 'blender' } },
      { type: 'tool-call', toolCallId: 'c3', toolName: 'refund', args: '{"amount": 5}' },
      { type: 'function_call', call_id: 'c4', function: { name: 'lookup', arguments: '{"x":1}' } },
      { functionCall: { name: 'weather', args: { city: 'Oslo' } } },
      { type: 'tool_call_response', id: 'c1', response: { status: 'shipped' } },
      { type: 'tool_result', tool_use_id: 'c2', content: [{ type: 'text', text: 'found 2' }] },
      { type: 'tool-result', toolCallId: 'c3', toolName: 'refund', output: { type: 'json', value: { ok: true } } },
      { type: 'function_call_output', call_id: 'c4', output: 'done' },
      { functionResponse: { name: 'weather', response: { temp: 3 } } },
      { type: 'reasoning', text: 'thinking out loud' },
      { type: 'image_url', image_url: { url: 'data:...' } },
      { type: 'refusal_note', text: 'an unknown part type that carries text' },
    ]);
    expect(r.text).toEqual(['plain string', 'otel text', 'openai output text', 'an unknown part type that carries text']);
    expect(r.calls.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ['c1', 'get_order', { id: 7 }],
      ['c2', 'search', { q: 'blender' }],
      ['c3', 'refund', { amount: 5 }],
      ['c4', 'lookup', { x: 1 }],
      [undefined, 'weather', { city: 'Oslo' }],
    ]);
    expect(r.results.map((m) => [m.toolCallId, m.name, m.text])).toEqual([
      ['c1', undefined, '{"status":"shipped"}'],
      ['c2', undefined, 'found 2'],
      ['c3', 'refund', '{"ok":true}'],
      ['c4', undefined, 'done'],
      [undefined, 'weather', '{"temp":3}'],
    ]);
  });

  it('turns result values into text the way a reader expects', () => {
    expect(toolResultText('as is')).toBe('as is');
    expect(toolResultText(null)).toBe('');
    expect(toolResultText({ type: 'text', value: 'unwrapped' })).toBe('unwrapped');
    expect(toolResultText([{ text: 'a' }, { text: 'b' }])).toBe('a\nb');
    expect(toolResultText([])).toBe('[]');
    expect(toolResultText({ n: 1 })).toBe('{"n":1}');
  });

  it('gives a chat message of span attributes its results as tool messages, before a user turn and after an assistant one', () => {
    const user = messagesFromChatJson({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }, { type: 'text', text: 'thanks' }] });
    expect(user.map((m) => [m.role, m.text])).toEqual([
      ['tool', 'ok'],
      ['user', 'thanks'],
    ]);
    const assistant = messagesFromChatJson({ role: 'assistant', parts: [{ type: 'text', content: 'calling' }, { type: 'tool_call', id: 't2', name: 'x', arguments: {} }] });
    expect(assistant).toHaveLength(1);
    expect(assistant[0]?.toolCalls?.map((c) => c.name)).toEqual(['x']);
  });
});
