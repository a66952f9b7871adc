import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createKeyedHash, createRedactor, Pseudonymizer } from '../../../core/redact/index.js';
import {
  belgianNationalNumberValid,
  curpValid,
  fodselsnummerValid,
  hetuValid,
  ibanValid,
  israeliIdValid,
  luhnValid,
  nifValid,
  peselValid,
  personnummerValid,
  saIdValid,
  ssnValid,
  steuerIdValid,
  tcKimlikValid,
} from '../../../core/redact/checks.js';
import { masked } from '../../helpers/masked.js';

describe('checksums', () => {
  it.each([
    ['PESEL', peselValid, '44051401359', '44051401358'],
    ['personnummer', personnummerValid, '8112189876', '8112189875'],
    ['fødselsnummer', fodselsnummerValid, '01010750160', '01010750161'],
    ['henkilötunnus', hetuValid, '131052-308T', '131052-308U'],
    ['T.C. Kimlik', tcKimlikValid, '10000000146', '10000000147'],
    ['South African id', saIdValid, '8001015009087', '8001015009088'],
    ['Steuer-ID', steuerIdValid, '86095742719', '86095742718'],
    ['Belgian national number', belgianNationalNumberValid, '85073003328', '85073003327'],
    ['CURP', curpValid, 'HEGG560427MVZRRL04', 'HEGG560427MVZRRL05'],
    ['NIF', nifValid, '123456789', '123456788'],
    ['Teudat Zehut', israeliIdValid, '000000018', '000000019'],
  ] as const)('%s accepts a valid example and rejects a one-digit change', (_name, valid, good, bad) => {
    expect(valid(good)).toBe(true);
    expect(valid(bad)).toBe(false);
  });
  it('Luhn accepts a valid test card and rejects a one-digit change', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('mod-97 accepts a valid IBAN and rejects a changed check digit', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE88370400440532013000')).toBe(false);
  });
  it('SSN rules reject area 000, 666 and 9xx', () => {
    expect(ssnValid('123456789')).toBe(true);
    expect(ssnValid('000456789')).toBe(false);
    expect(ssnValid('666456789')).toBe(false);
    expect(ssnValid('912456789')).toBe(false);
  });
});

describe('recognizers: valid examples are masked, look-alikes are not', () => {
  it('EMAIL', () => {
    expect(masked('write to jane.doe+tag@example.co.uk today')).toEqual(['EMAIL:jane.doe+tag@example.co.uk']);
    expect(masked('my email is info@presidio.')).toEqual([]);
    // Escaped "@" in a URL's query string and in HTML: before, only the domain was masked, as a URL.
    expect(masked('GET /v1/users?email=jane.k%40example.com&limit=5')).toEqual(['EMAIL:jane.k%40example.com']);
    expect(masked('<a href="mailto:jane&#64;example.com">')).toEqual(['EMAIL:jane&#64;example.com']);
    expect(masked('a 100%40 rise, 20%40 off')).toEqual([]);
    // Run into what follows by a hyphen, as in an id: before, the "top-level domain" org-1 ruled it out.
    expect(masked('trace jane.roe@example.org-1')).toEqual(['EMAIL:jane.roe@example.org']);
    expect(masked('ops@xn--bcher-kva.example')).toEqual(['EMAIL:ops@xn--bcher-kva.example']);
  });
  it('PHONE (checked with libphonenumber)', () => {
    expect(masked('Call me at +44 20 7946 0958 please')).toEqual(['PHONE:+44 20 7946 0958']);
    // A "+" starts a number even after a digit group (before, "call_abc123 +1…" hid it); "34 +56 78" is no phone.
    expect(masked('call_abc123 +1 212 555 0142')).toEqual(['PHONE:+1 212 555 0142']);
    expect(masked('12 34 +56 78')).toEqual([]);
    // Two numbers with only a space between ran together into one match no country takes; both were kept.
    expect(masked('numbers 212-555-0142 415-555-0199')).toEqual(['PHONE:212-555-0142', 'PHONE:415-555-0199']);
    expect(masked('call 212 555 0142 415 555 0199')).toEqual(['PHONE:212 555 0142', 'PHONE:415 555 0199']);
    expect(masked('ref 1234 5678 9012 3456 7890')).toEqual([]);
    // Longer than the pattern takes, such a list was no candidate at all.
    expect(masked('call +44 20 7946 0958 020 7946 0959')).toEqual(['PHONE:+44 20 7946 0958', 'PHONE:020 7946 0959']);
    expect(masked('call 212 555 0142 415 555 0199 646 555 0100')).toEqual(['PHONE:212 555 0142', 'PHONE:415 555 0199', 'PHONE:646 555 0100']);
    expect(masked('ref 1234 5678 9012 3456 7890 1234 5678')).toEqual([]);
    // North American numbers in any format, and many of them (each area code is a new number shape).
    for (const n of ['+1 (827) 816-3170', '+1 212 555 0134', '+1-646-555-0199', '+14155550123']) expect(masked(`You can reach me at ${n}.`)).toEqual([`PHONE:${n}`]);
    expect(masked('You can reach me at +1 827 816 31.')).toEqual([]);
    expect(masked('My phone: 415-555-0132')).toEqual(['PHONE:415-555-0132']);
    // A tel: link; any other word and colon before digits still says they are no phone.
    expect(masked('<a href="tel:+14155550123">call us</a>')).toEqual(['PHONE:+14155550123']);
    expect(masked('port:4155550100')).toEqual([]);
    expect(masked('Order #413-2072368-4392580 has shipped.')).toEqual([]);
    expect(masked('Budget approved: 1 900 544.00 JPY for Q3.')).toEqual([]);
    // Dotted numbers: a phone with a one-digit country code is one, an object identifier is not.
    expect(masked('Call 1.800.555.0142 or 01.23.45.67.89 today')).toEqual(['PHONE:1.800.555.0142', 'PHONE:01.23.45.67.89']);
    expect(masked("ds.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2.4.50'")).toEqual([]);
  });
  it('PHONE: not a decimal number such as an epoch time in seconds; dotted numbers still are', () => {
    // From an OpenAI Agents trace's JSON text: `"created_at": 1759223041.0` was masked as a phone number.
    expect(masked('{"id": "resp_0f00ca5b", "created_at": 1759223041.0, "instructions": "You are helpful"}')).toEqual([]);
    expect(masked('call 415.555.0132 or 030.1234567')).toEqual(['PHONE:415.555.0132', 'PHONE:030.1234567']);
  });
  it('PHONE: extensions are masked with the number, and a label after it ("-Fax", "office") is phone context', () => {
    expect(masked('Fax: 212-555-0147x221')).toEqual(['PHONE:212-555-0147x221']);
    expect(masked('Desk: +1-646-555-0199 ext. 12 today')).toEqual(['PHONE:+1-646-555-0199 ext. 12']);
    expect(masked('(0761) 38 29 55 office')).toEqual(['PHONE:(0761) 38 29 55']);
    expect(masked('Reception\\,0761382955-Fax')).toEqual(['PHONE:0761382955']);
    // Without a label or context word the same eight digits are no phone, and a screen size is no extension.
    expect(masked('Ref (0761) 38 29 55 closed')).toEqual([]);
    expect(masked('Resolution 1920x1080 at 60 Hz')).toEqual([]);
  });
  it('CREDIT_CARD and PHONE after a word that ends in a digit, but not inside a longer digit string or an IBAN', () => {
    // Before, any digit before the space ("claude-sonnet-5 4929…", an event id "…Hp9 4929…") was taken for a
    // digit group of a longer number, and the card or phone after it was never tried.
    expect(masked('model claude-sonnet-5 4929 0000 0000 0075')).toEqual(['CREDIT_CARD:4929 0000 0000 0075']);
    expect(masked('sevt_01G4be18SERP3BFF35UQhHp9 4929 0000 0000 0075')).toEqual(['CREDIT_CARD:4929 0000 0000 0075']);
    expect(masked('model v2 call 212-555-0142')).toEqual(['PHONE:212-555-0142']);
    // A phone's country code is a digit group too: no card from the groups after "+44".
    expect(masked('+44 4929 0000 0000 0075')).toEqual([]);
    // A four-character group of an account number still joins what follows: no card or phone inside an
    // IBAN that fails its checksum (before, "0000 0002 3569 874" here was a card).
    expect(masked('AL47 212A 1009 0000 0002 3569 874 and VG96 VPVG A000 0123 4567 8901')).toEqual([]);
  });
  it('CREDIT_CARD: Luhn-valid masked, Luhn-invalid not', () => {
    expect(masked('card 4111 1111 1111 1111 expires soon')).toEqual(['CREDIT_CARD:4111 1111 1111 1111']);
    expect(masked('card 4111 1111 1111 1112 expires soon')).toEqual([]);
    // Epoch times in milli- and microseconds (Luhn-valid ones) are not cards unless a word says so;
    // a 15-digit JCB number starting with 1 still is.
    expect(masked('span started at 1728803138291 and ended at 1728803138291000')).toEqual([]);
    expect(masked('my card 1728803138291 was declined')).toEqual(['CREDIT_CARD:1728803138291']);
    expect(masked('charged to 180051662803027 yesterday')).toEqual(['CREDIT_CARD:180051662803027']);
    expect(masked('ref 180051662803027')).toEqual([]);
  });
  it('IBAN: one right after another, and one after a word the pattern first takes for a start', () => {
    // The pattern runs on over spaced groups; before, what it ran over was skipped, so the second IBAN of a
    // list, or one after a hex id ("df41…" reads as a country code and check digits), was never tried.
    expect(masked('from DE84 3704 0044 0000 0000 03 to DE21 3704 0044 0000 0012 34')).toEqual(['IBAN:DE84 3704 0044 0000 0000 03', 'IBAN:DE21 3704 0044 0000 0012 34']);
    expect(masked('ibans: DE84370400440000000003 DE21370400440000001234')).toEqual(['IBAN:DE84370400440000000003', 'IBAN:DE21370400440000001234']);
    expect(masked('df41e597d0a85e0d7a6ae8ebfaa70aa0 DE84 3704 0044 0000 0000 03')).toEqual(['IBAN:DE84 3704 0044 0000 0000 03']);
  });
  it('IBAN: mod-97-valid masked, invalid not', () => {
    expect(masked('IBAN DE89 3704 0044 0532 0130 00 for the refund')).toEqual(['IBAN:DE89 3704 0044 0532 0130 00']);
    expect(masked('IBAN DE88 3704 0044 0532 0130 00 for the refund')).toEqual([]);
    // Followed by lower-case words: the country's length ends the IBAN, and only its own letters must be capitals.
    expect(masked('a transfer from GB33BUKB20201555555555 to other bank accounts')).toEqual(['IBAN:GB33BUKB20201555555555']);
    expect(masked('a transfer from gb33bukb20201555555555 to them')).toEqual([]);
  });
  it('ACCOUNT_NUMBER only next to account words', () => {
    expect(masked('my account number is 12345678')).toEqual(['ACCOUNT_NUMBER:12345678']);
    expect(masked('we shipped 12345678 units')).toEqual([]);
  });
  it('SSN with separators, or bare next to "SSN"', () => {
    expect(masked("Here's my SSN: 460-89-9847")).toEqual(['SSN:460-89-9847']);
    expect(masked('ssn 460899847')).toEqual(['SSN:460899847']);
    // "social" alone, as Americans say it; not social media's numbers.
    expect(masked('my social is 078051120; Social: 460899847')).toEqual(['SSN:078051120', 'SSN:460899847']);
    expect(masked('social media followers 078051120')).toEqual([]);
    expect(masked('078-05-0000')).toEqual([]);
  });
  it('IP_ADDRESS v4 and v6, not versions or 0.0.0.0', () => {
    expect(masked('blocked from 41.176.181.243 and 2001:db8::8a2e:370:7334')).toEqual([
      'IP_ADDRESS:41.176.181.243',
      'IP_ADDRESS:2001:db8::8a2e:370:7334',
    ]);
    expect(masked('Build 10.0.25929.4408 listening on 0.0.0.0:41993')).toEqual([]);
  });
  it("IP_ADDRESS: not Python's slices, which read like short IPv6 forms", () => {
    // From a SWE-agent trajectory (pydicom): every subscript became <IP_ADDRESS_n>.
    expect(masked('out[::6] = arr[::4]\nout[1::6], out[4::6] = arr[2::4], arr[2::4]\nx = a[1:3, ::2]')).toEqual([]);
    expect(masked('my ip: ::1, connecting from ::1')).toEqual(['IP_ADDRESS:::1', 'IP_ADDRESS:::1']);
    expect(masked('GET http://[2001:db8::1]:8080/ from fe80::1')).toEqual(['IP_ADDRESS:2001:db8::1', 'IP_ADDRESS:fe80::1']);
  });
  it('DATE_OF_BIRTH: a birthday without its year, and a date written year first with dots or slashes', () => {
    // Before, each of these was kept.
    expect(masked('my birthday is on 12/03; bday 3rd of May, thanks; birthday: March 12th; Date of Birth 1990.03.12')).toEqual([
      'DATE_OF_BIRTH:12/03',
      'DATE_OF_BIRTH:3rd of May',
      'DATE_OF_BIRTH:March 12th',
      'DATE_OF_BIRTH:1990.03.12',
    ]);
    // Not a birthday party's date, or a release's.
    expect(masked('the birthday party on 12/03')).toEqual([]);
    expect(masked('the release 2024.03.12')).toEqual([]);
  });
  it('DATE_OF_BIRTH with birth context, or a full date before 2006 without it, never a timestamp', () => {
    expect(masked('She was born on 10/23/1951.')).toEqual(['DATE_OF_BIRTH:10/23/1951']);
    expect(masked('The invoice is due 10/23/2024.')).toEqual([]);
    // An old full date is someone's birth date far more often than an order's.
    expect(masked("It's been like that since 4/17/1978")).toEqual(['DATE_OF_BIRTH:4/17/1978']);
    expect(masked('she turned up on 17 April 1978 with it')).toEqual(['DATE_OF_BIRTH:17 April 1978']);
    expect(masked('dob 1990-04-05')).toEqual(['DATE_OF_BIRTH:1990-04-05']);
    // Not a year alone, a two-digit year, a recent date, or a date with a time (a log line).
    expect(masked('We met in 1978 and again on 4/17/78.')).toEqual([]);
    expect(masked('Ordered on 2011-03-02, shipped 3/4/2019.')).toEqual([]);
    expect(masked('Date: 1992-02-08 20:15:24')).toEqual([]);
    expect(masked('Logged 1999-12-31T23:59:59Z')).toEqual([]);
  });
  it('SECRET: provider keys, bearer tokens, JWTs, private keys, connection strings, key=value', () => {
    expect(masked('GROQ_API_KEY=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')).toEqual([
      'SECRET: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',
    ]);
    expect(masked('Authorization: Bearer test_openai_api_key')).toEqual(['SECRET:test_openai_api_key']);
    expect(masked('use Basic dXNlcjpwYXNzd29yZA== here')).toEqual(['SECRET:dXNlcjpwYXNzd29yZA==']);
    // A word after a scheme's name is prose: a fare class, a plan.
    expect(masked('Cabin: Basic Economy: $51, Bearer Bonds are old')).toEqual([]);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(masked(`token ${jwt}`)).toEqual([`SECRET:${jwt}`]);
    expect(masked('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----')).toHaveLength(1);
    expect(masked('db: postgres://api_user:myC0mpl3xPwd@db.internal.com:5432/api_db')).toEqual([
      'SECRET:postgres://api_user:myC0mpl3xPwd@db.internal.com:5432/api_db',
    ]);
    expect(masked('password = "hunter2hunter"')).toEqual(['SECRET:hunter2hunter']);
    expect(masked('pk_live_AAAAAAAAAAAAAAAAAAAAAAAA is a publishable key')).toEqual([]);
  });
  it('SECRET: not a list or object under a key with "token" in it (Gemini\'s usage metadata)', () => {
    // From google-adk's trace: `[{"modality":"TEXT"` was masked, breaking the JSON text around it.
    const usage = '{"candidates_token_count":6,"candidates_tokens_details":[{"modality":"TEXT","token_count":6}],"prompt_token_count":39}';
    expect(masked(usage)).toEqual([]);
    expect(masked('{"session_token":"Zq8fK2mN9pL4xR7vT1wB3cY6"}')).toEqual(['SECRET:Zq8fK2mN9pL4xR7vT1wB3cY6']);
  });
  it('SECRET: Azure account keys, passwords in prose and with "&", connection strings without a user', () => {
    const azure = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    expect(masked(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${azure};EndpointSuffix=core.windows.net`)).toEqual([`SECRET:${azure}`, 'URL:core.windows.net']);
    expect(masked('cache at redis://:p4ssw0rd@localhost:6379 now')).toEqual(['SECRET:redis://:p4ssw0rd@localhost:6379']);
    expect(masked('my password is hunter2.')).toEqual(['SECRET:hunter2']);
    expect(masked('my password: Tr0ub4dor&3')).toEqual(['SECRET:Tr0ub4dor&3']);
    expect(masked('GET /login?pwd=abc123&user=x HTTP/1.1')).toEqual(['SECRET:abc123']);
    // Not: a word after "is", ids that frameworks call keys, and names that only contain "key".
    expect(masked('the password is incorrect; your password was changed')).toEqual([]);
    expect(masked('{"crew_key": "4d5b21867b638a1846a38dc4af8e29a4", "cache_key": "user:12345:profile:v2"}')).toEqual([]);
    expect(masked('keys: typing.Optional[typing.Union[Field, type]] = None')).toEqual([]);
  });
  it('SECRET: provider formats found by their prefix alone, in prose without any key word', () => {
    let seed = 7;
    const chars = (set: string, n: number): string => {
      let s = '';
      for (let i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        s += set[(seed >>> 16) % set.length];
      }
      return s;
    };
    const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const hex = '0123456789abcdef';
    const tokens = [
      `ops_eyJ${chars(alnum, 120)}`,
      `cfat_${chars(alnum, 48)}`,
      `cfk_${chars(alnum, 48)}`,
      `figd_${chars(alnum, 43)}`,
      `dop_v1_${chars(hex, 64)}`,
      `dp.pt.${chars(alnum, 43)}`,
      `PMAK-${chars(hex, 24)}-${chars(hex, 34)}`,
      `pul-${chars(hex, 40)}`,
      `NRAK-${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27)}`,
      `sbp_${chars(hex, 40)}`,
      `r8_${chars(alnum, 37)}`,
      `pplx-${chars(alnum, 48)}`,
      `GOCSPX-${chars(alnum, 28)}`,
      `whsec_${chars(alnum, 32)}`,
      `key-${chars(hex, 32)}`,
      `AGE-SECRET-KEY-1${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 58)}`,
      `glrt-${chars(alnum, 20)}`,
    ];
    for (const t of tokens) expect(masked(`it was ${t} yesterday`), t).toEqual([`SECRET:${t}`]);
    // The lengths are the providers': one character more or less is another string.
    expect(masked(`it was cfat_${chars(alnum, 49)} yesterday`)).toEqual([]);
    expect(masked(`it was key-${chars(hex, 31)} yesterday`)).toEqual([]);
    // Go's := assigns too, and a JDBC URL is masked with its jdbc: prefix.
    expect(masked('clientSecret := "q8Ze2LmV0aRtY5sWc3XnB7uKp1HjD9gF"')).toEqual(['SECRET:q8Ze2LmV0aRtY5sWc3XnB7uKp1HjD9gF']);
    expect(masked('url = jdbc:mysql://report:Tr0ub4dor@db.internal:3306/sales')).toEqual(['SECRET:jdbc:mysql://report:Tr0ub4dor@db.internal:3306/sales']);
  });
  it('URL with credentials or tokens', () => {
    expect(masked('see https://example.com/reset?token=abc123def456 now')).toEqual(['URL:https://example.com/reset?token=abc123def456']);
    expect(createRedactor({ urls: 'credentials' }).detect('docs at https://example.com/guide')).toEqual([]);
  });
  it('URL: with urls: credentials, the values of sensitive query parameters, by their key', () => {
    const rr = createRedactor({ urls: 'credentials', sensitiveKeys: ['member'] });
    const url = 'GET https://api.example.com/users?name=Maria%20Gonzalez&phone=%2B14155550100&member=M-77&limit=5&customer%5Fname=Ana+Ruiz';
    const p = new Pseudonymizer((v) => v);
    // Before, "Gonzalez" and the phone number were left in the URL (only "Maria" was found).
    expect(rr.redactText(url, p)).toBe('GET https://api.example.com/users?name=<PERSON_1>&phone=<PHONE_1>&member=<MEMBER_1>&limit=5&customer%5Fname=<PERSON_2>');
    // A file's name under a name key stays: a person's name has no extension.
    expect(rr.detect('https://example.com/files?name=report.pdf&v=2')).toEqual([]);
    expect(rr.detect('https://example.com/?name=J.R.').map((f) => f.type)).toEqual(['PERSON']);
  });
  it('URL: a bare domain, but not a build file named like one', () => {
    expect(masked('visit Google.com or shop.example.in')).toEqual(['URL:Google.com', 'URL:shop.example.in']);
    // "MANIFEST.in" and "Makefile.in" are files of a source tree (coding agents list them); so is any one
    // all-capitals label, which leaves a domain written "IBM.com" unmasked too.
    expect(masked('ls: LICENSE MANIFEST.in Makefile.in setup.cfg')).toEqual([]);
  });
  it('ADDRESS: street with number, unit, postal code after a cue', () => {
    expect(masked('Please send it to 221 Baker Street, London')).toEqual(['ADDRESS:221 Baker Street, London']);
    expect(masked('The bus station is on Villacher Strasse 89')).toEqual(['ADDRESS:Villacher Strasse 89']);
    expect(masked('my zip code is 35350')).toEqual(['ADDRESS:35350']);
    expect(masked('We sold 221 units in Q3.')).toEqual([]);
  });
  it('ADDRESS: not a street word alone before a number (a GitHub page\'s "Fork 234"), unless a place, an article or a cue says so', () => {
    expect(masked('- [Fork 234](#) - [Star 894](#)\nRoad 5 is closed; see Lane 3.')).toEqual([]);
    expect(masked('Ship to Park 12, 80331 München')).toEqual(['ADDRESS:Park 12, 80331 München']);
    // After an article that names a street, or an address cue, it is one.
    expect(masked('Ich wohne Am Markt 12 in Bonn')).toEqual(['ADDRESS:Markt 12']);
    expect(masked('Please ship to Park 12.')).toEqual(['ADDRESS:Park 12']);
    expect(masked('Kärntner Straße 12, Wien and Calle 5')).toEqual(['ADDRESS:Kärntner Straße 12, Wien', 'ADDRESS:Calle 5']);
    expect(masked('pedestrians must enter on hegyalja út 98.')).toEqual(['ADDRESS:út 98']);
  });
  it("PERSON: a chat log's speaker after the line's time, or with a role or the time before the colon", () => {
    const log = '[10:02] Zqxette: hi, my order is late\n[10:03] Agent: sorry about that\n10:03 PM Thandiwe: hello\n2024-06-01 10:02:11 - Kwame: hi';
    expect(masked(log)).toEqual(['PERSON:Zqxette', 'PERSON:Thandiwe', 'PERSON:Kwame']);
    expect(masked('Zqxette (customer): hi\nThandiwe [10:02]: my card')).toEqual(['PERSON:Zqxette', 'PERSON:Thandiwe']);
    // A level in brackets is no time; a time in the middle of a line opens no speaker.
    expect(masked('[ERROR] Kubernetes: failed\nthe job ran at 10:02 Zqxette: no')).toEqual([]);
  });
  it('PERSON: a Vietnamese name whole, its given name an English word or not ("Nguyễn Văn An")', () => {
    // Before, "An" and "Long" were trimmed as English words, and "Lê" as a sentence's first word.
    expect(masked('Nguyễn Văn An called; Phạm Đức Long is here; Lê Minh Anh too')).toEqual(['PERSON:Nguyễn Văn An', 'PERSON:Phạm Đức Long', 'PERSON:Lê Minh Anh']);
    // A city named like a person is the city.
    expect(masked('Ho Chi Minh City is big')).toEqual([]);
  });
  it("PERSON: a sentence about someone's life opens with their name; an honorific names someone in lower-case text", () => {
    expect(masked('Mourik began writing as a teenager. Zqxette grew up in Harare.')).toEqual(['PERSON:Mourik', 'PERSON:Zqxette']);
    expect(masked('mr. elliott flew to paris on friday')).toEqual(['PERSON:elliott']);
    // Software begins things too.
    expect(masked('Kubernetes began rolling out the update.')).toEqual([]);
  });
  it('PERSON: two words no list knows before a role in apposition and a verb of saying', () => {
    expect(masked('Hijacinta Godina, the Technical writer, said: "hi". Zqxette Vrumple, our support lead, wrote back.')).toEqual([
      'PERSON:Hijacinta Godina',
      'PERSON:Zqxette Vrumple',
    ]);
    expect(masked('Acme Rocket, the new product, said nothing.')).toEqual([]);
  });
  it("PERSON: a line of its own above a job title, as signature blocks write it", () => {
    expect(masked('Best,\nTendai Moyo\nSenior Support Engineer\nAcme Inc')).toEqual(['PERSON:Tendai Moyo']);
    expect(masked('Zqxette Vrumple\nHead of Product')).toEqual(['PERSON:Zqxette Vrumple']);
    // A team or a heading above a title is no one.
    expect(masked('Support Team\nCustomer Success Manager\n\nRelease Notes\nSenior Engineer review pending')).toEqual([]);
  });
  it('PERSON: a closing quote after a name stays, so quoted text and Python reprs keep their quotes', () => {
    const p = new Pseudonymizer(createKeyedHash(Buffer.from('k')));
    // Before: "{'name': '<PERSON_1>, 'ssn': …}" and "he said '<PERSON_1> twice".
    expect(createRedactor().redactText("{'name': 'Kwame Mensah'} and he said 'Kwame Mensah' twice; the Jones' house, O'Brien's car", p)).toBe(
      "{'name': '<PERSON_1>'} and he said '<PERSON_1>' twice; the <PERSON_2>' house, <PERSON_3>'s car",
    );
  });
  it('PERSON: names of East and Southern Africa, South and Southeast Asia, the Pacific and the Andes are in the lists', () => {
    // Alone (a JSON value, a table cell), with no cue around them, these were kept: no list knew them.
    for (const name of ['Tendai Moyo', 'Wanjiru Kamau', 'Achieng Otieno', 'Thandiwe Mokoena', 'Farhana Begum', 'Nadeem Chaudhry', 'Aung Kyaw', 'Sophea Chea', 'Sione Tupou', 'Maricel Dimaculangan', 'Wayan Sudarsana', 'Aroha Ngata', 'Tupac Huaman']) {
      expect(masked(name)).toEqual([`PERSON:${name}`]);
    }
  });
  it("PERSON: names of India's regions, Nepal, the Gulf, Egypt, the Maghreb, Hausa, Igbo, Ethiopia, Indonesia, China and Korea are in the lists", () => {
    // Alone, these were kept (a JSON value, a table cell, a reply signed with a given name): no list knew them.
    for (const name of ['Priyanka', 'Srinivas Venkataraman', 'Gurpreet Sandhu', 'Kavya Kulkarni', 'Arnab Sengupta', 'Asif Bhatti', 'Bikash Poudel', 'Tharindu Jayasinghe',
      'Mohammed Alghamdi', 'Hazem Elsayed', 'Youcef Benali', 'Aliyu Abubakar', 'Chukwudi Nwankwo', 'Tigist Kebede', 'Fajar Nasution', 'Xiaoming', 'Seoyeon', 'Supaporn']) {
      expect(masked(name)).toEqual([`PERSON:${name}`]);
    }
    // The Gulf's family names after "Al" are one name with it.
    expect(masked('Please contact Fahad Al Qahtani today')).toEqual(['PERSON:Fahad Al Qahtani']);
    // Words that were left out on purpose: German nouns ("Sohn", "Daher") and a city's second word.
    expect(masked('Daher ist mein Sohn krank. Bandar Seri Begawan.')).toEqual([]);
  });
  it('PERSON: a sign-off before the sender\'s name ("Best, Sven", "Thx, Priyanka") is not a name', () => {
    // Before, "Best" and "Love" (surnames too) were masked as a list of names with the sender's.
    expect(masked('Thanks for the help.\nBest, Sven')).toEqual(['PERSON:Sven']);
    expect(masked('Love, Sven')).toEqual(['PERSON:Sven']);
    expect(masked('Can you approve it? Thx, Zqxette')).toEqual(['PERSON:Zqxette']);
    expect(masked('TIA, Zqxette')).toEqual(['PERSON:Zqxette']);
    // Elsewhere such a word is still someone's name beside another, and a heading is no one.
    expect(masked('I met Best, Sven and Ola')).toEqual(['PERSON:Best', 'PERSON:Sven', 'PERSON:Ola']);
    expect(masked('Best Practices')).toEqual([]);
  });
  it('PERSON: a German role compound before a colon labels a name, it is not a speaker', () => {
    // Before, "Teilnehmer" and "Kontaktperson" were masked as speakers and an unknown name after them was kept.
    expect(masked('Teilnehmer: Zqxette Vrumple\nKontaktperson: Blorp Quenwick')).toEqual(['PERSON:Zqxette Vrumple', 'PERSON:Blorp Quenwick']);
    expect(masked('Zqxette: hallo')).toEqual(['PERSON:Zqxette']);
  });
  it("PERSON: the owner's name in parentheses after an address or a handle", () => {
    expect(masked('From: zv@example.org (Zqxette Vrumple)\nopened by @tmoyo (Tendai Moyo)')).toEqual([
      'EMAIL:zv@example.org',
      'PERSON:Zqxette Vrumple',
      'PERSON:Tendai Moyo',
    ]);
    // Words of the language, and one unknown word, are no one's name.
    expect(masked('see @docs (Getting Started); npm i @types/node (Node); mail me@x.io (work)')).toEqual(['EMAIL:me@x.io']);
  });
  it('PERSON: a greeting with a comma, and "name\'s" after anyone\'s', () => {
    // Before, a name the lists lack was kept after "Hi," (only "Hi Zqxette" was masked) and after "Her name's".
    expect(masked("Hi, Zqxette here. Her name's Thandiwe and she called twice.")).toEqual(['PERSON:Zqxette', 'PERSON:Thandiwe']);
    expect(masked("The account is under my husband's name, Tafadzwa Sibanda.")).toEqual(['PERSON:Tafadzwa Sibanda']);
    expect(masked('Your name, please? Enter the name, then Save.')).toEqual([]);
    expect(masked('Hi, I need help. Hello, World! Hey, Thanks. Hi, Can you help? Hi, Support team')).toEqual([]);
  });
  it('ADDRESS: a street named without its type when a place and a postal code follow ("45 Kingsway, London WC2B 6SE")', () => {
    // Before, only "Flat 3" was masked and the street, city and postcode were kept.
    expect(masked('Please send it to Flat 3, 45 Kingsway, London WC2B 6SE')).toEqual(['ADDRESS:Flat 3, 45 Kingsway, London WC2B 6SE']);
    expect(masked('Office: 7 Broadwalk, Harare 00263.')).toEqual(['ADDRESS:7 Broadwalk, Harare 00263']);
    // Dictionary words around a number and a code are no street and place.
    expect(masked('Version 2 Beta, Release 12345; I paid 45 Euros, Berlin 10115')).toEqual([]);
  });
  it('ADDRESS: Indian addresses, parts separated by commas or lines, up to a city or state and its PIN code', () => {
    // Before, only "Flat 302, Sai Residency" was masked (and "Cross" as a surname); the rest, city and PIN included, was kept.
    expect(masked('Deliver to: Flat 302, Sai Residency, 14th Cross, MG Road, Bengaluru, Karnataka 560001. Ph: 98450 12345')).toEqual([
      'ADDRESS:Flat 302, Sai Residency, 14th Cross, MG Road, Bengaluru, Karnataka 560001',
      'PHONE:98450 12345',
    ]);
    expect(masked('H.No. 8-2-293/82/A, Road No. 36, Jubilee Hills, Hyderabad - 500033')).toEqual(['ADDRESS:H.No. 8-2-293/82/A, Road No. 36, Jubilee Hills, Hyderabad - 500033']);
    expect(masked('Please ship it to B-204, Shanti Apartments, Andheri West, Mumbai 400 058, India today')).toEqual([
      'ADDRESS:B-204, Shanti Apartments, Andheri West, Mumbai 400 058, India',
    ]);
    expect(masked('My address is\nFlat 4B\nGreen Park\nNew Delhi 110016')).toEqual(['ADDRESS:Flat 4B\nGreen Park\nNew Delhi 110016']);
    // The addressee's name before the address is a person, not part of it; after "PIN" the number alone is enough.
    expect(masked('Priya Sharma, 12 Park Street, Kolkata 700016')).toEqual(['PERSON:Priya Sharma', 'ADDRESS:12 Park Street, Kolkata 700016']);
    expect(masked('pincode: 560001')).toEqual(['ADDRESS:560001']);
    // Six digits after no place the lists know are no PIN code.
    expect(masked('the build 560001 passed; Order 411001; SKU-560001')).toEqual([]);
  });
  it('ADDRESS: Singapore, Nigerian, Kenyan, Malaysian and romanised Japanese addresses', () => {
    // Before: "Blk", "Lot" and "No." were kept, "Adeola Odeku" and "Victoria" were masked as people with the
    // street words kept, the box's postal code was a PHONE, and the Malaysian and Japanese ones were kept whole.
    for (const a of [
      'Blk 123 Ang Mo Kio Ave 3, #12-34, Singapore 560123',
      'No. 5, Adeola Odeku Street, Victoria Island, Lagos',
      'P.O. Box 12345-00100, Nairobi',
      'Lot 12, Jalan Ampang, 50450 Kuala Lumpur',
      '3-chome-1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005',
    ])
      expect(masked(`Ship to ${a}`)).toEqual([`ADDRESS:${a}`]);
    // A block, a lot or a number before a comma and words of the language are no address.
    expect(masked('a code block 5 lines long; I bought lot 12 at the auction; we won 5, Best Street Food awards; item 3, Park Lane Hotel')).toEqual([]);
  });
  it('ADDRESS: a word of the language after a full stop or a plain space opens the next sentence, not a place', () => {
    // Before: "<ADDRESS_1> contact: her son …", the address ran on over "Emergency".
    expect(masked('lives at 1742 Brookhaven Dr, Marietta, GA 30062. Emergency contact: none')).toEqual(['ADDRESS:1742 Brookhaven Dr, Marietta, GA 30062']);
    expect(masked('Send it to 45 Elm Street. Tomorrow works')).toEqual(['ADDRESS:45 Elm Street.']);
    // "Dr" after a street's name is the street's type, not a title before a name.
    expect(masked('1742 Brookhaven Dr Emergency contact')).toEqual(['ADDRESS:1742 Brookhaven Dr']);
    // Places still follow: a city after a full stop, and one in capitals.
    expect(masked('12 Main St. Louis, MO 63101')).toEqual(['ADDRESS:12 Main St. Louis, MO 63101']);
    expect(masked('143 rue de la Hulotais Apt. 087 SAINT-PRIEST France')).toEqual(['ADDRESS:143 rue de la Hulotais Apt. 087 SAINT-PRIEST France']);
  });
  it('ADDRESS: a lower-case English word or abbreviation between numbers names no street', () => {
    // A card's last digits and its expiry, and an order, were typed ADDRESS ("postal code, street, number").
    expect(masked('card ending 1111 exp 12/26; Order 1111 shipped 12/26')).toEqual([]);
    expect(masked('Card: 4111 1111 1111 1111 exp 12/26')).toEqual(['CREDIT_CARD:4111 1111 1111 1111']);
    // A lower-case text's street that no dictionary knows still is one.
    expect(masked('the bus drops you off at 74678 midtvollen 130 st.')).toEqual(['ADDRESS:74678 midtvollen 130']);
  });
  it('ADDRESS: a street named by another street word keeps its type ("Pine Lane", not "Pine")', () => {
    // tau-bench's user records, read as text: "Pine" is a street type too, and "Lane" was left out.
    expect(masked('{"address1": "377 Pine Lane", "address2": "Suite 694"}')).toEqual(['ADDRESS:377 Pine Lane', 'ADDRESS:Suite 694']);
    expect(masked('"377 Park Avenue"')).toEqual(['ADDRESS:377 Park Avenue']);
  });
  it('ADDRESS: units, military addresses, a city before its postal code and corners (each behind a cheap pre-check)', () => {
    expect(masked('Deliver to 12 Oak Lane, Apt 4B, Springfield')).toEqual(['ADDRESS:12 Oak Lane, Apt 4B, Springfield']);
    expect(masked('Ship to Suite #210, 500 Market Street')).toEqual(['ADDRESS:Suite #210, 500 Market Street']);
    expect(masked('Mail it to P.O. Box 1234, Austin TX 78701')).toEqual(['ADDRESS:P.O. Box 1234, Austin TX 78701']);
    expect(masked('Wohnung 5, Hauptstraße 12, 10115 Berlin')).toEqual(['ADDRESS:Wohnung 5, Hauptstraße 12, 10115 Berlin']);
    expect(masked('Ste.210 is upstairs')).toEqual(['ADDRESS:Ste.210']);
    expect(masked('apt 7 please')).toEqual(['ADDRESS:apt 7']);
    expect(masked('PSC 1234, Box 5678\nAPO AE 09012')).toEqual(['ADDRESS:PSC 1234, Box 5678\nAPO AE 09012']);
    expect(masked('She lives in Acquapendente 1021 now')).toEqual(['ADDRESS:Acquapendente 1021']);
    expect(masked('We live on the corner of Elm Street and Main Street in town.')).toEqual(['ADDRESS:the corner of Elm Street and Main Street']);
    // Look-alikes: a year after a city, a room number alone, a case number, dates and ids.
    expect(masked('We met in Berlin 2019 at a conference')).toEqual([]);
    expect(masked('See Room 5 for details')).toEqual([]);
    expect(masked('I reviewed the account (case 38442). Thanks.')).toEqual([]);
    expect(masked('Ordered on 2024-05-14, SKU-664226, total 1,250.00')).toEqual([]);
  });
  it('ADDRESS: a region code of any spelling before the postal code, a street named without a number, city postcodes of other countries', () => {
    // The block runs on over "<city>, <region> <postal code>", whatever the region looks like in an export.
    expect(masked('Send it to 48 Quellweg 7\nBORKUM, nd 26757 please')).toEqual(['ADDRESS:48 Quellweg 7\nBORKUM, nd 26757']);
    expect(masked('Address: 910 Larkspur Road Apt. 12\nFENWICK\n, 07\n 33412')).toEqual(['ADDRESS:910 Larkspur Road Apt. 12\nFENWICK\n, 07\n 33412']);
    // "and" starts the next address: two blocks, not one.
    expect(masked('ship to 12 Oak Lane, Springfield, IL 62704, and 5 Elm Road, Dover')).toEqual(['ADDRESS:12 Oak Lane, Springfield, IL 62704', 'ADDRESS:5 Elm Road, Dover']);
    // A street named after a preposition, without a house number.
    expect(masked('They used to rehearse on Quarry Bend Street every night.')).toEqual(['ADDRESS:Quarry Bend Street']);
    expect(masked('The shop off Tollgate Avenue closed.')).toEqual(['ADDRESS:Tollgate Avenue']);
    expect(masked('We drove down the Road to nowhere, then saved it to Google Drive.')).toEqual([]);
    // "in <City> <code>" with particles, a district letter, and Portuguese, Swedish and Czech code formats
    // (the city's own words are the name recognizer's business: only the addresses are checked here).
    const addresses = (t: string): string[] => masked(t).filter((m) => m.startsWith('ADDRESS:'));
    expect(addresses('a branch in Vila Nova de Gaia 4400-239 opened')).toEqual(['ADDRESS:4400-239']);
    expect(addresses('the office in Århus C 8000 moved')).toEqual(['ADDRESS:8000']);
    expect(addresses('a depot in Kiruna 981 38 and more')).toEqual(['ADDRESS:981 38']);
    // Still not a year, nor a three-digit count.
    expect(masked('born in Lisbon 1984 and raised in Porto 120 miles away')).toEqual([]);
  });
  it('ADDRESS: Polish, Canadian and British postal codes, a region line before the country, lost-character indentation', () => {
    expect(masked('Ship to ul. Ogrodowa 12 Apt. 3\n  Kraków\n  30-001')).toEqual(['ADDRESS:ul. Ogrodowa 12 Apt. 3\n  Kraków\n  30-001']);
    // A building and flat number ("12/4"), as Polish and Czech addresses write them; a date is not one.
    expect(masked('Mieszkam przy ul. Lipowej 12/4, 30-001 Kraków')).toEqual(['ADDRESS:ul. Lipowej 12/4, 30-001 Kraków']);
    expect(masked('Delivered 2024/10/12 to the Elm Street depot')).toEqual([]);
    // A number before a glued street name alone, in the English order, when a place follows its comma
    // (before, the house number and the postal code stayed visible beside two PERSON placeholders).
    expect(masked('Please ship it to 168 Hauptstraße, Berlin 00985 instead.')).toEqual(['ADDRESS:168 Hauptstraße, Berlin 00985']);
    expect(masked('521 Drottninggatan, Leeds 45437')).toEqual(['ADDRESS:521 Drottninggatan, Leeds 45437']);
    // Streets named by an ordinal, with or without a direction, as US cities number them; before, only
    // "123 W" was masked and "42nd St, New York, NY 10036" stayed.
    expect(masked('ship to 123 W 42nd St, New York, NY 10036')).toEqual(['ADDRESS:123 W 42nd St, New York, NY 10036']);
    expect(masked('350 5th Avenue, New York, NY 10118')).toEqual(['ADDRESS:350 5th Avenue, New York, NY 10118']);
    expect(masked('deliver to 1234 NE 3rd St, Unit 5, Bellevue, WA 98004')).toEqual(['ADDRESS:1234 NE 3rd St, Unit 5, Bellevue, WA 98004']);
    // Japanese, Chinese and Korean addresses, from the largest unit down (full-width digits included);
    // a region named in prose is not one.
    expect(masked('住所は〒100-0001 東京都千代田区千代田1-1です')).toEqual(['ADDRESS:〒100-0001 東京都千代田区千代田1-1']);
    expect(masked('大阪府大阪市北区梅田３－１－１')).toEqual(['ADDRESS:大阪府大阪市北区梅田３－１－１']);
    expect(masked('收货地址：广东省深圳市南山区科技园路1号')).toEqual(['ADDRESS:广东省深圳市南山区科技园路1号']);
    expect(masked('서울특별시 강남구 테헤란로 152')).toEqual(['ADDRESS:서울특별시 강남구 테헤란로 152']);
    expect(masked('東京都の天気は晴れ。北京市的天气。我知道1号线')).toEqual([]);
    // The verb or preposition before a Chinese address is not part of it (a city's name is two to four
    // characters, so "寄到北京市" was taken whole); a city that starts like one keeps its name.
    expect(masked('请寄到北京市朝阳区建国路88号，我住在上海市浦东新区世纪大道100号')).toEqual(['ADDRESS:北京市朝阳区建国路88号', 'ADDRESS:上海市浦东新区世纪大道100号']);
    expect(masked('地址是乌鲁木齐市天山区解放北路1号')).toEqual(['ADDRESS:乌鲁木齐市天山区解放北路1号']);
    // A ranking after a count is not a street.
    expect(masked('we won 3 1st place medals; he finished 2 2nd Place')).toEqual([]);
    // Not without the comma and a place, nor for a word that only ends like one.
    expect(masked('It took 12 Stellenweg, and more')).toEqual([]);
    expect(masked('I bought 3 Bratwurst, Sauerkraut and beer')).toEqual([]);
    expect(masked('Send it to 18 Harbour Road Suite 5\n   Lunenburg\n    NS\n    B0J 2C0')).toEqual(['ADDRESS:18 Harbour Road Suite 5\n   Lunenburg\n    NS\n    B0J 2C0']);
    expect(masked('Address: 27 Quayside Road\nNEWCASTLE\n, xx\n England NE1 3DX')).toEqual(['ADDRESS:27 Quayside Road\nNEWCASTLE\n, xx\n England NE1 3DX']);
    // "?" and no-break spaces where an export lost a character, at the start of each line.
    expect(masked('Mail: Birkenweg 9\n??? Suite 12\n??? Zug\n??? Switzerland 6300')).toEqual(['ADDRESS:Birkenweg 9\n??? Suite 12\n??? Zug\n??? Switzerland 6300']);
    // An abbreviation's full stop ends the clause: the region is part of the address.
    expect(masked('I lived at 5 Tammikatu 9 Apt. 2 TURKU FI. Then I moved.')).toEqual(['ADDRESS:5 Tammikatu 9 Apt. 2 TURKU FI.']);
    // A short line that is no place is not swallowed.
    expect(masked('Deliver to 12 Oak Lane, Springfield\nok\nThanks a lot')).toEqual(['ADDRESS:12 Oak Lane, Springfield']);
  });
  it('reads numbers written with look-alike characters: non-breaking hyphens, en dashes, full-width digits', () => {
    // GPT-4o and later models write U+2011 in phone numbers ("555‑0100"); before, none of these was found.
    expect(masked('Call me at 415\u2011555\u20110100 tomorrow')).toEqual(['PHONE:415\u2011555\u20110100']);
    expect(masked('my card is 4111\u20111111\u20111111\u20111111')).toEqual(['CREDIT_CARD:4111\u20111111\u20111111\u20111111']);
    expect(masked('SSN: 078\u201305\u20131120')).toEqual(['SSN:078\u201305\u20131120']);
    expect(masked('IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000')).toEqual(['IBAN:DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000']);
    expect(masked('電話は０３－１２３４－５６７８です')).toEqual(['PHONE:０３－１２３４－５６７８']);
    expect(masked('ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual(['EMAIL:ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ']);
    // Zero-width spaces, soft hyphens and a byte order mark, as text copied from chat apps and web pages has them.
    expect(masked('mail jane\u200b@example.com now')).toEqual(['EMAIL:jane\u200b@example.com']);
    expect(masked('Maria Gonza\u00adlez called')).toEqual(['PERSON:Maria Gonza\u00adlez']);
    expect(masked('\ufeffjane@example.com')).toEqual(['EMAIL:jane@example.com']);
    // Escapes written out ("\\n" as two characters, in a Python repr or JSON escaped twice): before,
    // "nJohn" hid the given name and "n12" the house number.
    expect(masked('line one\\nJohn Smith\\n12 Baker Street')).toEqual(['PERSON:John Smith', 'ADDRESS:12 Baker Street']);
    // Ranges written with an en dash stay what they were.
    expect(masked('open 9–5 daily, pages 100–120, from 1990–2000')).toEqual([]);
  });
  it('PERSON: the display name of a bracketed email address, even unknown or in lower case', () => {
    expect(masked('From: Zqxette Vrumple <zv@example.com>')).toEqual(['PERSON:Zqxette Vrumple', 'EMAIL:zv@example.com']);
    expect(masked('please contact john smith <jsmith@corp.com> today')).toEqual(['PERSON:john smith', 'EMAIL:jsmith@corp.com']);
    expect(masked('Cc: "Smith, John" <john@x.com>')).toEqual(['PERSON:Smith, John', 'EMAIL:john@x.com']);
    // Outlook writes the surname first without quotes; it shares the placeholder of the name written out.
    expect(masked('From: Vrumple, Zqxette <zv@acme.io>\nTo: Quenwick, Blorp <bq@acme.io>; Moyo, Tendai <tm@acme.io>')).toEqual([
      'PERSON:Vrumple, Zqxette',
      'EMAIL:zv@acme.io',
      'PERSON:Quenwick, Blorp',
      'EMAIL:bq@acme.io',
      'PERSON:Moyo, Tendai',
      'EMAIL:tm@acme.io',
    ]);
    const p = new Pseudonymizer(createKeyedHash(Buffer.from('k')));
    expect(createRedactor().redactText('From: Vrumple, Zqxette <zv@acme.io>\nHi Zqxette Vrumple,', p)).toBe('From: <PERSON_1> <<EMAIL_1>>\nHi <PERSON_1>,');
    expect(masked('cc: Sales, Marketing <team@acme.io>')).toEqual(['EMAIL:team@acme.io']);
    // A package.json's author: the JSON string opens right before the name.
    expect(masked('"author": "Zqxette Vrumple <zv@example.com>",')).toEqual(['PERSON:Zqxette Vrumple', 'EMAIL:zv@example.com']);
    // A team, an instruction, a handle or a lone unknown word (more likely a company) is not someone.
    for (const t of ['From: Acme Support <support@acme.com>', 'Reply to <support@acme.com>', 'From: noreply <noreply@github.com>', 'From: Zendesk <z@zendesk.com>'])
      expect(masked(t)).toEqual([`EMAIL:${/<(.*)>/.exec(t)?.[1] ?? ''}`]);
  });
  it('PERSON: Chinese, Japanese and Korean names where a cue says so, not role words', () => {
    expect(masked('担当の田中様、お問い合わせありがとうございます。')).toEqual(['PERSON:田中']);
    expect(masked('私は田中太郎です。')).toEqual(['PERSON:田中太郎']);
    expect(masked('我叫王小明，我的订单还没到。')).toEqual(['PERSON:王小明']);
    expect(masked('김민수님, 주문이 배송되었습니다. 저는 이영희입니다.')).toEqual(['PERSON:김민수', 'PERSON:이영희']);
    // Roles and polite nouns take the same suffixes; words that merely end in 様 are no honorific.
    expect(masked('担当者様へ。ご苦労様です。製品仕様は以下の通り。店員さんに聞いた。')).toEqual([]);
    expect(masked('고객님, 감사합니다. 부모님께 확인 결과입니다.')).toEqual([]);
  });
  it('PERSON: names of airports, hospitals and counties are places, not people', () => {
    expect(masked('Origin: Detroit Metropolitan Wayne County Airport (DTW)')).toEqual([]);
    expect(masked('served by John F. Kennedy International Airport (JFK)')).toEqual([]);
    expect(masked('I work at Johns Hopkins Hospital')).toEqual([]);
    // Nor is the plural of an acronym someone.
    expect(masked('# LangSmith Client SDKs\n\nPlaceholder documentation URLs should NOT be detected')).toEqual([]);
    // Surnames that are also such nouns stay names, and so do people near one.
    expect(masked('Thomas Park called me')).toEqual(['PERSON:Thomas Park']);
    expect(masked('Maria Gonzalez called from the airport')).toEqual(['PERSON:Maria Gonzalez']);
  });
  it('PERSON: a form-field label in another language is no speaker name', () => {
    expect(masked('Adresse: Hauptstraße 5, 10115 Berlin')).toEqual(['ADDRESS:Hauptstraße 5, 10115 Berlin']);
    expect(masked('Adres: ul. Długa 5, 00-238 Warszawa')).toEqual(['ADDRESS:ul. Długa 5, 00-238 Warszawa']);
    expect(masked('Nombre: Juan Pérez')).toEqual(['PERSON:Juan Pérez']);
    // A speaker's name before a colon still is one.
    expect(masked('Ingrid: can you check my order?')).toEqual(['PERSON:Ingrid']);
  });
  it('PERSON: an English compound of two dictionary words before a colon labels a field, not a speaker', () => {
    // Coding agents' summaries: each label was masked as a person ("<PERSON_1>: see below").
    const text = 'The build failed.\nTraceback: see below\nWorkaround: pin the version\nChangelog: updated\nHotfix: shipped';
    expect(masked(text)).toEqual([]);
    // Speakers the name lists lack still are people.
    expect(masked('Zqxette: hello there\nThandiwe: yes please')).toEqual(['PERSON:Zqxette', 'PERSON:Thandiwe']);
    // A docstring's indented type ("Dict" was <PERSON_1>); a speaker in a quoted reply is still one.
    expect(masked('def f(x):\n    """Returns:\n        Dict: the output\n    """')).toEqual([]);
    expect(masked('> Zqxette: hi\n>> Thandiwe: yes\n  Kwame: ok')).toEqual(['PERSON:Zqxette', 'PERSON:Thandiwe', 'PERSON:Kwame']);
  });
  it("PERSON: a big city's name no name list knows is the city, unless something says it is someone", () => {
    // A weather agent's answer (claude-agent via Langfuse): "Berlin" came out as <PERSON_1>.
    expect(masked('**Berlin**: Cloudy, 59°F. New York is warmer, while Berlin is a bit cooler.')).toEqual([]);
    expect(masked('It is 20°C, but Tokyo is warmer; compared to Madrid, Oslo is cold.')).toEqual([]);
    expect(masked('My name is Berlin.')).toEqual(['PERSON:Berlin']);
    // Given names that are also cities keep needing a place word before them ("from Houston").
    expect(masked('while Houston is humid')).toEqual(['PERSON:Houston']);
  });
  it('PERSON: gazetteer names, honorifics, context; not months or sentence-initial words', () => {
    expect(masked('I spoke with Maria Rossi yesterday.')).toEqual(['PERSON:Maria Rossi']);
    expect(masked('Please correct it to Dr. Oriella Bantucci?')).toEqual(['PERSON:Dr. Oriella Bantucci']);
    expect(masked('My name is Rubenka')).toEqual(['PERSON:Rubenka']);
    expect(masked('In March the Discipline team met in Paris.')).toEqual([]);
  });
  it('PERSON: names no gazetteer knows, told by a question for a name, a lower-case honorific, or what is said of them', () => {
    expect(masked("What's your surname? Wrzesniewska")).toEqual(['PERSON:Wrzesniewska']);
    expect(masked('Please add ms. Oluwaseyi to the account')).toEqual(['PERSON:Oluwaseyi']);
    expect(masked('Thandiwe is very patient with customers.')).toEqual(['PERSON:Thandiwe']);
    expect(masked('Yerlan is from the Almaty office.')).toEqual(['PERSON:Yerlan']);
    // The same shapes with ordinary words, or without the cue, stay.
    expect(masked('Shipping is very fast these days.')).toEqual([]);
    expect(masked('Kubernetes runs the cluster.')).toEqual([]);
    // A product name in the same place reads as a name; the allow list is how a team keeps its own.
    expect(masked('Kubernetes is very popular here.')).toEqual(['PERSON:Kubernetes']);
    expect(createRedactor({ allowList: ['Kubernetes'] }).detect('Kubernetes is very popular here.')).toEqual([]);
  });
  it('PERSON: an unknown name on a line of its own above an address line (a letterhead or signature)', () => {
    const block = '> Zorvath Quellin\n> Northwind Traders\n> 4417 Lindenallee 12\n> Apt. 7';
    // The company line is masked too: it is a letterhead's line as well, and it identifies the sender.
    expect(masked(block).filter((m) => m.startsWith('PERSON'))).toEqual(['PERSON:Zorvath Quellin', 'PERSON:Northwind Traders']);
    // Mid-sentence, or with no address below, the same words say nothing.
    expect(masked('We met Zorvath Quellin there.\n4417 Lindenallee 12').filter((m) => m.startsWith('PERSON'))).toEqual([]);
    expect(masked('> Zorvath Quellin\n> Northwind Traders\n> see you soon')).toEqual([]);
  });
  it('NATIONAL_ID: national ids by shape and checksum, or by their name nearby', () => {
    // Checksums alone: Spanish DNI and NIE, Italian codice fiscale, Brazilian CPF, Chinese resident id, French NIR.
    for (const id of ['12345678Z', 'X1234567L', 'RSSMRA85T10A562S', '123.456.789-09', '11010519491231002X', '1 85 05 78 006 084 91'])
      expect(masked(`the id is ${id} on file`)).toEqual([`NATIONAL_ID:${id}`]);
    // A wrong check character is no id.
    expect(masked('the id is 12345678A or RSSMRA85T10A562A or 123.456.789-00 on file')).toEqual([]);
    // Ids without a checksum, or with a common shape, need their name.
    expect(masked('SIN: 046 454 286, NHS number 943 476 5919, Aadhaar 2345 6789 0123, BSN 111222333')).toEqual([
      'NATIONAL_ID:046 454 286',
      'NATIONAL_ID:943 476 5919',
      'NATIONAL_ID:2345 6789 0123',
      'NATIONAL_ID:111222333',
    ]);
    expect(masked('my NI number is AB 12 34 56 C and my PAN is ABCPE1234F')).toEqual(['NATIONAL_ID:AB 12 34 56 C', 'NATIONAL_ID:ABCPE1234F']);
    expect(masked('passport number X12345678; my driver\'s license is D1234567')).toEqual(['NATIONAL_ID:X12345678', 'NATIONAL_ID:D1234567']);
    expect(masked('ref 943 476 5919 and order 046 454 286 shipped')).toEqual([]);
  });
  it('USER: a username named as such, masked like a user id', () => {
    expect(masked('My username is aarav_ahmed_6699. The reservations are gone')).toEqual(['USER:aarav_ahmed_6699']);
    expect(masked('login: jdoe42, screen_name="zqvrumple"')).toEqual(['USER:jdoe42', 'USER:zqvrumple']);
    // Prose after the cue, template values and numbers are not usernames.
    expect(masked('username is required; Username=your_username; login: 42')).toEqual([]);
    // A user id said in prose, as every tau-bench user does in the first turn (before, only a tool call
    // that named it under a user_id key got it masked), and "user name" in two words.
    expect(masked('Sure, my user ID is zqx_vrumple_7015.')).toEqual(['USER:zqx_vrumple_7015']);
    expect(masked('My user name is aarav_ahmed_6699, user-id: mia_li_3668')).toEqual(['USER:aarav_ahmed_6699', 'USER:mia_li_3668']);
    expect(masked('the user id is required; your user id is your_user_id; user id 42')).toEqual([]);
    // A social handle after its platform's name; not an email's domain, a scoped package or a decorator.
    // After "instagram:" (a key that names the account) the value is masked whole, its "@" included.
    expect(masked('DM me on Twitter @maria_g or instagram: @zq.vrumple.')).toEqual(['USER:maria_g', 'USER:@zq.vrumple']);
    expect(masked('my handle is @Zq_V, thanks')).toEqual(['USER:Zq_V']);
    expect(masked('uses github @actions/core; def handle(self):  @property; handle @staticmethod')).toEqual([]);
    expect(masked('twitter: jane@example.com')).toEqual(['EMAIL:jane@example.com']);
  });
  it("USER: a home directory's account name in a path, and not a service account's", () => {
    // Coding agents' tracebacks and OTel process attributes (the Langfuse and SWE-agent fixtures) carry them.
    expect(masked('File "/Users/jannik/code/app/main.py", line 4')).toEqual(['USER:jannik']);
    expect(masked('cd /home/tmoyo/projects/api && npm test')).toEqual(['USER:tmoyo']);
    expect(masked('C:\\Users\\Tendai\\AppData\\Local and file:///Users/fuchur/x.py')).toEqual(['USER:Tendai', 'USER:fuchur']);
    // Git Bash and WSL mount the drive; escaped JSON doubles the backslashes.
    expect(masked('/mnt/c/Users/Tendai/x and "C:\\\\Users\\\\Farai\\\\x"')).toEqual(['USER:Tendai', 'USER:Farai']);
    // Service and CI accounts, shared folders, variables and templates; a REST route; a web address's path.
    expect(masked('/home/runner/work/repo /home/ubuntu/app /Users/Shared/x /home/$USER/x /home/<you>/x ~/x GET /users/jane /home/123/')).toEqual([]);
    expect(masked('C:\\Users\\All Users\\x and C:\\Users\\Default\\x')).toEqual([]);
    expect(masked('see docs.example.org/home/about')).toEqual(['URL:docs.example.org/home/about']);
  });
  it('USER: the account of a login in a shell prompt or after ssh, and the name macOS gives a Mac', () => {
    expect(masked('[tmoyo@fedora ~]$ make')).toEqual(['USER:tmoyo']);
    expect(masked('zqxette@zq-laptop:~/src$ npm test')).toEqual(['USER:zqxette']);
    expect(masked('Last login: Tue Mar 12\ntmoyo@Farais-iMac src % git status')).toEqual(['USER:tmoyo', 'PERSON:Farai']);
    expect(masked('ssh tmoyo@10.0.0.5')).toEqual(['USER:tmoyo', 'IP_ADDRESS:10.0.0.5']);
    // Service accounts, package versions, a mention, and a code host's shared git account (it was an EMAIL).
    expect(masked('root@ip-10-0-0-5:~# uptime\nrsync -av ./ deploy@web01:/srv')).toEqual([]);
    expect(masked('npm i react@18.2.0; version@1.2.3.4 and @Tendai')).toEqual(['IP_ADDRESS:1.2.3.4']);
    expect(masked('git clone git@github.com:tendaimoyo/api.git; ssh -T git@gitlab.com; git@acme.io:team/repo.git')).toEqual([]);
    expect(masked('write to git@acme.io')).toEqual(['EMAIL:git@acme.io']);
  });
  it('USER: a login made of its owner\'s name ("j.okonkwo", "tendai.moyo", "kwame_mensah2")', () => {
    // Before, a help desk's "reset the password for j.okonkwo" kept the login.
    expect(masked('Please reset the password for j.okonkwo. Account kwame_mensah2 is locked; user priya.sharma cannot log in.')).toEqual([
      'USER:j.okonkwo',
      'USER:kwame_mensah2',
      'USER:priya.sharma',
    ]);
    // Code's attributes and parameters, a longer dotted path, an email's and a host's parts are not logins.
    expect(masked('max_iter=5; grace.period; os.path.join; import os.priya.sharma; a.lee_x; priya.sharma-dev')).toEqual([]);
    expect(masked('write to priya.sharma@acme.io')).toEqual(['EMAIL:priya.sharma@acme.io']);
  });
  it("PERSON: a meeting invite's organizer, required and optional attendees", () => {
    // Before, "Blorp Quenwick" (two words no list knows) was kept after "Required:".
    expect(masked('Meeting: Q3 review\nOrganizer: Zqxette Vrumple\nRequired: Blorp Quenwick; Farai Chikwanha\nOptional: Kwame Mensah')).toEqual([
      'PERSON:Zqxette Vrumple',
      'PERSON:Blorp Quenwick',
      'PERSON:Farai Chikwanha',
      'PERSON:Kwame Mensah',
    ]);
    expect(masked('Required: Admin Access')).toEqual([]);
  });
  it('PERSON: a letter after a word of the language is no initial, and words before "team" name an organisation', () => {
    // Before, "Zendesk" (after "Plan B.") and "Langfuse" (after "Hello") were masked as people.
    expect(masked('We went with Plan B. Zendesk was too slow. Hello Langfuse team! Thanks, Acme Rocket folks.')).toEqual([]);
    // An initial after a name, or before a surname, still makes a name; so does a known name before "team".
    expect(masked('Call T. Moyo today, ask John B. Zqxette, then Dear Tendai team')).toEqual(['PERSON:T. Moyo', 'PERSON:John B. Zqxette', 'PERSON:Tendai']);
  });
  it("PERSON: a library's and a tool's names in the documentation a coding agent reads are no one's", () => {
    // Before, a scan of 210 package READMEs masked 621 "names", "Keyv" (94 times), "ESLint", "Undici" and
    // "Esprima" among them; now 338, none of them lost a person's name.
    const readme = [
      "Once set, Keyv will prefix all keys. Unlike browsers, Undici does not implement CORS.",
      "```js\nimport Keyv from 'keyv';\nconst m = new Map([]);\n```\nInstall with `npm i undici`.",
      'Use ESLint, SQLite and OAuth with JavaScript or YouTube; Blake3 is faster; returns Promise<number>.',
    ].join('\n');
    expect(masked(readme)).toEqual([]);
    // Names still are names: beside such words, in CamelCase made of names, and one no list knows after a cue.
    expect(masked('Thanks to McDonald, MacArthur and DeShawn. Later, Zqxette will call you; see `zqxette.vrumple@acme.io`.')).toEqual([
      'PERSON:McDonald',
      'PERSON:MacArthur',
      'PERSON:DeShawn',
      'PERSON:Zqxette',
      'EMAIL:zqxette.vrumple@acme.io',
    ]);
  });
  it('PERSON: double given names, Irish surnames, and a verb of the language before a given name', () => {
    // Before, "Mary-Kate O'Neil" was kept, and "Contact Anne" was masked whole, the verb with the name.
    expect(masked("Contact Jean-Luc Picard or Mary-Kate O'Neil. Invite Anne today")).toEqual(['PERSON:Jean-Luc Picard', "PERSON:Mary-Kate O'Neil", 'PERSON:Anne']);
    // Korean given names romanised with their hyphen, after the surname as Korea orders them (before, "Park" was kept).
    expect(masked('Please call Park Seo-yeon or Kim Min-jun. Re-run it; follow-up at the Check-in.')).toEqual(['PERSON:Park Seo-yeon', 'PERSON:Kim Min-jun']);
    // A brand named after two people needs a cue, as any word no list knows does; with a given name a double-barrelled surname is a name.
    expect(masked('I bought a Mercedes-Benz. Kwame Oyelaran-Smith called.')).toEqual(['PERSON:Kwame Oyelaran-Smith']);
  });
  it('PERSON: a word before a colon in a list of fields is a label, not a name beside the names', () => {
    // Before, "Dept" was masked as one more name of a list ("Name: Chen Jing, Dept: Finance").
    expect(masked('Emp ID 00412, Name: Chen Jing, Dept: Finance, Manager: Wu Lei')).toEqual(['PERSON:Chen Jing', 'PERSON:Wu Lei']);
  });
  it('PERSON: a lower-case given name after "im" or "its", as chats write "I\'m" and "it\'s"', () => {
    // Before, "hey its tendai," and "im priya sharma" kept the names.
    expect(masked("hey its tendai, can u call me back? it's kwame. im priya sharma")).toEqual(['PERSON:tendai', 'PERSON:kwame', 'PERSON:priya sharma']);
    // A word of the language, or a name that is not where a speaker names themselves, is not one.
    expect(masked('its grace period is 30 days; its done. im Garten')).toEqual([]);
  });
  it('PERSON: a name typed in lower case after a cue, in a text with capitals (a phone capitalises the sentence, not the name)', () => {
    // Before, only texts without any capital were read for lower-case names.
    expect(masked('Hi, my name is priya sharma and I need help. I spoke to kwame in billing. My wife amina placed it. Call me zqxette.')).toEqual([
      'PERSON:priya sharma',
      'PERSON:kwame',
      'PERSON:amina',
      'PERSON:zqxette',
    ]);
    // A file's or a field's name, a word of the language, a relation followed by no name, an address.
    expect(masked('The file name is config.yaml. Field name is required. My name is not important. I talked to support. My son will come. I spoke to priya.sharma@x.io')).toEqual([
      'EMAIL:priya.sharma@x.io',
    ]);
  });
  it('PERSON: in lower case after "name:", every word up to a common one', () => {
    // Before, "doe" (a dictionary word, in no surname list) was left after the given name.
    expect(masked('name: jane doe')).toEqual(['PERSON:jane doe']);
    expect(masked('my name is jane doe and i need help')).toEqual(['PERSON:jane doe']);
    expect(masked('name: jane doe from sales')).toEqual(['PERSON:jane doe']);
  });
  it('PERSON: a lower-case list of mostly given names is a list of people, the rarer names in it included', () => {
    const text = 'the team: olga, tavita, marcus and priya.';
    expect(masked(text)).toEqual(['PERSON:olga', 'PERSON:tavita', 'PERSON:marcus', 'PERSON:priya']);
    expect(masked('we bought eggs, milk, bread and butter.')).toEqual([]);
    // Two items are not a list.
    expect(masked('tea and coffee, olga and marcus')).toEqual([]);
  });
  it('PERSON: a full stop after a name ends the sentence, after an initial or an honorific it does not', () => {
    const text = 'Thanks for your patience, Maria. I checked the order.';
    expect(masked(text)).toEqual(['PERSON:Maria']);
    expect(masked('Ask J. Smith or Dr. Lee about it.')).toEqual(['PERSON:J. Smith', 'PERSON:Dr. Lee']);
  });
  it('PERSON: a dictionary word no name list knows is not a name alone, addressed or after a transcript label', () => {
    // Sentence adverbs and interjections before ", I" read like someone addressed; they are words.
    expect(masked('Regrettably, I cannot rebook that fare.')).toEqual([]);
    expect(masked('user: Meanwhile, could you check the fare?')).toEqual([]);
    expect(masked('Hmm, I do not remember the booking code.')).toEqual([]);
    expect(masked('user: Downgrade QX7PLM to basic economy')).toEqual([]);
    expect(masked('Total Checked Bags: 2, Priority Boarding: yes')).toEqual([]);
    // A product or card after "your", "on", "the" is a thing, even when ", I" follows.
    expect(masked('How much goes on your Visa, I need to know.')).toEqual([]);
    expect(masked('It is trending on Mastodon, you can see it there.')).toEqual([]);
    // Identifiers: a capital after four lower-case letters.
    expect(masked("raise ValueError: the tag 'SeriesDescription' is required")).toEqual([]);
    // The same words are names where a name is announced, beside a given name, or beside another unlisted word.
    expect(masked('They call me Spike.')).toEqual(['PERSON:Spike']);
    expect(masked('Mr. White called back.')).toEqual(['PERSON:Mr. White']);
    expect(masked('I spoke with Maria Baker today.')).toEqual(['PERSON:Maria Baker']);
    expect(masked('please change it to Orlaith Pagan')).toEqual(['PERSON:Orlaith Pagan']);
    // A role word before a name is not part of it.
    expect(masked('Sculptor Ingrid Vasquez-Oyelaran explained the piece.')).toEqual(['PERSON:Ingrid Vasquez-Oyelaran']);
    // A given name that is also an English word, opening a clause with no cue, is the word; addressed,
    // quoted or alone it is a name.
    expect(masked('Weather in Oslo: Sunny, 12°C')).toEqual([]);
    expect(masked('Sunny, can you check the order?')).toEqual(['PERSON:Sunny']);
    expect(masked('{"last_name": "Martin"}')).toEqual(['PERSON:Martin']);
    // A two-letter surname opening a sentence is another language's word unless something says it is someone.
    expect(masked('Su pedido ha sido enviado. Le colis est parti.')).toEqual([]);
    expect(masked('Wu is on leave; ask Li.')).toEqual(['PERSON:Wu', 'PERSON:Li']);
    // Curly apostrophes are read like straight ones.
    expect(masked('user: I’m Dana Whitfield and I need help')).toEqual(['PERSON:Dana Whitfield']);
  });
  it('PERSON: two words no list or dictionary knows after "to", "by", "with" or "from", or before "complained"; "Signed," announces a name', () => {
    expect(masked('Please forward this to Kwame Mensah.')).toEqual(['PERSON:Kwame Mensah']);
    expect(masked('The ticket was opened by Oluwaseun Adeyemi.')).toEqual(['PERSON:Oluwaseun Adeyemi']);
    // A dictionary word beside an unknown one is a product ("Zendesk Sunshine"), as are known tools.
    expect(masked('Sent from Zendesk Sunshine, imported from Langfuse Cloud, moved to Google Drive.')).toEqual([]);
    expect(masked('Signed, Thandiwe Ndlovu')).toEqual(['PERSON:Thandiwe Ndlovu']);
    // What someone does after their name says it is someone: complained, mentioned, reported, requested ...
    expect(masked('Yesterday Zorbit Quandle complained about the delay.')).toEqual(['PERSON:Zorbit Quandle']);
    expect(masked('The System reported an error; Support Team confirmed that it shipped.')).toEqual([]);
    // A dictionary word before a name's comma is no item of a list of names; a name is.
    expect(masked('Unfortunately, Maria Rossi is away')).toEqual(['PERSON:Maria Rossi']);
    expect(masked('Kónya, Becker and Vasquez')).toEqual(['PERSON:Kónya', 'PERSON:Becker', 'PERSON:Vasquez']);
  });
  it('PERSON: a role label with a colon announces a name no list knows ("Passenger: Thandiwe Ndlovu")', () => {
    const ticket = 'Passenger: Yevgenia Khrushcheva\nCardholder: Thandiwe Ndlovu\nGuest: Kwabena Osei-Tutu, room 204\ncustomer name: Ama Owusu';
    expect(masked(ticket)).toEqual(['PERSON:Yevgenia Khrushcheva', 'PERSON:Thandiwe Ndlovu', 'PERSON:Kwabena Osei-Tutu', 'PERSON:Ama Owusu']);
    // Labels of things stay: dictionary words after the colon are no name.
    expect(masked('Contact: Support Team\nCustomer: Premium Plan\nMember: Gold\nGuest: Wi-Fi Network')).toEqual([]);
  });
  it('PERSON: two words no list knows after a header or field label ("To:", "Ship to:", "Requested by:", "Driver:")', () => {
    const header = 'From: Kwabena Osei\nTo: Thandiwe Ndlovu\nAttn: Ngozi Okonkwo\nShip to: Oluwaseun Bakare\nRequested by: Yevgenia Khrushcheva\nDriver: Tendai Moyo';
    expect(masked(header)).toEqual(['PERSON:Kwabena Osei', 'PERSON:Thandiwe Ndlovu', 'PERSON:Ngozi Okonkwo', 'PERSON:Oluwaseun Bakare', 'PERSON:Yevgenia Khrushcheva', 'PERSON:Tendai Moyo']);
    // One unknown word is a product, and a dictionary word makes a team or a product.
    expect(masked('Owner: Stripe\nSender: Mailchimp\nFrom: Zendesk Sunshine\nAssigned to: Platform Team')).toEqual([]);
  });
  it('PERSON: a list of names after a plural label ("Attendees:", "Reviewers:"), each item whole', () => {
    const notes = 'Attendees: Tendai Moyo, Farai Chikwanha and Kwame Mensah\nReviewers: Ngozi Okonkwo\nInvitees: Kwame Mensah, Zqxette Vrumple';
    expect(masked(notes)).toEqual([
      'PERSON:Tendai Moyo',
      'PERSON:Farai Chikwanha',
      'PERSON:Kwame Mensah',
      'PERSON:Ngozi Okonkwo',
      'PERSON:Kwame Mensah',
      'PERSON:Zqxette Vrumple',
    ]);
    // Before, the label was taken for a speaker's name and the second word of an item was left in the clear.
    expect(masked('Invitees: Kwame Mensah, Tendai Moyo')).not.toContain('PERSON:Invitees');
    expect(masked('Tendai Moyo and Kwame Mensah')).toEqual(['PERSON:Tendai Moyo', 'PERSON:Kwame Mensah']);
    // Things after such labels stay: dictionary words, and one unknown word.
    expect(masked('Participants: Support Team, Billing Team\nOwners: Stripe')).toEqual([]);
  });
  it('PERSON: two words no list knows that are all of a list item or a table cell ("- Tendai Moyo (VIP)")', () => {
    const notes = 'VIP guests:\n- Tendai Moyo (VIP)\n2. Farai Chikwanha, room 4\n\n| Ngozi Okonkwo | Gold |';
    expect(masked(notes)).toEqual(['PERSON:Tendai Moyo', 'PERSON:Farai Chikwanha', 'PERSON:Ngozi Okonkwo']);
    // An item that goes on is a sentence, and a label before a colon is a field (tau-bench's "- Non-free Baggages: 0").
    expect(masked('- Acme Rocket launches today\n- Non-free Baggages: 0\n- Support Team')).toEqual([]);
  });
  it('EMAIL: an address written so that scrapers miss it, with the placeholder of its plain spelling', () => {
    const text = 'email me at jane dot doe at gmail dot com or jane(at)example[dot]co[dot]uk; jane.doe@gmail.com works too';
    expect(masked(text)).toEqual(['EMAIL:jane dot doe at gmail dot com', 'EMAIL:jane(at)example[dot]co[dot]uk', 'EMAIL:jane.doe@gmail.com']);
    const p = new Pseudonymizer(createKeyedHash(Buffer.from('k')));
    expect(createRedactor().redactText(text, p)).toBe('email me at <EMAIL_1> or <EMAIL_2>; <EMAIL_1> works too');
    // Prose with "at" and "dot", and two words of the language around them, is no address.
    expect(masked('look at this dot com bubble; meet me at noon dot; version 1.2 at 3 dot 4; a at b at c dot com')).toEqual([]);
    // Only the "@" spelled: before, the domain alone was masked as a URL and the local part kept.
    expect(masked('email me at jane.doe at gmail.com, or jdoe42 at outlook.com')).toEqual(['EMAIL:jane.doe at gmail.com', 'EMAIL:jdoe42 at outlook.com']);
    expect(createRedactor().redactText('jane.doe at gmail.com = jane.doe@gmail.com', new Pseudonymizer(createKeyedHash(Buffer.from('k'))))).toBe('<EMAIL_1> = <EMAIL_1>');
    expect(masked('see it at 3.5 GHz')).toEqual([]);
  });
  it('CREDIT_CARD: the security code after its name ("cvv 123"), which may never be stored', () => {
    expect(masked('card 4111-1111-1111-1111 exp 12/26 cvv 123, CVC: 4821, security code is 077')).toEqual([
      'CREDIT_CARD:4111-1111-1111-1111',
      'CREDIT_CARD:123',
      'CREDIT_CARD:4821',
      'CREDIT_CARD:077',
    ]);
    expect(masked('the CVV field takes 3 or 4 digits; csc 12 is too short; cvv 1234567')).toEqual([]);
  });
  it('USER: a social handle before its platform ("@tendai_moyo on Twitter")', () => {
    expect(masked('find me @tendai_moyo on Twitter or @zq.vrumple on instagram')).toEqual(['USER:tendai_moyo', 'USER:zq.vrumple']);
    expect(masked('mail me@example.com on github; @ on twitter')).toEqual(['EMAIL:me@example.com']);
  });
  it('ACCOUNT_NUMBER and NATIONAL_ID: numbers an organisation or a state gives a person, after their names', () => {
    const record = 'MRN 00482913\nPolicy number: POL-88213377\nEmployee ID E-10293\nFrequent flyer number: BA12345678\nDriver license: D1234-56789-01234\nTax ID: 12-3456789';
    expect(masked(record)).toEqual([
      'ACCOUNT_NUMBER:00482913',
      'ACCOUNT_NUMBER:POL-88213377',
      'ACCOUNT_NUMBER:E-10293',
      'ACCOUNT_NUMBER:BA12345678',
      // Before, the pattern stopped at 15 characters and left "-01234" in the clear.
      'NATIONAL_ID:D1234-56789-01234',
      // A tax id under its key is what a JSON tax_id is: an SSN.
      'SSN:12-3456789',
    ]);
    expect(masked('the patient id field is required; policy 3 of 12; continue to tin 12345; customer id cus_8812')).toEqual([]);
    // India's UPI payment addresses name a bank account (before, kept); an email's domain and a package's version are not one.
    expect(masked('pay to priya.sharma@okhdfcbank or 9845012345@paytm; mail kwame@ybl.co.in; npm i react@18.2.0; @paytm is great')).toEqual([
      'ACCOUNT_NUMBER:priya.sharma@okhdfcbank',
      'ACCOUNT_NUMBER:9845012345@paytm',
      'EMAIL:kwame@ybl.co.in',
    ]);
    // Ids that differ only in their letters keep their own placeholders (before, "kwame@ybl" and "priya@paytm",
    // with no digit, shared one, and so did "POL-1234" and "EMP-1234").
    const p = new Pseudonymizer(createKeyedHash(Buffer.from('k')));
    expect(createRedactor().redactText('UPI kwame@ybl or priya@paytm; Policy number: POL-1234, Employee ID EMP-1234, policy number POL1234', p)).toBe(
      'UPI <ACCOUNT_NUMBER_1> or <ACCOUNT_NUMBER_2>; Policy number: <ACCOUNT_NUMBER_3>, Employee ID <ACCOUNT_NUMBER_4>, policy number <ACCOUNT_NUMBER_3>',
    );
    // With "#" for "number", and Medicare's and Medicaid's numbers (before, each was kept).
    expect(masked('Policy #: PLC-2024-88213; Employee #48213; My Medicaid ID is 12345678A; Medicare number: 1EG4-TE5-MK73')).toEqual([
      'ACCOUNT_NUMBER:PLC-2024-88213',
      'ACCOUNT_NUMBER:48213',
      'ACCOUNT_NUMBER:12345678A',
      'ACCOUNT_NUMBER:1EG4-TE5-MK73',
    ]);
  });
  it('PERSON: names as airlines write them ("MOYO/TENDAI MR"), with the placeholder of the name written out', () => {
    expect(masked('PNR ABC123 for passenger MOYO/TENDAI MR\nCHIKWANHA/FARAI RUTENDO MS, seat 12A\nPax: MENSAH/KWAME')).toEqual([
      'PERSON:MOYO/TENDAI',
      'PERSON:CHIKWANHA/FARAI RUTENDO',
      'PERSON:MENSAH/KWAME',
    ]);
    const p = new Pseudonymizer(createKeyedHash(Buffer.from('k')));
    expect(createRedactor().redactText('Pax: MENSAH/KWAME MR\nConfirmed for Kwame Mensah.', p)).toBe('Pax: <PERSON_1> MR\nConfirmed for <PERSON_1>.');
    // Without a title or a word for a traveller, the shape is a pair of terms.
    expect(masked('TCP/IP and AND/OR over HTTP/HTTPS; I/O error')).toEqual([]);
  });
  it('SECRET: passwords on a database or login tool\'s command line, and after --password or --token', () => {
    // Before, each of these passwords was kept.
    expect(masked("mysql -u root -pS3cretPw app; sshpass -p 'hunter2x' ssh admin@host; redis-cli -a p4ssw0rd ping; vault login --token=hvs.CAESIJxyz123abc")).toEqual([
      'SECRET:S3cretPw',
      'SECRET:hunter2x',
      'SECRET:p4ssw0rd',
      'SECRET:hvs.CAESIJxyz123abc',
    ]);
    // "-p" alone prompts (the word after it is the database); variables and placeholders hold no password.
    expect(masked('mysql -u root -p app; app --password $DB_PASS; heroku config --pass <your-password>; npm publish --access public')).toEqual([]);
  });
  it('SECRET and USER in what coding agents run and read: webhooks, curl -u, user=, git trailers and dates', () => {
    const shell = [
      'SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'curl -u admin:Passw0rd! https://api.acme.io/v1',
      'psql "host=db user=tmoyo"',
      'Co-authored-by: Farai Chikwanha <farai@users.noreply.github.com>',
      'Date:   Mon Jun 3 10:00:00 2024 +0200',
      'Last login: Tue Mar 12 09:14:02 on ttys000',
    ].join('\n');
    expect(masked(shell)).toEqual([
      'SECRET:https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'SECRET:admin:Passw0rd!',
      'URL:https://api.acme.io/v1',
      'USER:tmoyo',
      'PERSON:Farai Chikwanha',
      'EMAIL:farai@users.noreply.github.com',
    ]);
    // A webhook is a credential even where readable URLs are kept.
    const discord = 'https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
    expect(createRedactor({ urls: 'credentials' }).detect(`post to ${discord}`).map((f) => f.type)).toEqual(['SECRET']);
    // "Jan" and "Jun" are names where no date is around them.
    expect(masked('Thanks, Jan! Jun Li joined on Jun 5; meeting with Jan on Sat, 01 Jun 2024.')).toEqual(['PERSON:Jan', 'PERSON:Jun Li', 'PERSON:Jan']);
    expect(masked('user: hello there\nuser=42')).toEqual([]);
    expect(masked('docker run -u 1000:1000 image\ncurl -u $USER:$TOKEN https://x.io\ngit push -u origin main')).toEqual(['URL:https://x.io']);
  });
  it('PERSON: labels in Markdown bold, as agents write their summaries ("**Name:** …", "- **Passenger:** …")', () => {
    const summary = '**Name:** Zqxette Vrumple\n- **Passenger:** Farai Chikwanha\n- **Customer:** Tendai Moyo\n**Attendees:** Kwame Mensah, Ngozi Okonkwo';
    expect(masked(summary)).toEqual([
      'PERSON:Zqxette Vrumple',
      'PERSON:Farai Chikwanha',
      'PERSON:Tendai Moyo',
      'PERSON:Kwame Mensah',
      'PERSON:Ngozi Okonkwo',
    ]);
    expect(masked('**Note:** Shipping is free\n__Status__: Delivered')).toEqual([]);
  });
  it('PERSON: more ways a ticket or a caller names someone the lists do not know', () => {
    const ticket = [
      'Customer name - Tendai Moyo',
      'The account holder is Farai Chikwanha.',
      'Reservation under the name Chikwanha.',
      'Passenger 2: Ngozi Okonkwo',
      'Order for T. Zqxette shipped.',
      "Hi there, it's Priyanka from accounts.",
    ].join('\n');
    expect(masked(ticket)).toEqual(['PERSON:Tendai Moyo', 'PERSON:Farai Chikwanha', 'PERSON:Chikwanha', 'PERSON:Ngozi Okonkwo', 'PERSON:T. Zqxette', 'PERSON:Priyanka']);
    // The same words before a thing, a weekday or a product, and initials that are section numbers or data.
    const things = ["The customer is Happy with it.", "it's Monday again", "it's Stripe from what I see", 'name - see below', 'Annex C.7.6.3', 'G.APhb3zgjtx3h'];
    expect(masked(things.join('\n'))).toEqual([]);
  });
  it('PERSON: a name in capitals after a word that announces one ("Customer: THANDIWE NDLOVU")', () => {
    expect(masked('Customer: THANDIWE NDLOVU\nDear KWAME MENSAH,\nMR ZQXETTE VRUMPLE')).toEqual(['PERSON:THANDIWE NDLOVU', 'PERSON:KWAME MENSAH', 'PERSON:ZQXETTE VRUMPLE']);
    // Capitals without such a word, or words of the language in capitals, are headings and codes.
    expect(masked('ORDER STATUS: SHIPPED\nZQXETTE VRUMPLE\nCustomer: PREMIUM PLAN\nDear VALUED CUSTOMER,')).toEqual([]);
  });
  it('PERSON: names of the 73 locales of @faker-js/faker that the hand lists lacked', () => {
    // From the real tau-bench trajectories, where these names stood in the clear in the agent's prose.
    expect(masked('Yara is a gold member, so she gets free bags.')).toEqual(['PERSON:Yara']);
    expect(masked('We’ll use one certificate for Aarav and another for Eve.')).toEqual(['PERSON:Aarav', 'PERSON:Eve']);
    expect(masked('Ndlovu, Thandiwe')).toEqual(['PERSON:Ndlovu', 'PERSON:Thandiwe']);
    expect(masked('follow up with benjamin a seiler in a couple of months')).toEqual(['PERSON:benjamin a seiler']);
    // Dictionary words and country names of those lists are left out: they would make names of ordinary text.
    expect(masked('The Python script failed in France; Phoenix is next.')).toEqual([]);
  });
  it('the extra name list is what scripts/gen-names.mjs generates now (run it after changing the word lists)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-names.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  it('PERSON: a place prefix makes the next word a place ("New York", "Los Angeles", "West Coast")', () => {
    expect(masked('I fly from New York to Los Angeles, then up the West Coast.')).toEqual([]);
    expect(masked('{"city": "San Antonio", "state": "TX"}')).toEqual([]);
    // A given name after the place still is one.
    expect(masked('In New York, Maria Rossi met us.')).toEqual(['PERSON:Maria Rossi']);
    // A big city named like a person, where a place goes; the same word announced as someone stays a name.
    expect(masked('Book me from Houston to Orlando, then to Chicago, you know the dates.')).toEqual([]);
    expect(masked('I spoke to Austin yesterday, and Dallas Whitaker called.')).toEqual(['PERSON:Austin', 'PERSON:Dallas Whitaker']);
  });
  it('PERSON: an English verb that is also a rare given name is not a name on its own', () => {
    expect(masked('Edit the shipping address, then save it.')).toEqual([]);
    // Beside a surname it still is one.
    expect(masked('I spoke with Edit Kovács yesterday.')).toEqual(['PERSON:Edit Kovács']);
  });
});
