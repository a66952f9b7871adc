import { describe, expect, it } from 'vitest';
import { createKeyedHash, createRedactor, storedIds } from '../../../core/redact/index.js';

const redactor = createRedactor();
const ids = storedIds((t) => redactor.detect(t), createKeyedHash(Buffer.alloc(32, 1)));

describe('ids as stored', () => {
  it('keeps ids that hold no PII, UUIDs and OTLP hex ids among them', () => {
    for (const id of ['3f2b8c1e-9a4d-4e7b-b1c2-7d9e0f1a2b3c', '4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', 'call_abc123', 'run-0042', 'conv-9'])
      expect(ids('span', id)).toEqual({ id, hidden: undefined });
  });

  it('hashes ids with PII, by type, including hex-looking ones', () => {
    expect(ids('conversation', '+14155550123').id).toMatch(/^PHONE-[0-9a-f]{20}$/);
    // Hex letters and digits only, but a long run of digits: not taken for an opaque id.
    expect(ids('trace', 'DE89370400440532013000').id).toMatch(/^IBAN-[0-9a-f]{20}$/);
    expect(ids('trace', 'jane.roe@example.org').hidden).toBe('EMAIL');
    // Read for the numbers alone in it too: to the recognizers a number before ":patch" is no phone number,
    // and one right after a hex id ending in digits ("…f545 4929…") is the end of a longer digit string.
    expect(ids('span', 'dc34609e-3eeb-459d-bc2a-6fedb01d2e6e +1 212 555 0142:patch').hidden).toBe('PHONE');
    expect(ids('trace', '1b72c51fabed12ae7df83bfd4a09f545 4929 0000 0000 0075').hidden).toBe('CREDIT_CARD');
    expect(ids('trace', 'call_abc123 212-555-0142').hidden).toBe('PHONE');
    // One value, one stored id per kind; the kinds apart.
    expect(ids('call', 'jane.roe@example.org').id).toBe(ids('call', 'jane.roe@example.org').id);
    expect(ids('call', 'jane.roe@example.org').id).not.toBe(ids('trace', 'jane.roe@example.org').id);
  });

  it('handles hostile megabyte-long ids in well under a second', () => {
    const id = `${'x'.repeat(1_000_000)} jane.roe@example.org`;
    const t0 = performance.now();
    const a = ids('conversation', id);
    const b = ids('conversation', id);
    expect(a.id).toMatch(/^EMAIL-[0-9a-f]{20}$/);
    expect(b).toEqual(a);
    // Nothing found in it, so it is read again for its numbers: a million digits (30,000 took 1.7 s before).
    const digits = `${'1'.repeat(1_000_000)}:x`;
    expect(ids('trace', digits)).toEqual({ id: digits, hidden: undefined });
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
