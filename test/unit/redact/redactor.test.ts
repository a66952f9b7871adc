import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceDraft, type Json } from '../../../core/model/trace.js';
import {
  createRedactor,
  parseRedactionConfig,
  Pseudonymizer,
  RedactionConfig,
  RedactionConfigError,
  RedactionReport,
} from '../../../core/redact/index.js';
import { traceFixture } from '../../helpers/fixtures.js';

const hash = (s: string): string => createHmac('sha256', 'test-key').update(s).digest('base64url');
const r = createRedactor();

function draft(): TraceDraft {
  return TraceDraft.parse({
    source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 'abc-1' },
    conversationId: 'conv-9',
    userId: 'customer-4711',
    messages: [
      { role: 'user', text: 'Hi, I am Jane Kowalski, email jane.k@example.com, phone +44 20 7946 0958.' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [
          {
            id: 'call_1',
            name: 'lookup_customer',
            arguments: { email: 'jane.k@example.com', include: ['orders'] },
            result: { customer: { name: 'Jane Kowalski', phone: '+44 20 7946 0958' }, orders: [{ id: 'ORD-1', total: 12.5 }] },
            status: 'ok',
          },
        ],
      },
      { role: 'assistant', text: 'Thanks Jane Kowalski, I found your account (jane.k@example.com).' },
    ],
    spans: [{ spanId: 's1', name: 'lookup_customer', kind: 'tool', status: 'ok', attributes: { 'tool.input': '{"email":"jane.k@example.com"}', 'user.email': 'jane.k@example.com' } }],
    metadata: { contact: 'jane.k@example.com', tags: ['vip'] },
  });
}

describe('redactTrace', () => {
  const p = new Pseudonymizer(hash);
  const report = new RedactionReport();
  const out = redactTraceOnce();
  function redactTraceOnce(): TraceDraft {
    return r.redactTrace(draft(), p, report);
  }

  it('gives the same value the same placeholder across messages, tool calls, span attributes and metadata', () => {
    expect(out.messages[0]?.text).toBe('Hi, I am <PERSON_1>, email <EMAIL_1>, phone <PHONE_1>.');
    const call = out.messages[1]?.toolCalls[0];
    expect(call?.arguments).toEqual({ email: '<EMAIL_1>', include: ['orders'] });
    expect(call?.result).toEqual({ customer: { name: '<PERSON_1>', phone: '<PHONE_1>' }, orders: [{ id: 'ORD-1', total: 12.5 }] });
    expect(out.messages[2]?.text).toBe('Thanks <PERSON_1>, I found your account (<EMAIL_1>).');
    expect(out.spans[0]?.attributes).toEqual({ 'tool.input': '{"email":"<EMAIL_1>"}', 'user.email': '<EMAIL_1>' });
    expect(out.metadata).toEqual({ contact: '<EMAIL_1>', tags: ['vip'] });
  });

  it('keeps ids and tool names, pseudonymises userId', () => {
    expect(out.source.sourceTraceId).toBe('abc-1');
    expect(out.conversationId).toBe('conv-9');
    expect(out.messages[1]?.toolCalls[0]?.id).toBe('call_1');
    expect(out.messages[1]?.toolCalls[0]?.name).toBe('lookup_customer');
    expect(out.userId).toBe('<USER_1>');
  });

  it('leaves no raw value behind and the leak scan finds nothing', () => {
    const json = JSON.stringify(out);
    for (const raw of ['Jane', 'Kowalski', 'jane.k@example.com', '7946', 'customer-4711']) expect(json).not.toContain(raw);
    expect(r.leakScan(out as unknown as Json)).toEqual([]);
  });

  it('reports counts by type and field, never values', () => {
    const rep = report.toJSON();
    expect(rep.byType.EMAIL).toBe(6);
    expect(rep.byField['toolCall.result']).toBe(2);
    expect(JSON.stringify(rep)).not.toContain('jane');
  });

  it('masks values that code put into span names, intent and stakes, and keeps code names', () => {
    const d = TraceDraft.parse({
      ...draft(),
      intent: 'refund for jane.k@example.com',
      stakes: 'high',
      spans: [
        { spanId: 's1', name: 'support:jane.k@example.com', kind: 'chain', status: 'ok' },
        { spanId: 's2', name: 'ChatOpenAI', kind: 'llm', status: 'ok' },
      ],
    });
    const rep = new RedactionReport();
    const o = r.redactTrace(d, new Pseudonymizer(hash), rep);
    expect(o.spans.map((sp) => sp.name)).toEqual(['support:<EMAIL_1>', 'ChatOpenAI']);
    expect([o.intent, o.stakes]).toEqual(['refund for <EMAIL_1>', 'high']);
    expect(rep.toJSON().byField).toMatchObject({ 'span.name': 1, 'trace.label': 1 });
  });
});

describe('Pseudonymizer', () => {
  it('persists state without raw values and resumes with the same placeholders', () => {
    const p1 = new Pseudonymizer(hash);
    expect(r.redactText('mail Bob.Ray@Example.com', p1)).toBe('mail <EMAIL_1>');
    const state = p1.state();
    expect(JSON.stringify(state)).not.toMatch(/bob|example/i);
    const p2 = new Pseudonymizer(hash, JSON.parse(JSON.stringify(state)) as typeof state);
    expect(r.redactText('again: bob.ray@example.com and amy@example.com', p2)).toBe('again: <EMAIL_1> and <EMAIL_2>');
  });

  it('writes a full name whose words already have placeholders with those placeholders, also after a resume', () => {
    const p1 = new Pseudonymizer(hash);
    expect([p1.placeholder('PERSON', 'Zqxette'), p1.placeholder('PERSON', 'Vrumple')]).toEqual(['<PERSON_1>', '<PERSON_2>']);
    expect(r.redactText('One passenger: Zqxette Vrumple. Guest: Zqxette  Quandle.', p1)).toBe('One passenger: <PERSON_1> <PERSON_2>. Guest: <PERSON_3>.');
    // A name seen whole first keeps its own placeholder; a word of it seen later gets one of its own.
    expect(r.redactText('Guest: Zqxette Quandle, then Quandle alone', p1)).toBe('Guest: <PERSON_3>, then <PERSON_4> alone');
    const p2 = new Pseudonymizer(hash, p1.state());
    expect(p2.placeholder('PERSON', 'Zqxette Vrumple')).toBe('<PERSON_1> <PERSON_2>');
    expect(p2.placeholder('EMAIL', 'zqxette vrumple')).toBe('<EMAIL_1>');
  });

  it('gives a number written with look-alike characters the placeholder of its ASCII spelling', () => {
    const p = new Pseudonymizer(hash);
    expect(r.redactText('call 03-1234-5678 or ０３－１２３４－５６７８ or 03\u20111234\u20115678', p)).toBe('call <PHONE_1> or <PHONE_1> or <PHONE_1>');
    // And an address with its "@" escaped is the address.
    expect(r.redactText('jane@example.com, ?u=Jane%40Example.com, jane\u200b@example.com', p)).toBe('<EMAIL_1>, ?u=<EMAIL_1>, <EMAIL_1>');
  });

  it('saves its state as JSON text that any keyed hash output survives', () => {
    // A hash whose output needs escaping in JSON, to show the text is built with real escaping.
    const odd = (s: string): string => `"\\${s.length}\n`;
    const p1 = new Pseudonymizer(odd);
    expect(r.redactText('call +1 415 555 0132 or mail ann@example.org, Ann Smith', p1)).toBe('call <PHONE_1> or mail <EMAIL_1>, <PERSON_1>');
    expect(p1.dirty).toBe(true);
    const text = p1.stateJson();
    expect(p1.dirty).toBe(false);
    const state = JSON.parse(text) as ReturnType<Pseudonymizer['state']>;
    expect(state.version).toBe(1);
    expect(state.counters).toEqual({ PHONE: 1, EMAIL: 1, PERSON: 1 });
    expect(Object.values(state.entries).sort()).toEqual(['<EMAIL_1>', '<PERSON_1>', '<PHONE_1>']);
    expect(Object.keys(state.entries).every((k) => k.startsWith('"\\') && k.endsWith('\n'))).toBe(true);
    expect(p1.state()).toEqual(state);
    const p2 = new Pseudonymizer(odd, state);
    expect(r.redactText('Ann Smith wrote from ann@example.org', p2)).toBe('<PERSON_1> wrote from <EMAIL_1>');
  });
});

describe('redactJson', () => {
  it('masks a name under a role key ("customer", "guest", "assignee"), but not an id, a team or an object there', () => {
    const p = new Pseudonymizer(hash);
    const record = {
      customer: 'Tendai Moyo',
      Guest: 'Zqxette Vrumple',
      assignee: 'jane doe',
      owner: 'Platform Team',
      driver: 'Nvidia',
      member: 'Gold',
      client: 'cus_8812',
      passenger: { id: 5, plan: 'Pro Plan' },
      note: 'Tendai Moyo called twice.',
    };
    expect(r.redactJson(record, p)).toEqual({
      customer: '<PERSON_1>',
      Guest: '<PERSON_2>',
      assignee: '<PERSON_3>',
      owner: 'Platform Team',
      driver: 'Nvidia',
      member: 'Gold',
      client: 'cus_8812',
      passenger: { id: 5, plan: 'Pro Plan' },
      note: '<PERSON_1> called twice.',
    });
  });

  it('masks a name under a compound role key ("primary_contact", "created_by", "assigned_to", "reporter_name")', () => {
    const p = new Pseudonymizer(hash);
    const ticket = {
      created_by: 'Tendai Moyo',
      assignedTo: 'Zqxette Vrumple',
      primary_contact: 'jane doe',
      reporter_name: 'Farai Chikwanha',
      reviewer: 'Kwame Mensah',
      updated_by: 'system',
      escalated_to: 'Tier 2',
      ticket_owner: 'usr_4411',
      tenant_name: 'Acme Inc',
      tool_name: 'lookup_order',
    };
    expect(r.redactJson(ticket, p)).toEqual({
      created_by: '<PERSON_1>',
      assignedTo: '<PERSON_2>',
      primary_contact: '<PERSON_3>',
      // A "<role>_name" key holds a name whatever it looks like; before, only some roles' did.
      reporter_name: '<PERSON_4>',
      reviewer: '<PERSON_5>',
      updated_by: 'system',
      escalated_to: 'Tier 2',
      ticket_owner: 'usr_4411',
      // A SaaS tenant is a company: its name key is not a person's.
      tenant_name: 'Acme Inc',
      tool_name: 'lookup_order',
    });
  });

  it("masks who wrote or signed something, and a clinic's or office's people, by their keys", () => {
    const p = new Pseudonymizer(hash);
    const commit = { git_author_name: 'Tendai Moyo', committer_name: 'Farai Chikwanha', author: 'Kwame Mensah', creator: 'langchain-ai', package_manager: 'pnpm', doctor: 'Dr. Zqxette Vrumple' };
    // Before, only "Dr. Zqxette Vrumple" was masked: two words no name list knows need a key that says so.
    expect(r.redactJson(commit, p)).toEqual({
      git_author_name: '<PERSON_1>',
      committer_name: '<PERSON_2>',
      author: '<PERSON_3>',
      creator: 'langchain-ai',
      package_manager: 'pnpm',
      doctor: '<PERSON_4>',
    });
  });

  it("masks a GitHub user's login and national ids under their own names (NI number, CPF, DNI, PESEL)", () => {
    const p = new Pseudonymizer(hash);
    const record = {
      user: { login: 'tmoyo', id: 123 },
      national_insurance_number: 'AB123456C',
      ni_number: 'AB 12 34 56 C',
      cpf: '123.456.789-09',
      dni: '12345678Z',
      pesel: '44051401359',
      last_login: '2024-01-01T10:00:00Z',
      login: true,
    };
    expect(r.redactJson(record, p)).toEqual({
      user: { login: '<USER_1>', id: 123 },
      national_insurance_number: '<NATIONAL_ID_1>',
      ni_number: '<NATIONAL_ID_2>',
      cpf: '<NATIONAL_ID_3>',
      dni: '<NATIONAL_ID_4>',
      pesel: '<NATIONAL_ID_5>',
      // When someone last logged in, and whether they may, are no login.
      last_login: '2024-01-01T10:00:00Z',
      login: true,
    });
  });

  it('masks the parts of a name under keys that only say so beside each other (FHIR given/family, fn/ln)', () => {
    const p = new Pseudonymizer(hash);
    const record = {
      patient: { name: [{ family: 'Moyo', given: ['Tendai', 'Rutendo'] }], mrn: '00482913' },
      contact: { fn: 'Farai', ln: 'Chikwanha' },
      // Alone or with other values, the same keys are a test step, a range and timestamps.
      scenario: { given: 'a logged-in user', when: 'they open the cart' },
      range: { first: 1, last: 9 },
      seen: { first: '2024-01-01T10:00:00Z', last: '2024-02-03T11:00:00Z' },
    };
    expect(r.redactJson(record, p)).toEqual({
      patient: { name: [{ family: '<PERSON_1>', given: ['<PERSON_2>', '<PERSON_3>'] }], mrn: '00482913' },
      contact: { fn: '<PERSON_4>', ln: '<PERSON_5>' },
      scenario: { given: 'a logged-in user', when: 'they open the cart' },
      range: { first: 1, last: 9 },
      seen: { first: '2024-01-01T10:00:00Z', last: '2024-02-03T11:00:00Z' },
    });
  });

  it('reads keys in other languages, accents and all ("teléfono", "Prénom", "cliente", "nombre")', () => {
    const p = new Pseudonymizer(hash);
    const record = { nombre: 'Tendai Moyo', teléfono: '612 345 678', Prénom: 'Farai', Nachname: 'Chikwanha', cliente: 'Kwame Mensah', dirección: 'Calle Mayor 5, Madrid', fecha_de_nacimiento: '1988-04-05' };
    expect(r.redactJson(record, p)).toEqual({
      nombre: '<PERSON_1>',
      teléfono: '<PHONE_1>',
      Prénom: '<PERSON_2>',
      Nachname: '<PERSON_3>',
      cliente: '<PERSON_4>',
      dirección: '<ADDRESS_1>',
      fecha_de_nacimiento: '<DATE_OF_BIRTH_1>',
    });
  });

  it("masks a contact's messenger and social accounts by their keys (skype, whatsapp, twitter_handle, discord)", () => {
    const p = new Pseudonymizer(hash);
    // Before, a CRM or chat workspace profile kept every one of these.
    const profile = { skype: 'zqx.v', whatsapp: '+44 7700 900461', twitter_handle: '@zqxv', linkedin_url: 'https://linkedin.com/in/zqxv', discord: 'zqx#1234', github_username: 'zqxv' };
    expect(r.redactJson(profile, p)).toEqual({
      skype: '<USER_1>',
      whatsapp: '<PHONE_1>',
      twitter_handle: '<USER_2>',
      linkedin_url: '<USER_3>',
      discord: '<USER_4>',
      // The handle with and without its "@" is one account.
      github_username: '<USER_2>',
    });
    // A tool named after the service, and a settings object under its name, hold no account.
    expect(r.redactJson({ tools: [{ name: 'telegram', description: 'send a message' }], twitter: { enabled: true } }, p)).toEqual({
      tools: [{ name: 'telegram', description: 'send a message' }],
      twitter: { enabled: true },
    });
  });

  it('reads keys written in Chinese, Japanese, Korean, Cyrillic and other scripts, the team\'s own included', () => {
    const p = new Pseudonymizer(hash);
    // Before, keyWords found no Latin word in these keys and every value was kept (a CJK name in text needs a cue).
    const record = { 氏名: '山田太郎', 電話番号: '090-1234-5678', 住所: '東京都千代田区千代田1-1', 姓名: '王小明', 手机: '13800138000', 이름: '김민수', фамилия: 'Петров', 'Дата рождения': '01.01.1990' };
    expect(r.redactJson(record, p)).toEqual({
      氏名: '<PERSON_1>',
      電話番号: '<PHONE_1>',
      住所: '<ADDRESS_1>',
      姓名: '<PERSON_2>',
      手机: '<PHONE_2>',
      이름: '<PERSON_3>',
      фамилия: '<PERSON_4>',
      'Дата рождения': '<DATE_OF_BIRTH_1>',
    });
    const custom = createRedactor({ sensitiveKeys: [{ key: '顧客番号', type: 'ACCOUNT_NUMBER' }] });
    expect(custom.redactJson({ 顧客番号: 'C-0042', 商品: 'イヤホン' }, new Pseudonymizer(hash))).toEqual({ 顧客番号: '<ACCOUNT_NUMBER_1>', 商品: 'イヤホン' });
  });

  it("asks a bare name key's object each time: the first object's verdict does not stick to the key", () => {
    const p = new Pseudonymizer(hash);
    // Before, "_name" beside "arguments" (a tool) was cached as not sensitive for every later object.
    expect(r.redactJson([{ _name: 'lookup', arguments: {} }, { _name: 'Tendai Moyo' }], p)).toEqual([{ _name: 'lookup', arguments: {} }, { _name: '<PERSON_1>' }]);
  });

  it('keeps structure and keys, masks values under sensitive keys whatever they look like', () => {
    const p = new Pseudonymizer(hash);
    const out = r.redactJson(
      {
        headers: { Authorization: 'opaque', Cookie: 'sid=1', 'Content-Type': 'application/json' },
        password: 'x',
        ssn: 123456789,
        dob: '1990-01-01',
        name: 'Ann',
        address: { street: 'Main St 1', city: 'Springfield' },
        tools: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
        max_tokens: 256,
        ok: true,
      },
      p,
    );
    expect(out).toEqual({
      headers: { Authorization: '<SECRET_1>', Cookie: '<SECRET_2>', 'Content-Type': 'application/json' },
      password: '<SECRET_3>',
      ssn: '<SSN_1>',
      dob: '<DATE_OF_BIRTH_1>',
      name: '<PERSON_1>',
      address: { street: '<ADDRESS_1>', city: '<ADDRESS_2>' },
      tools: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
      max_tokens: 256,
      ok: true,
    });
  });

  it('masks a card written as a JSON number, and values under keys like card_no and phone_no', () => {
    const out = r.redactJson(
      { payment: { number: 4111111111111111, card_no: '5555 5555 5555 4444', phone_no: 4155550100 }, started_ms: 1728803138291, order_no: 8812733, seat_no: '12A' },
      new Pseudonymizer(hash),
    );
    expect(out).toEqual({ payment: { number: '<CREDIT_CARD_1>', card_no: '<CREDIT_CARD_2>', phone_no: '<PHONE_1>' }, started_ms: 1728803138291, order_no: 8812733, seat_no: '12A' });
    expect(r.leakScan({ ref: 5555555555554444 }).map((h) => `${h.path}:${h.type}`)).toEqual(['ref:CREDIT_CARD']);
  });

  it('masks PII in keys, keeping the structure, and the leak scan names such a key by position only', () => {
    const input: Json = {
      contacts: { 'jane.k@example.com': { phone: '0', tier: 'vip' }, 'JANE.K@example.com': 'same address, other spelling' },
      by_name: { 'Maria Gonzalez': 3 },
      order_id: 'A-1',
    };
    const out = r.redactJson(input, new Pseudonymizer(hash));
    expect(out).toEqual({
      // Both spellings share a placeholder; the second key gets a suffix so no value is lost.
      contacts: { '<EMAIL_1>': { phone: '<PHONE_1>', tier: 'vip' }, '<EMAIL_1> (2)': 'same address, other spelling' },
      by_name: { '<PERSON_1>': 3 },
      order_id: 'A-1',
    });
    const hits = r.leakScan(input);
    expect(hits.map((h) => `${h.path} ${h.type}`)).toEqual(['contacts{key 1} EMAIL', 'contacts{key 1}.phone PHONE', 'contacts{key 2} EMAIL', 'by_name{key 1} PERSON']);
    expect(JSON.stringify(hits)).not.toContain('jane');
    expect(r.leakScan(out)).toEqual([]);
    // In a tool message's JSON text, in Python's layout: masked keys are written back into the text's own
    // layout (before, the text was serialised again, compactly).
    const d = TraceDraft.parse({
      source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 't' },
      messages: [{ role: 'tool', text: '{"jane.k@example.com": {"plan": "pro"}, "__proto__": "x"}', name: 'crm' }],
    });
    expect(r.redactTrace(d, new Pseudonymizer(hash)).messages[0]?.text).toBe('{"<EMAIL_1>": {"plan": "pro"}, "__proto__": "x"}');
  });

  it('masks the team\'s extra sensitive keys with a type named after the key', () => {
    const rr = createRedactor({ sensitiveKeys: ['policy_number', { key: 'member', type: 'PERSON' }] });
    expect(rr.redactJson({ policyNumber: 'P-1', member: 'Zed' }, new Pseudonymizer(hash))).toEqual({ policyNumber: '<POLICY_NUMBER_1>', member: '<PERSON_1>' });
  });

  it('walks 100,000 levels of nesting without overflowing the stack', () => {
    let deep: Json = { email: 'deep@example.com' };
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { next: deep };
    const out = r.redactJson(deep, new Pseudonymizer(hash));
    let cur: Json = out;
    for (let i = 0; i < 100_000; i++) cur = Array.isArray(cur) ? (cur[0] as Json) : ((cur as { next: Json }).next);
    expect(cur).toEqual({ email: '<EMAIL_1>' });
    expect(r.leakScan(deep).map((h) => h.type)).toEqual(['EMAIL']);
  });
});

describe('config', () => {
  it('applies custom patterns, deny-list and allow-list', () => {
    const rr = createRedactor({
      customPatterns: [{ name: 'ticket', regex: 'CASE-\\d{6}', type: 'TICKET' }],
      denyList: ['Acme Widgets', { value: 'Zorblax', type: 'PERSON' }],
      allowList: ['support@casebook.dev'],
    });
    const p = new Pseudonymizer(hash);
    expect(rr.redactText('CASE-123456 for Acme Widgets and zorblax; write support@casebook.dev or a@b.io', p)).toBe(
      '<TICKET_1> for <PERSON_1> and <PERSON_2>; write support@casebook.dev or <EMAIL_1>',
    );
  });

  it('rejects a bad regex with an error naming the pattern', () => {
    expect(() => createRedactor({ customPatterns: [{ name: 'broken-ids', regex: '(ab' }] })).toThrow(RedactionConfigError);
    expect(() => parseRedactionConfig({ customPatterns: [{ name: 'broken-ids', regex: '(ab' }] })).toThrow(/custom pattern "broken-ids": invalid regular expression/);
    expect(RedactionConfig.safeParse({ customPatterns: [{ name: 'empty', regex: 'x*' }] }).success).toBe(false);
  });

  it('rejects a custom pattern that backtracks, saying on what input and how to fix it', () => {
    const problem = (regex: string, flags = ''): string => {
      const r = RedactionConfig.safeParse({ customPatterns: [{ name: 'ids', regex, flags }] });
      return r.success ? 'accepted' : (r.error.issues[0]?.message ?? '');
    };
    expect(problem('(\\w+\\s?)+$')).toBe(
      'custom pattern "ids": /(\\w+\\s?)+$/ takes exponential time on a long run of characters matching /\\w/: ' +
        '`\\w+` can match it in exponentially many ways; repeat either the group or the part inside it, not both',
    );
    expect(problem('\\d+\\d+x')).toMatch(/^custom pattern "ids": \/\\d\+\\d\+x\/ takes polynomial time .*`\\d\+` and `\\d\+`/);
    expect(problem('[\\w.+-]+@acme\\.com', 'i')).toMatch(/takes quadratic time on a long run of characters matching .* anchor its start \(e\.g\. \\b\) or bound the repetition/);
    expect(problem('(?:x+x+)+y')).toMatch(/exponential/);
    expect(() => createRedactor({ customPatterns: [{ name: 'mail', regex: '\\w+@acme\\.com' }] })).toThrow(/custom pattern "mail": .*quadratic/);
    // The shapes teams write, and the fixes the messages suggest, pass.
    for (const ok of ['CUST-\\d{6}', '\\bINC\\d{7}\\b', '\\b[\\w.+-]+@acme\\.com', '[\\w.+-]{1,64}@acme\\.com', '(?<=id=)\\w+', '\\bemp(?:loyee)?[ #:-]*\\d{5,8}\\b'])
      expect(problem(ok, 'i')).toBe('accepted');
  });

  it('runs an accepted fix in linear time where the rejected pattern is quadratic', () => {
    const hostile = `${'a'.repeat(20_000)} write to bob@acme.com`;
    const quadratic = /\w+@acme\.com/g;
    let t = performance.now();
    expect(hostile.match(quadratic)).toEqual(['bob@acme.com']);
    const slow = performance.now() - t;
    const rr = createRedactor({ customPatterns: [{ name: 'mail', regex: '\\b\\w+@acme\\.com', type: 'STAFF_EMAIL' }], recognizers: { EMAIL: false } });
    t = performance.now();
    expect(rr.redactText(hostile, new Pseudonymizer(hash))).toBe(`${'a'.repeat(20_000)} write to <STAFF_EMAIL_1>`);
    const fast = performance.now() - t;
    // The point of the check: the pattern it refuses is the slow one (quadratic: a second on 20 KB, minutes on 1 MB), its fix is not.
    expect(slow).toBeGreaterThan(10 * fast);
    expect(fast).toBeLessThan(500);
  });

  it('turns recognizers off', () => {
    const rr = createRedactor({ recognizers: { EMAIL: false } });
    expect(rr.detect('a@example.com')).toEqual([]);
  });
});

describe('pathological inputs finish in well under a second', () => {
  const cases: Array<[string, string]> = [
    ['50 KB of digits', '7'.repeat(50_000)],
    ['50 KB of a@', 'a@'.repeat(25_000)],
    ['50 KB of spaces', ' '.repeat(50_000)],
    ['50 KB of dashes', '-'.repeat(50_000)],
    ['50 KB of dots', '.'.repeat(50_000)],
    ['50 KB of digit groups', '12 '.repeat(17_000)],
    ['50 KB of capitalised words', 'Anna '.repeat(10_000)],
    ['50 KB of hex and colons', 'ab:'.repeat(17_000)],
    // Every digit run, capital and keyword is a candidate for the shared first pass: many of them.
    ['50 KB of "Apt 1" units', 'Apt 1 '.repeat(8_500)],
    ['50 KB of "in Rome 12345"', 'in Rome 12345 '.repeat(3_600)],
    ['50 KB of "+1 "', '+1 '.repeat(17_000)],
    ['50 KB of sentence-ending names', 'Maria. '.repeat(7_200)],
    ['50 KB of secret key words', 'password token key '.repeat(2_600)],
    // The rules added for unseen texts: street types, lower-case lists, old dates, extensions, letterheads.
    ['50 KB of "on Elm Street"', 'on Elm Street '.repeat(3_600)],
    ['50 KB of a lower-case list', 'anna, '.repeat(8_400)],
    ['50 KB of old dates', '1/2/1990 '.repeat(5_600)],
    ['50 KB of phone extensions', '212-555-0147x1 '.repeat(3_400)],
    ['50 KB of name lines over numbers', 'Ann Lee\n12 Elm\n'.repeat(3_200)],
    ['50 KB of region codes', '1 Elm Road\nab\n'.repeat(3_600)],
    ['50 KB of flat numbers', 'ul. Lipowej 12/4, '.repeat(2_800)],
    ['50 KB of display names', 'Zqxette Vrumple <zv@example.com>, '.repeat(1_500)],
    ['50 KB of Chinese unit suffixes', `${'市'.repeat(50_000)}1号`],
    ['50 KB of Chinese addresses without a number', `${'北京市朝阳区建国路'.repeat(5_500)}1号`],
    ['50 KB of Korean districts', `${'서울특별시 강남구 '.repeat(5_000)}로 1`],
    ['50 KB of Japanese honorifics', '田中様さん'.repeat(10_000)],
    ['50 KB of written-out escapes', '\\n\\t\\r\\'.repeat(7_000)],
    ['50 KB of national id shapes', 'NHS AB 12 34 56 C 1 85 05 78 006 084 91 '.repeat(1_250)],
    ['50 KB of Hangul before 님', '김민수님'.repeat(12_500)],
    ['50 KB of angle brackets and escaped at signs', '<a%40b&#64;'.repeat(4_600)],
    ['50 KB of zero-width spaces and soft hyphens', 'ab\u200b\u00ad'.repeat(12_500)],
    ['50 KB of dictionary words addressed', 'Regrettably, I '.repeat(3_400)],
    ['50 KB of username and handle cues', 'my user name is twitter @ handle is @@ '.repeat(1_300)],
    ['50 KB of IBAN-like groups', 'DE12 AB34 '.repeat(5_000)],
    ['50 KB of phone numbers with only spaces between', '212 555 0142 '.repeat(3_900)],
    ['50 KB of short lists of phone numbers', 'call 212 555 0142 415 555 0199 646 555 0100, '.repeat(1_100)],
    ['50 KB of a platform name before spaces', `twitter${' '.repeat(50_000)}@x`],
    ['50 KB of German prose of capitalised words', 'und der Sie Ab '.repeat(3_300)],
    ['50 KB of slashes between digits', '0/1 '.repeat(12_500)],
    ['50 KB of spelled-out dots', `x dot ${'a dot '.repeat(8_300)}`],
    ['50 KB of spelled-out and bracketed ats', `dot ${'a at b (at) '.repeat(4_100)}`],
    ['an email before 50 KB of blanks and "at"', `jane${' \t'.repeat(25_000)}at gmail dot com`],
    ['"cvv" before 50 KB of "is"', `cvv${' is'.repeat(16_600)} 123`],
    ['"curl -u" before 50 KB of colons', `curl -u ${':'.repeat(50_000)}`],
    ['a webhook URL of 50 KB', `https://hooks.slack.com/services/${'T0/'.repeat(16_600)}`],
    ['50 KB of month abbreviations and days', 'Jun 3 Mon '.repeat(5_000)],
    ['50 KB of keys and colons', 'email: a: '.repeat(5_000)],
    ['50 KB of key=value pairs', 'phone=1&'.repeat(6_250)],
    ['50 KB of XML openings', '<email>'.repeat(7_200)],
    ['a key before 50 KB of opening brackets', `name: ${'('.repeat(50_000)}`],
    ['a quoted key before an unclosed 50 KB value', `"customer_name": "${'a'.repeat(50_000)}`],
    ['50 KB of multi-word keys at line starts', '- Date of Birth:\n'.repeat(3_000)],
    ['a handle before 50 KB of spaces and "on twitter"', `@abc${' '.repeat(50_000)}on twitter`],
    ['50 KB of plots before places', 'Plot 1, A '.repeat(5_000)],
    ['50 KB of dashes after an address', '12 Baker Street - A - B - C - '.repeat(1_700)],
    ['50 KB of streets with a comma before the number', 'Rua A, 1, '.repeat(5_000)],
    ['50 KB of passwords in German prose', 'Passwort ist '.repeat(3_800)],
    ['a CSV header before 50 KB of rows', `name,email\n${'a,b\n'.repeat(12_500)}`],
    ['25 KB of blanks before 25 KB of keys on one line', `${' '.repeat(25_000)}${'a: '.repeat(8_300)}`],
    ['an address before 50 KB of parenthesised words', `a@b.co ${'x ('.repeat(16_000)}`],
    ['50 KB of handles before parentheses', '@a (b) '.repeat(7_000)],
    ['50 KB of equals signs', '='.repeat(50_000)],
    ['50 KB of quoted keys without values', '"a":'.repeat(12_500)],
    ['a Markdown header over a 50 KB rule', `| name | email |\n|${'-'.repeat(50_000)}x\n`],
    ['50 KB of header-like lines', 'name,email\n\n'.repeat(4_500)],
    ['a CSV header before one 50 KB quoted cell', `name,email\n"${'a'.repeat(50_000)}`],
    ['50 KB of numbered names before places and codes', '1 Aa Bb Cc, Dd Ee 12 '.repeat(2_400)],
    ['50 KB of logins on one line', 'ssh a@b '.repeat(6_300)],
    ['50 KB of prompts', 'a@b:~$ '.repeat(7_200)],
    ['50 KB of home directories', '/home/a/Users/b\\\\Users\\\\'.repeat(2_500)],
    ['50 KB of backslashes before "Users"', `${'\\'.repeat(50_000)}Users\\x`],
    ['50 KB of name cues before Arabic words', 'اسمي أحمد حسن '.repeat(3_600)],
    ['50 KB of Hebrew and Devanagari words', 'שמי דוד मेरा नाम '.repeat(3_000)],
    ['50 KB of name-shaped logins', 'j.okonkwo '.repeat(5_000)],
    ['50 KB of dotted lower-case words', 'priya.'.repeat(8_400)],
    ['50 KB of sign-offs', 'Best, Thx, '.repeat(4_600)],
    ['50 KB of Indian cities and PIN codes', 'Flat 2, Mumbai 400001, '.repeat(2_200)],
    ['50 KB of address parts before a PIN code', `${'A, '.repeat(16_000)}Mumbai 400001`],
    ['50 KB of house number markers', 'Cad. No: 4 '.repeat(4_600)],
    ['50 KB of block numbers', '3-chome-1-1 Chome, '.repeat(2_600)],
    ['50 KB of a tool before dashes', `mysql ${'-'.repeat(50_000)}`],
    ['50 KB of password flags', '--password --token= '.repeat(2_600)],
    ['50 KB of name cues before lower-case words', 'My name is priya sharma zqx '.repeat(1_800)],
    ['50 KB of payment handles', 'a@ybl@paytm '.repeat(4_200)],
    ['50 KB of numbers before a comma and names', '5, Adeola Odeku '.repeat(3_100)],
    ['50 KB of "its" before names', 'its tendai its '.repeat(3_400)],
    ['50 KB of an unknown name and its lower-case twin', 'Later, Zqxette will call `zqxette` '.repeat(1_500)],
    ['50 KB of neighbourhoods before a street', `${'Mah. '.repeat(10_000)}Sok. No: 12`],
    // Two runs of blanks side by side split a long run in every way: "corner of" took 38 s at 20 KB, the
    // Arabic cue 3.5 s, "zip code" 30 s at 4 KB. The rest had the same shape, which the lint rule
    // regexp/no-super-linear-backtracking now refuses, without being slow yet.
    ['"corner of" before 50 KB of spaces', `corner of${' '.repeat(50_000)}x`],
    ['"the corner of Main" before 50 KB of blanks', `the corner of Main${' \t'.repeat(25_000)}x`],
    ['an Arabic name cue before 50 KB of spaces', `اسمي${' '.repeat(50_000)}x`],
    ['"name:" before 50 KB of blanks', `name${' \t'.repeat(25_000)}x`],
    ['"zip code" before 50 KB of spaces', `zip code${' '.repeat(50_000)}x 1`],
    ['"passport number" before 50 KB of blanks', `passport number${' \t'.repeat(25_000)}x 1`],
    ['"account" before 50 KB of spaces', `account${' '.repeat(50_000)}x 1`],
    ['cookie headers before 4 KB of blanks each', `cookie: a${' '.repeat(4_000)}\n`.repeat(12)],
  ];
  for (const [label, text] of cases) {
    it(label, () => {
      const t0 = performance.now();
      r.redactText(text, new Pseudonymizer(hash));
      expect(performance.now() - t0).toBeLessThan(500);
    });
  }
});

const cassette = traceFixture('otel-python-contrib-genai-cassettes/openai-v2__test_chat_completion_with_content.yaml');
describe.skipIf(!existsSync(cassette))('recorded HTTP cassettes', () => {
  it('come out without their bearer token and cookie', () => {
    const raw = readFileSync(cassette, 'utf8');
    expect(raw).toContain('test_openai_api_key');
    const out = r.redactText(raw, new Pseudonymizer(hash));
    expect(out).not.toContain('test_openai_api_key');
    expect(out).not.toContain('test_set_cookie');
    expect(r.leakScan(out).filter((h) => h.type === 'SECRET')).toEqual([]);
  });
});

describe('fast paths keep the output the slow paths gave', () => {
  it('the findings cache answers repeated, colliding and look-alike strings as a fresh detection does', () => {
    const cached = createRedactor();
    const key = (t: string): string => JSON.stringify(createRedactor().detect(t));
    // More short strings than the table has slots, so many collide and evict each other.
    const short = Array.from({ length: 70_000 }, (_, i) => (i % 3 === 0 ? `mail u${i}@example.org` : i % 3 === 1 ? `case ${i}` : `Ask Maria ${i}`));
    for (const t of short) cached.detect(t);
    for (let i = 0; i < short.length; i += 997) expect(JSON.stringify(cached.detect(short[i] as string))).toBe(key(short[i] as string));
    // Long strings with the same length and the same ends: only the middle tells them apart.
    const pad = 'x '.repeat(150);
    const clean = `${pad}nothing to see here at all. ${pad}`;
    const dirty = `${pad}write to ann@example.org ok ${pad}`;
    expect(clean.length).toBe(dirty.length);
    expect(cached.detect(clean)).toEqual([]);
    expect(cached.detect(dirty).map((f) => f.type)).toEqual(['EMAIL']);
    expect(cached.detect(clean)).toEqual([]);
  });

  it('returns the same JSON object when nothing in it is personal, and a copy only along changed paths', () => {
    const p = new Pseudonymizer(hash);
    const clean: Json = { order: { id: 'ORD-1', items: [{ sku: 'SKU-9', qty: 2 }] }, status: 'shipped' };
    expect(r.redactJson(clean, p)).toBe(clean);
    const mixed = { order: { id: 'ORD-1', items: [{ sku: 'SKU-9' }] }, customer: { email: 'jane.k@example.com' } };
    const out = r.redactJson(mixed, p) as typeof mixed;
    expect(out.customer).toEqual({ email: '<EMAIL_1>' });
    expect(out.order).toBe(mixed.order);
    expect(mixed.customer.email).toBe('jane.k@example.com');
  });

  it('redacts a compact-JSON tool message like the tool result, with the same placeholders', () => {
    const result = { customer: { name: 'Jane Kowalski', phone: '+44 20 7946 0958' }, country: 'PL' };
    const d = TraceDraft.parse({
      source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 't' },
      messages: [
        { role: 'assistant', text: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: {}, result, status: 'ok' }] },
        { role: 'tool', text: JSON.stringify(result), toolCallId: 'c1', name: 'lookup' },
        { role: 'tool', text: JSON.stringify(result, null, 2), toolCallId: 'c1', name: 'lookup' },
      ],
    });
    const out = r.redactTrace(d, new Pseudonymizer(hash));
    expect(out.messages[1]?.text).toBe('{"customer":{"name":"<PERSON_1>","phone":"<PHONE_1>"},"country":"PL"}');
    // Pretty-printed JSON keeps its layout, with the values masked as in the result.
    expect(out.messages[2]?.text).toBe(JSON.stringify({ customer: { name: '<PERSON_1>', phone: '<PHONE_1>' }, country: 'PL' }, null, 2));
  });

  it('redacts JSON written by another serialiser as JSON, by its keys, keeping its layout', () => {
    // Python's json.dumps: a space after ":" and ",", non-ASCII escaped, a float written "5.0". Under
    // "address" every value is masked, which text detection alone would not do ("Springfield", "62704").
    const text =
      '{"name": {"first_name": "Ren\\u00e9e", "last_name": "Oduya"}, "address": {"city": "Springfield", "zip": "62704"}, "rating": 5.0, "tags": [1, 2]}';
    const d = TraceDraft.parse({
      source: { format: 'tau-bench', file: 'x.json', sourceTraceId: 't' },
      messages: [
        { role: 'user', text: 'Hi, this is Renée.' },
        { role: 'tool', text, name: 'get_user_details' },
      ],
    });
    const report = new RedactionReport();
    const out = r.redactTrace(d, new Pseudonymizer(hash), report);
    expect(out.messages[1]?.text).toBe(
      '{"name": {"first_name": "<PERSON_1>", "last_name": "<PERSON_2>"}, "address": {"city": "<ADDRESS_1>", "zip": "<ADDRESS_2>"}, "rating": 5.0, "tags": [1, 2]}',
    );
    // The same given name in the user's words and in the tool's JSON gets the same placeholder.
    expect(out.messages[0]?.text).toBe('Hi, this is <PERSON_1>.');
    expect(report.toJSON().byField['message.text']).toBe(5);
    // A key given twice: JSON.parse keeps only the last value, so the text is masked as text, both values included.
    const twice = r.redactTrace(
      TraceDraft.parse({ ...d, messages: [{ role: 'tool', text: '{"email": "a.first@example.com", "email": "b.second@example.com"}' }] }),
      new Pseudonymizer(hash),
    );
    expect(twice.messages[0]?.text).toMatch(/^\{"email": "<EMAIL_[12]>", "email": "<EMAIL_[12]>"\}$/);
    expect(new Set(twice.messages[0]?.text.match(/<EMAIL_\d>/g)).size).toBe(2);
  });

  it('masks what a repeated key hides from JSON.parse, in message texts and in JSON strings, when nothing else changes', () => {
    // The last "note" is harmless, so redacting the parsed JSON changes nothing; the first still carries PII.
    const hidden = '{"note": "call me at +1 415 555 0100, Maria Gonzalez", "note": "ok"}';
    const d = TraceDraft.parse({
      source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 't' },
      messages: [{ role: 'tool', text: hidden, name: 'crm' }],
      metadata: { raw: hidden, compact: hidden.replaceAll('": ', '":').replaceAll(', "', ',"') },
    });
    const out = r.redactTrace(d, new Pseudonymizer(hash));
    expect(out.messages[0]?.text).toBe('{"note": "call me at <PHONE_1>, <PERSON_1>", "note": "ok"}');
    expect(out.metadata.raw).toBe('{"note": "call me at <PHONE_1>, <PERSON_1>", "note": "ok"}');
    expect(out.metadata.compact).toBe('{"note":"call me at <PHONE_1>, <PERSON_1>","note":"ok"}');
    // The leak scan reads such text as text too, so a hand-edited case cannot hide a value that way.
    expect(r.leakScan(hidden).map((h) => h.type)).toEqual(['PHONE', 'PERSON']);
  });

  it('keeps the layout of JSON held in a string attribute, masking only its values', () => {
    const d = TraceDraft.parse({
      source: { format: 'otlp', file: 'x.json', sourceTraceId: 't' },
      spans: [{ spanId: 's', name: 'tool', kind: 'tool', status: 'ok', attributes: { 'tool.input': '{\n  "email": "jane.k@example.com",\n  "limit": 5\n}' } }],
    });
    const out = r.redactTrace(d, new Pseudonymizer(hash));
    expect(out.spans[0]?.attributes['tool.input']).toBe('{\n  "email": "<EMAIL_1>",\n  "limit": 5\n}');
  });

  it('leaves a city named like a person under a place key, and the leak scan agrees', () => {
    // A weather tool's arguments, in the call and as its message text, and an address-less booking.
    const d = TraceDraft.parse({
      source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 't' },
      messages: [
        { role: 'user', text: 'What is the weather in Paris? I am Maria Gonzalez.' },
        { role: 'assistant', text: '', toolCalls: [{ id: 'w1', name: 'get_weather', arguments: { location: 'Paris' }, result: { location: 'Paris', temp_c: 15 }, status: 'ok' }] },
        { role: 'tool', text: '{"location": "Paris", "temp_c": 15}', toolCallId: 'w1', name: 'get_weather' },
        { role: 'tool', text: '{"origin_city": "Austin, TX", "destination": "Charlotte", "passenger": "Maria Gonzalez", "note": "Austin"}', name: 'book' },
      ],
    });
    const out = r.redactTrace(d, new Pseudonymizer(hash));
    expect(out.messages[1]?.toolCalls[0]?.arguments).toEqual({ location: 'Paris' });
    expect(out.messages[2]?.text).toBe('{"location": "Paris", "temp_c": 15}');
    // Only places are spared: the passenger, and the same word under a key that is no place, are masked.
    expect(out.messages[3]?.text).toBe('{"origin_city": "Austin, TX", "destination": "Charlotte", "passenger": "<PERSON_1>", "note": "<PERSON_2>"}');
    // The same person as in the user's words; "in Paris" there was never a name.
    expect(out.messages[0]?.text).toBe('What is the weather in Paris? I am <PERSON_1>.');
    expect(r.leakScan({ messages: out.messages } as unknown as Json)).toEqual([]);
    // A person named inside a place value is still a person.
    expect(r.redactJson({ location: "Maria Gonzalez's house" }, new Pseudonymizer(hash))).toEqual({ location: "<PERSON_1>'s house" });
  });
});
