import { describe, expect, it } from 'vitest';
import { conversationContentHash, JudgePin, makePin, pinDifferences, pinKey, promptSha } from '../../../core/judge/pin.js';
import { defaultRubric, RubricConfig } from '../../../core/judge/rubric.js';
import { FAKE_DIGESTS } from '../../helpers/ollama-test-server.js';
import { orderConversation } from './support.js';

const options = { temperature: 0 as const, seed: 42, top_k: 1 as const, num_ctx: 16384, num_predict: 1024 };
const pin = makePin({ model: 'llama3.2:latest', digest: FAKE_DIGESTS.judge, serverVersion: '0.12.6', rubric: defaultRubric, options });

describe('judge pin', () => {
  it('records model, digest, prompt SHA, rubric version, greedy options, think false and server version', () => {
    expect(pin).toEqual({
      model: 'llama3.2:latest',
      digest: FAKE_DIGESTS.judge,
      promptSha: promptSha(defaultRubric),
      rubricVersion: '1',
      options: { temperature: 0, seed: 42, top_k: 1, num_ctx: 16384, num_predict: 1024 },
      think: false,
      serverVersion: '0.12.6',
    });
    expect(pin.promptSha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a non-greedy or thinking pin and a digest that is not a SHA-256', () => {
    expect(JudgePin.safeParse({ ...pin, options: { ...options, temperature: 0.7 } }).success).toBe(false);
    expect(JudgePin.safeParse({ ...pin, options: { ...options, top_k: 40 } }).success).toBe(false);
    expect(JudgePin.safeParse({ ...pin, think: true }).success).toBe(false);
    expect(JudgePin.safeParse({ ...pin, digest: `sha256:${FAKE_DIGESTS.judge}` }).success).toBe(false);
  });

  it('the pin key ignores key order and changes with every pinned fact', () => {
    const reordered = JudgePin.parse(Object.fromEntries(Object.entries(pin).reverse()));
    expect(pinKey(reordered)).toBe(pinKey(pin));
    const variants: JudgePin[] = [
      { ...pin, digest: FAKE_DIGESTS.thinker },
      { ...pin, serverVersion: '0.13.0' },
      { ...pin, rubricVersion: '2' },
      { ...pin, options: { ...pin.options, seed: 7 } },
      { ...pin, options: { ...pin.options, num_ctx: 32768 } },
      { ...pin, promptSha: promptSha(RubricConfig.parse({ ...defaultRubric, guidance: 'Airline agent.' })) },
    ];
    const keys = new Set([pinKey(pin), ...variants.map(pinKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('lists differences in plain words', () => {
    expect(pinDifferences(pin, { ...pin, serverVersion: '0.13.0', options: { ...pin.options, seed: 7 } })).toEqual([
      'options {"num_ctx":16384,"num_predict":1024,"seed":42,"temperature":0,"top_k":1} → {"num_ctx":16384,"num_predict":1024,"seed":7,"temperature":0,"top_k":1}',
      'Ollama 0.12.6 → 0.13.0',
    ]);
    expect(pinDifferences(pin, pin)).toEqual([]);
  });

  it('a conversation content hash follows its traces, not the order they are listed in', () => {
    const a = orderConversation('a');
    const b = orderConversation('b');
    const both = { traces: [...a.traces, ...b.traces] };
    const swapped = { traces: [...b.traces, ...a.traces] };
    expect(conversationContentHash(both)).toBe(conversationContentHash(swapped));
    expect(conversationContentHash(a)).not.toBe(conversationContentHash(orderConversation('a', 'A different answer.')));
  });
});
