/**
 * Sensitive keys: values stored under these keys are masked whatever they look like.
 */
import type { SensitiveKeyEntry } from './config.js';
import { hasKnownName, onlyOrdinaryWords } from './recognizers/lexicon.js';
import { looksLikePersonName } from './recognizers/person.js';

/** Exact key names (normalised: lower case, no separators) and the type their value is masked as. */
const EXACT: Record<string, string> = {
  email: 'EMAIL', emailaddress: 'EMAIL', mail: 'EMAIL', useremail: 'EMAIL', customeremail: 'EMAIL',
  phone: 'PHONE', phonenumber: 'PHONE', mobile: 'PHONE', mobilephone: 'PHONE', telephone: 'PHONE', tel: 'PHONE', cell: 'PHONE', fax: 'PHONE', msisdn: 'PHONE',
  name: 'PERSON', fullname: 'PERSON', firstname: 'PERSON', lastname: 'PERSON', givenname: 'PERSON', familyname: 'PERSON', surname: 'PERSON',
  middlename: 'PERSON', username: 'USER', screenname: 'USER', displayname: 'PERSON', maidenname: 'PERSON', nickname: 'PERSON',
  address: 'ADDRESS', streetaddress: 'ADDRESS', street: 'ADDRESS', addressline1: 'ADDRESS', addressline2: 'ADDRESS', line1: 'ADDRESS',
  line2: 'ADDRESS', postalcode: 'ADDRESS', postcode: 'ADDRESS', zip: 'ADDRESS', zipcode: 'ADDRESS', homeaddress: 'ADDRESS',
  password: 'SECRET', passwd: 'SECRET', pwd: 'SECRET', passphrase: 'SECRET', secret: 'SECRET', clientsecret: 'SECRET', token: 'SECRET',
  accesstoken: 'SECRET', refreshtoken: 'SECRET', idtoken: 'SECRET', apikey: 'SECRET', xapikey: 'SECRET', authorization: 'SECRET',
  proxyauthorization: 'SECRET', auth: 'SECRET', cookie: 'SECRET', cookies: 'SECRET', setcookie: 'SECRET',
  // Not `session`/`sessionid`: in traces they are the conversation id (OpenInference session.id, Langfuse
  // sessionId), the key that groups turns; a web session token still sits under cookie/sessiontoken.
  sessiontoken: 'SECRET', privatekey: 'SECRET', xauthtoken: 'SECRET', credentials: 'SECRET', otp: 'SECRET', pin: 'SECRET',
  ssn: 'SSN', socialsecuritynumber: 'SSN', taxid: 'SSN', nationalid: 'SSN', passport: 'SSN', passportnumber: 'SSN', driverslicense: 'SSN',
  dob: 'DATE_OF_BIRTH', dateofbirth: 'DATE_OF_BIRTH', birthdate: 'DATE_OF_BIRTH', birthday: 'DATE_OF_BIRTH',
  iban: 'IBAN', accountnumber: 'ACCOUNT_NUMBER', bankaccount: 'ACCOUNT_NUMBER', routingnumber: 'ACCOUNT_NUMBER', sortcode: 'ACCOUNT_NUMBER',
  cardnumber: 'CREDIT_CARD', creditcard: 'CREDIT_CARD', creditcardnumber: 'CREDIT_CARD', ccnumber: 'CREDIT_CARD', pan: 'CREDIT_CARD', cvv: 'CREDIT_CARD', cvc: 'CREDIT_CARD',
  ip: 'IP_ADDRESS', ipaddress: 'IP_ADDRESS', clientip: 'IP_ADDRESS', remoteaddr: 'IP_ADDRESS', xforwardedfor: 'IP_ADDRESS',
  userid: 'USER', enduserid: 'USER', login: 'USER', userlogin: 'USER', loginname: 'USER',
  // A contact record's messenger and social accounts (a CRM's, a chat workspace's profile).
  skype: 'USER', skypeid: 'USER', skypename: 'USER', telegram: 'USER', telegramhandle: 'USER', telegramusername: 'USER', twitter: 'USER',
  twitterhandle: 'USER', twitterusername: 'USER', instagram: 'USER', instagramhandle: 'USER', wechat: 'USER', wechatid: 'USER',
  discord: 'USER', discordid: 'USER', discordhandle: 'USER', discordusername: 'USER', discordtag: 'USER', linkedin: 'USER',
  linkedinurl: 'USER', linkedinprofile: 'USER', githubusername: 'USER', githubhandle: 'USER', githublogin: 'USER', slackhandle: 'USER',
  slackusername: 'USER', whatsapp: 'PHONE', whatsappnumber: 'PHONE',
  // National ids by their own names: the UK's National Insurance number, Canada's SIN, India's Aadhaar,
  // Brazil's CPF, Mexico's CURP, Spain's DNI/NIE/NIF, Italy's codice fiscale, the Netherlands' BSN,
  // Poland's PESEL, Sweden's personnummer, Germany's Steuer-ID, Australia's TFN.
  nationalinsurancenumber: 'NATIONAL_ID', nino: 'NATIONAL_ID', ninumber: 'NATIONAL_ID', socialinsurancenumber: 'NATIONAL_ID',
  sinnumber: 'NATIONAL_ID', aadhaar: 'NATIONAL_ID', aadhaarnumber: 'NATIONAL_ID', cpf: 'NATIONAL_ID', curp: 'NATIONAL_ID', dni: 'NATIONAL_ID',
  nie: 'NATIONAL_ID', nif: 'NATIONAL_ID', codicefiscale: 'NATIONAL_ID', bsn: 'NATIONAL_ID', burgerservicenummer: 'NATIONAL_ID',
  pesel: 'NATIONAL_ID', personnummer: 'NATIONAL_ID', steuerid: 'NATIONAL_ID', steueridentifikationsnummer: 'NATIONAL_ID', tfn: 'NATIONAL_ID',
  // The same fields in German, French, Spanish, Italian, Portuguese, Dutch and Polish (accents off: keyWords).
  vorname: 'PERSON', nachname: 'PERSON', familienname: 'PERSON', prenom: 'PERSON', nomdefamille: 'PERSON', nomcomplet: 'PERSON',
  apellido: 'PERSON', apellidos: 'PERSON', nombrecompleto: 'PERSON', cognome: 'PERSON', nomecompleto: 'PERSON', sobrenome: 'PERSON',
  voornaam: 'PERSON', achternaam: 'PERSON', imie: 'PERSON', nazwisko: 'PERSON',
  telefon: 'PHONE', telefono: 'PHONE', telefone: 'PHONE', telefonnummer: 'PHONE', handy: 'PHONE', movil: 'PHONE', celular: 'PHONE',
  cellulare: 'PHONE', telemovel: 'PHONE', portable: 'PHONE', numerodetelefono: 'PHONE', telefoonnummer: 'PHONE',
  correo: 'EMAIL', correoelectronico: 'EMAIL', courriel: 'EMAIL', emailadresse: 'EMAIL', adresseemail: 'EMAIL',
  adresse: 'ADDRESS', anschrift: 'ADDRESS', direccion: 'ADDRESS', indirizzo: 'ADDRESS', endereco: 'ADDRESS', adres: 'ADDRESS',
  domicilio: 'ADDRESS', postleitzahl: 'ADDRESS', codigopostal: 'ADDRESS', codepostal: 'ADDRESS',
  geburtsdatum: 'DATE_OF_BIRTH', datedenaissance: 'DATE_OF_BIRTH', fechadenacimiento: 'DATE_OF_BIRTH', datadinascita: 'DATE_OF_BIRTH',
  datadenascimento: 'DATE_OF_BIRTH', geboortedatum: 'DATE_OF_BIRTH', dataurodzenia: 'DATE_OF_BIRTH',
};
/** Last words of compound keys ("billing_address", "github_token") that make the key sensitive. */
const LAST_WORD: Record<string, string> = {
  email: 'EMAIL', phone: 'PHONE', mobile: 'PHONE', password: 'SECRET', passwd: 'SECRET', token: 'SECRET', secret: 'SECRET',
  cookie: 'SECRET', apikey: 'SECRET', ssn: 'SSN', dob: 'DATE_OF_BIRTH', address: 'ADDRESS', iban: 'IBAN',
};
/** Last words that say a key holds a number of some kind ("card_no", "account_num"). */
const NUMBER_WORDS = new Set(['no', 'num', 'nr', 'nbr', 'number']);
/**
 * Words that name a person's role (`customer`, `assignee`, `reviewer`). A key that is one of them holds a
 * person, an id or a whole object (see roleValue); `<role>_name` holds the person's name.
 */
const ROLE_WORDS = [
  'customer', 'client', 'guest', 'passenger', 'traveler', 'traveller', 'holder', 'cardholder', 'recipient', 'assignee', 'requester',
  'requestor', 'reporter', 'reviewer', 'approver', 'patient', 'beneficiary', 'payee', 'caller', 'contact', 'employee', 'tenant',
  'attendee', 'participant', 'invitee', 'applicant', 'member', 'buyer', 'seller', 'driver', 'sender', 'owner',
  // Who wrote or signed something (git's `author_name`, `committer`), and people of a clinic, school or office.
  'author', 'committer', 'maintainer', 'contributor', 'creator', 'signer', 'doctor', 'physician', 'nurse', 'student', 'teacher',
  'manager', 'supervisor',
  // Customers, passengers and patients in Spanish, Italian, Portuguese, German, Dutch, Polish and French.
  'cliente', 'kunde', 'kundin', 'klant', 'klient', 'pasajero', 'passagier', 'passager', 'paciente', 'paziente', 'titular',
];
/**
 * Words before "name" that make it a person's name (customer_name) rather than a tool's or a model's: the
 * parts of a name and the role words. Not "tenant": a SaaS tenant is a company.
 */
const PERSON_NAME_PREFIX = new Set([
  'first', 'last', 'full', 'given', 'family', 'middle', 'user', 'person', 'display', 'real', 'legal', 'sur', 'nick', 'maiden', 'card',
  'billing', 'shipping', 'account',
  ...ROLE_WORDS.filter((w) => w !== 'tenant'),
]);
/**
 * Keys whose presence beside "name" marks the object as a tool call or schema, whose name is not personal.
 * `kwargs`: Python agents' calls (tau-bench's expected actions are `{name: "book_reservation", kwargs}`);
 * `toolUseId`: Bedrock's `{toolUseId, name, input}`; `call_id`: OpenAI Responses' function calls.
 */
const TOOLISH_SIBLINGS = ['arguments', 'args', 'kwargs', 'toolUseId', 'tool_use_id', 'call_id', 'callId', 'parameters', 'input_schema', 'inputSchema', 'function', 'description', 'tool_call_id', 'toolCallId', 'schema', 'type', 'spanId', 'kind', 'model', 'version'];

/** The lower-case words of a key name: "AccountKey" → account, key; "max_tokens_used" → max, tokens, used. */
export function keyWords(key: string): string[] {
  return key
    // Accents off, so that "Téléphone" and "Prénom" are words ("telephone", "prenom") and not split at "é".
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** A key with no Latin words as SCRIPT_KEYS spells it: trimmed, lower case, one space between words. */
function scriptKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** "name" in English, Spanish, French, Italian, Portuguese and Dutch: whose name, a key of it alone does not say. */
const BARE_NAME_WORDS = new Set(['name', 'nombre', 'nom', 'nome', 'naam']);

/** True for a key that says only "name" (`name`, `Name`, `_name`, `nombre`): whose name it holds, its object must tell. */
export function isBareNameKey(key: string): boolean {
  if (key === 'name') return true;
  // Most sensitive keys say what they hold ("email", "first_name"): no "name" alone in them.
  if (!/nam|nom/i.test(key)) return false;
  const ws = keyWords(key);
  return ws.length === 1 && BARE_NAME_WORDS.has(ws[0] as string);
}

/**
 * A bare `name` key: a person's name unless its object is a tool call, a schema or a non-user speaker, or
 * its value is only words of the language and no known name (a product's "Wireless Headphones", a span
 * event's "exception", a stage's "Retrieval"): such a value is read as text, like any other.
 */
function bareName(siblings: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  if (siblings === undefined) return 'PERSON';
  if (TOOLISH_SIBLINGS.some((k) => k in siblings)) return undefined;
  // Message speakers: only a user's name is personal (tool and agent names are not).
  if (typeof siblings.role === 'string' && siblings.role !== 'user') return undefined;
  const v = siblings[key];
  if (typeof v === 'string' && onlyOrdinaryWords(v) && !hasKnownName(v)) return undefined;
  return 'PERSON';
}

/**
 * Keys that name a person's role (`{"customer": "Tendai Moyo"}`), or end in one (`primary_contact`). Their
 * values are as often ids ("cus_8812"), plans or whole objects, so only a string that looks like a
 * person's name is masked (see roleValue). Keys saying who did something (`created_by`, `assigned_to`)
 * are judged the same way (see SensitiveKeys.compute).
 */
const ROLE_KEY_WORDS = new Set(ROLE_WORDS);
/** Verbs of keys that say who did something (`created_by`, `approvedBy`, `assigned_to`). */
const BY_VERB = /^(?:created|updated|modified|edited|assigned|approved|requested|reported|submitted|reviewed|signed|opened|closed|resolved|handled|booked|owned|prepared|completed|escalated|delegated|forwarded|sent|placed|ordered|authored|written|entered)$/;
/** What compute caches for a key whose verdict depends on its value (a role key: see roleValue). */
const BY_VALUE = 'BY_VALUE';
/** What compute caches for a bare name key other than "name" itself (`_name`, `nombre`): see bareName. */
const BARE_NAME = 'BARE_NAME';

/**
 * Keys written in scripts keyWords cannot split into Latin words (Chinese, Japanese, Korean, Cyrillic,
 * Arabic, Hebrew, Devanagari, Thai), by their whole lower-cased spelling: a CRM or a form in those
 * languages names its fields so, and a CJK name is found in text only after a cue.
 */
const SCRIPT_KEYS: Record<string, string> = {
  // A person's name by the key's own word; the words for "name" of anything are asked of their object, as "name" is.
  氏名: 'PERSON', お名前: 'PERSON', 姓名: 'PERSON', 名字: 'PERSON', 姓: 'PERSON', フリガナ: 'PERSON', 성명: 'PERSON', 성함: 'PERSON', имя: 'PERSON',
  фамилия: 'PERSON', отчество: 'PERSON', фио: 'PERSON', "ім'я": 'PERSON', прізвище: 'PERSON', นามสกุล: 'PERSON',
  名前: BARE_NAME, 名: BARE_NAME, 이름: BARE_NAME, الاسم: BARE_NAME, اسم: BARE_NAME, שם: BARE_NAME, नाम: BARE_NAME, ชื่อ: BARE_NAME,
  電話番号: 'PHONE', 電話: 'PHONE', 携帯: 'PHONE', 携帯電話: 'PHONE', 电话: 'PHONE', 電話號碼: 'PHONE', 电话号码: 'PHONE', 手机: 'PHONE',
  手機: 'PHONE', 手机号: 'PHONE', 전화번호: 'PHONE', 전화: 'PHONE', 휴대폰: 'PHONE', телефон: 'PHONE', الهاتف: 'PHONE', טלפון: 'PHONE',
  फ़ोन: 'PHONE', โทรศัพท์: 'PHONE',
  住所: 'ADDRESS', 地址: 'ADDRESS', 주소: 'ADDRESS', адрес: 'ADDRESS', العنوان: 'ADDRESS', כתובת: 'ADDRESS', पता: 'ADDRESS', ที่อยู่: 'ADDRESS',
  メールアドレス: 'EMAIL', メール: 'EMAIL', 邮箱: 'EMAIL', 电子邮件: 'EMAIL', 電子郵件: 'EMAIL', 이메일: 'EMAIL', почта: 'EMAIL',
  'электронная почта': 'EMAIL', 'البريد الإلكتروني': 'EMAIL', אימייל: 'EMAIL', ईमेल: 'EMAIL', อีเมล: 'EMAIL',
  生年月日: 'DATE_OF_BIRTH', 出生日期: 'DATE_OF_BIRTH', 생년월일: 'DATE_OF_BIRTH', 'дата рождения': 'DATE_OF_BIRTH', 'تاريخ الميلاد': 'DATE_OF_BIRTH',
  身份证号: 'NATIONAL_ID', 身份证: 'NATIONAL_ID', 身分證字號: 'NATIONAL_ID', マイナンバー: 'NATIONAL_ID', 주민등록번호: 'NATIONAL_ID', паспорт: 'NATIONAL_ID',
  パスワード: 'SECRET', 密码: 'SECRET', 密碼: 'SECRET', 비밀번호: 'SECRET', пароль: 'SECRET', 'كلمة المرور': 'SECRET', סיסמה: 'SECRET',
};


/**
 * Short keys that hold a part of a name only beside their partner: FHIR's HumanName (`{family, given}`),
 * vCard-style `{fn, ln}`, `{first, last}`. Alone, "given" opens a BDD step and "first" a range.
 */
const NAME_PART_PAIRS: Readonly<Record<string, string>> = { given: 'family', family: 'given', fn: 'ln', ln: 'fn', first: 'last', last: 'first' };

/** A string that can be (a part of) a name: letters, no digits, up to four words ("Tendai", "van der Berg"). */
function namePartValue(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 100 && /\p{L}/u.test(v) && !/\d/.test(v) && v.trim().split(/\s+/).length <= 4;
}

/**
 * PERSON for a name part whose partner key is beside it (see NAME_PART_PAIRS) and whose value reads as
 * one (FHIR's `given` is a list of them), else undefined: `{"first": 1, "last": 9}` is a range.
 */
function pairedNamePart(siblings: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const partner = NAME_PART_PAIRS[key];
  if (partner === undefined || siblings === undefined || !(partner in siblings)) return undefined;
  const v = siblings[key];
  return namePartValue(v) || (Array.isArray(v) && v.length > 0 && v.every(namePartValue)) ? 'PERSON' : undefined;
}

/** PERSON for a role key's value that looks like a person's name ("Tendai Moyo"), else undefined. */
function roleValue(siblings: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const v = siblings?.[key];
  return typeof v === 'string' && looksLikePersonName(v) ? 'PERSON' : undefined;
}

/**
 * Last words of keys whose values are places (`city`, `location`, `destination_airport`): a city named
 * like a person ("Austin", "Paris") is the place there, not someone.
 */
const PLACE_WORDS = new Set([
  'city', 'cities', 'town', 'village', 'location', 'locations', 'destination', 'origin', 'country', 'province', 'region', 'county',
  'place', 'airport', 'municipality', 'locality', 'capital', 'venue', 'hometown',
]);

/** True when values under `key` name places (see PLACE_WORDS); keys with an address word are sensitive instead. */
export function isPlaceKey(key: string): boolean {
  const ws = keyWords(key);
  return ws.length > 0 && PLACE_WORDS.has(ws[ws.length - 1] as string);
}

/** Decides which keys are sensitive; built once per redactor. */
export class SensitiveKeys {
  private readonly extra = new Map<string, string>();
  private readonly cache = new Map<string, string | null>();

  /** `extra` are the team's keys from the config. */
  constructor(extra: readonly SensitiveKeyEntry[]) {
    for (const e of extra) {
      const key = typeof e === 'string' ? e : e.key;
      // A key of another script has no Latin words: it is kept by its lower-cased spelling (see SCRIPT_KEYS).
      const norm = keyWords(key).join('') || scriptKey(key);
      const type = typeof e === 'string' ? keyWords(key).join('_').toUpperCase() || 'CUSTOM' : e.type;
      this.extra.set(norm, type);
    }
  }

  /** The placeholder type for values under `key`, or undefined when the key is not sensitive. */
  typeOf(key: string, siblings?: Readonly<Record<string, unknown>>): string | undefined {
    // Where the verdict depends on the object (a bare name, a role, a name part), what is cached, or checked
    // first, says so, and the object is asked each time.
    if (Object.hasOwn(NAME_PART_PAIRS, key)) return this.extra.get(key) ?? pairedNamePart(siblings, key);
    const hit = this.verdict(key);
    if (hit === BY_VALUE) return roleValue(siblings, key);
    if (hit === BARE_NAME) return bareName(siblings, key);
    return hit ?? undefined;
  }

  /**
   * True when a value under `key` can be masked, as a table's header says of its column: a key that is
   * sensitive, or one whose verdict depends on what it holds (a role, a bare name). A name part needs its
   * partner beside it, which a header alone does not show.
   */
  mayHold(key: string): boolean {
    if (Object.hasOwn(NAME_PART_PAIRS, key)) return this.extra.has(key);
    return this.verdict(key) !== null;
  }

  /** The key's cached verdict (keys repeat across records): a type, BY_VALUE, BARE_NAME, or null. */
  private verdict(key: string): string | null {
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.compute(key) ?? null;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, hit);
    }
    return hit;
  }

  private compute(key: string): string | undefined {
    const ws = keyWords(key);
    if (ws.length === 0) {
      const k = scriptKey(key);
      return this.extra.get(k) ?? SCRIPT_KEYS[k];
    }
    const joined = ws.join('');
    const extra = this.extra.get(joined);
    if (extra !== undefined) return extra;
    const last = ws[ws.length - 1] as string;
    // Its verdict depends on the object, so what is cached is that it must be asked (not the first answer).
    if (ws.length === 1 && BARE_NAME_WORDS.has(last)) return BARE_NAME;
    if (last === 'name' || last === 'names') {
      return PERSON_NAME_PREFIX.has(ws[ws.length - 2] as string) || EXACT[joined] === 'PERSON' ? 'PERSON' : undefined;
    }
    const exact = EXACT[joined];
    if (exact !== undefined) return exact;
    // "card_no", "phone_num", "passport_nr": the key of a number, named by what it numbers.
    if (ws.length > 1 && NUMBER_WORDS.has(last)) {
      for (let k = ws.length - 2; k >= Math.max(0, ws.length - 3); k--) {
        const stem = ws.slice(k, -1).join('');
        const t = EXACT[`${stem}number`] ?? EXACT[stem];
        if (t !== undefined && t !== 'PERSON' && t !== 'USER') return t;
      }
    }
    // Flattened attribute keys ("http.request.header.authorization") are judged by their last segment(s).
    const tail2 = ws.slice(-2).join('');
    if (EXACT[tail2] !== undefined && EXACT[tail2] !== 'PERSON' && EXACT[tail2] !== 'USER') return EXACT[tail2];
    if (ws.length > 1 && /^(?:server|host|peer|net|network|remote|local|socket|client|source|destination)$/.test(ws[ws.length - 2] as string) && last === 'address') return 'IP_ADDRESS';
    if (ws.length > 1 && LAST_WORD[last] !== undefined) {
      if (last === 'token' && /^(?:max|total|input|output|prompt|completion|num|count)$/.test(ws[ws.length - 2] as string)) return undefined;
      return LAST_WORD[last];
    }
    if (last === 'authorization' || last === 'cookie') return 'SECRET';
    // "customer", "primary_contact", "created_by", "assigned_to": a person, an id or an object.
    if (ROLE_KEY_WORDS.has(last) || (ws.length === 2 && (last === 'by' || last === 'to') && BY_VERB.test(ws[0] as string))) return BY_VALUE;
    return undefined;
  }
}
