import { describe, expect, it } from 'vitest';
import { worthChasing } from '../../../core/redact/chase.js';

describe('worthChasing: which values masked under a sensitive key are chased through their record', () => {
  it('chases the PII itself', () => {
    expect(worthChasing('PERSON', 'Zqxette', 'first_name')).toBe(true);
    expect(worthChasing('PERSON', 'Will Smith', 'full_name')).toBe(true);
    expect(worthChasing('PHONE', '+1 212 555 0142', 'phone')).toBe(true);
    expect(worthChasing('USER', 'mia_li_3668', 'user_id')).toBe(true);
    expect(worthChasing('SECRET', 'hunter2', 'password')).toBe(true);
    // A password that is a word is still a secret ("my password is sunshine" escapes the recognizers).
    expect(worthChasing('SECRET', 'sunshine', 'password')).toBe(true);
    // A user message's name is a person's by what it is (no key).
    expect(worthChasing('PERSON', 'zqx', undefined)).toBe(true);
  });
  it('not fillers that say there is no value, nor placeholders or punctuation', () => {
    for (const [type, v, key] of [
      ['PHONE', 'unknown', 'phone'],
      ['ADDRESS', 'same', 'billing_address'],
      ['ADDRESS', 'N/A', 'address'],
      ['EMAIL', 'none', 'email'],
      ['SECRET', 'default', 'password'],
      ['ADDRESS', 'same as shipping', 'address'],
      ['PERSON', 'unknown', 'first_name'],
      ['SSN', '***', 'ssn'],
      ['EMAIL', '<EMAIL_1>', 'email'],
      ['PERSON', 'Al', 'first_name'],
    ] as const)
      expect({ v, chased: worthChasing(type, v, key) }).toEqual({ v, chased: false });
  });
  it('a bare "name" only when it reads as a person\'s name', () => {
    expect(worthChasing('PERSON', 'Mia Li', 'name')).toBe(true);
    expect(worthChasing('PERSON', 'Zqxette Vrumple', 'Name')).toBe(true);
    // A script without case gives no sign either way: chased, as before.
    expect(worthChasing('PERSON', '王小明', 'name')).toBe(true);
    // Typed in lower case: a name when a known one is among its words.
    expect(worthChasing('PERSON', 'jane doe', 'name')).toBe(true);
    expect(worthChasing('PERSON', 'retry step', 'name')).toBe(false);
    for (const v of ['exception', 'Wireless Headphones', 'Retrieval', 'New York', 'book_reservation', 'getWeather', 'gen_ai.content.prompt'])
      expect({ v, chased: worthChasing('PERSON', v, 'name') }).toEqual({ v, chased: false });
  });
});
