/**
 * Secrets: provider keys with known prefixes, bearer/basic credentials, JWTs, private key blocks,
 * connection strings with passwords, auth headers and cookies, and high-entropy values assigned to
 * secret-looking keys.
 */
import { trimEndOf } from '../../model/regex-safety.js';
import { looksRandom } from '../checks.js';
import type { Finding } from '../types.js';
import { eachMatch, isAlnum } from './context.js';
import { lexicon } from './lexicon.js';
import { keyWords } from '../keys.js';
import type { TextIndex } from './text-index.js';

/** Provider key formats (documented prefixes and lengths). */
const KNOWN_PREFIX = new RegExp(
  [
    'sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,200}',
    'sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,250}',
    '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}',
    'gh[pousr]_[A-Za-z0-9_.-]{30,255}',
    'github_pat_[A-Za-z0-9_]{22,255}',
    'glpat-[A-Za-z0-9_-]{20,64}',
    'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
    'glc_[A-Za-z0-9+/]{32,400}={0,2}',
    'xox[abposre]-[A-Za-z0-9-]{10,250}',
    'xapp-\\d-[A-Za-z0-9-]{10,250}',
    '(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}',
    'AIza[A-Za-z0-9_-]{35}',
    'hv[sbr]\\.[A-Za-z0-9_-]{24,400}',
    'dapi[0-9a-fA-F]{32}(?:-\\d)?(?![0-9a-fA-F])',
    'gsk_[A-Za-z0-9]{40,100}',
    'hf_[A-Za-z]{34}(?![A-Za-z0-9])',
    'lin_(?:api|oauth)_[A-Za-z0-9]{40}',
    'tskey-[a-z]{2,20}-[A-Za-z0-9]{6,40}-[A-Za-z0-9]{16,80}',
    'vc[pirak]_[A-Za-z0-9]{24,80}',
    'shp(?:at|ss|ca|pa)_[A-Za-z0-9]{32,64}',
    'npm_[A-Za-z0-9]{36}',
    'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}',
    'ntn_\\d{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])',
    'dckr_pat_[A-Za-z0-9_-]{27,64}',
    'sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}',
    'SK[0-9a-fA-F]{32}(?![0-9a-fA-F])',
    'EAA[A-Za-z0-9]{60,250}',
    'ya29\\.[A-Za-z0-9_-]{30,500}',
    '0x[0-9a-fA-F]{64}(?![0-9a-fA-F])',
    // 1Password service accounts, Cloudflare, Figma, DigitalOcean, Doppler, Postman, Atlassian, Pulumi,
    // New Relic, Sentry, Supabase, Replicate, Perplexity, xAI, Google OAuth client secrets, Stripe webhooks,
    // Mailgun, age, GitLab's other token kinds: each provider's documented prefix and length.
    'ops_eyJ[A-Za-z0-9+/=_-]{20,2000}',
    'cf(?:at|ut|k)_[A-Za-z0-9]{48}(?![A-Za-z0-9])',
    'figd_[A-Za-z0-9_-]{40,100}',
    'do[opr]_v1_[a-f0-9]{64}',
    'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}',
    'PMAK-[0-9a-f]{24}-[0-9a-f]{34}',
    'ATATT3[A-Za-z0-9_=-]{150,250}',
    'pul-[a-f0-9]{40}(?![a-f0-9])',
    'NRAK-[A-Z0-9]{27}(?![A-Z0-9])',
    'sntry[su]_[A-Za-z0-9+/=_-]{40,400}',
    'sbp_[a-f0-9]{40}(?![a-f0-9])',
    'r8_[A-Za-z0-9]{37}(?![A-Za-z0-9])',
    'pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9])',
    'xai-[A-Za-z0-9]{60,100}',
    'GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])',
    'whsec_[A-Za-z0-9+/=]{32,100}',
    'key-[0-9a-f]{32}(?![0-9a-f])',
    'AGE-SECRET-KEY-1[0-9A-Z]{58}',
    'gl(?:dt|ptt|rt|soat|cbt|imt|ft)-[A-Za-z0-9_-]{20,64}',
  ].join('|'),
  'g',
);
/** The same formats, tried only where one of their literal starts sits (see eachKnownPrefix). */
const KNOWN_PREFIX_AT = new RegExp(KNOWN_PREFIX.source, 'y');
const HEX = '0123456789abcdefABCDEF';
/** The first three characters each provider format can start with, packed as c0 << 16 | c1 << 8 | c2. */
const PREFIX3 = new Set<number>(
  [
    'sk-', 'sk_', 'rk_', 'ghp', 'gho', 'ghu', 'ghs', 'ghr', 'git', 'glp', 'gls', 'glc', 'xox', 'xap', 'AKI', 'ASI', 'AGP', 'AID',
    'ARO', 'ANP', 'ANV', 'AIP', 'AIz', 'hvs', 'hvb', 'hvr', 'dap', 'gsk', 'hf_', 'lin', 'tsk', 'vcp', 'vci', 'vcr', 'vca', 'vck',
    'shp', 'npm', 'pyp', 'ntn', 'dck', 'sq0', 'EAA', 'ya2',
    'ops', 'cfa', 'cfu', 'cfk', 'fig', 'doo', 'dop', 'dor', 'dp.', 'PMA', 'ATA', 'pul', 'NRA', 'snt', 'sbp', 'r8_', 'ppl', 'xai',
    'GOC', 'whs', 'key', 'AGE', 'gld', 'glr', 'gli', 'glf',
    ...[...HEX].map((h) => `SK${h}`),
    ...[...HEX].map((h) => `0x${h}`),
  ].map((p) => (p.charCodeAt(0) << 16) | (p.charCodeAt(1) << 8) | p.charCodeAt(2)),
);
const PREFIX_FIRST = new Uint8Array(128);
for (const k of PREFIX3) PREFIX_FIRST[k >> 16] = 1;

/**
 * Same matches as a global scan of KNOWN_PREFIX, but the alternation (which has no common literal for the
 * regex engine to search for) only runs where a format's first three characters are.
 */
function eachKnownPrefix(text: string, runs: readonly number[], fn: (m: RegExpExecArray) => void): void {
  // Every format is LONG_RUN characters or more of [A-Za-z0-9_.+/=-]: only the first pass's long runs of
  // them are read, not code's identifiers or prose's words.
  for (let r = 0; r < runs.length; r += 2) {
    const end = (runs[r + 1] as number) - 2;
    for (let i = runs[r] as number; i < end; i++) {
      const c0 = text.charCodeAt(i);
      if (PREFIX_FIRST[c0] === 0) continue;
      const c1 = text.charCodeAt(i + 1);
      const c2 = text.charCodeAt(i + 2);
      if (!PREFIX3.has((c0 << 16) | (c1 << 8) | c2)) continue;
      KNOWN_PREFIX_AT.lastIndex = i;
      const m = KNOWN_PREFIX_AT.exec(text);
      if (m === null) continue;
      fn(m);
      i += m[0].length - 1;
    }
  }
}

/** True when `text` has 16 consecutive [A-Za-z0-9_.-] characters, which every provider format needs. */
function hasKeyRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45) {
      if (++run >= 16) return true;
    } else run = 0;
  }
  return false;
}
/** Any of the lower-case words the gates below look for (one scan instead of a dozen indexOf calls). */
const KEY_WORD_GATE = ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'session', 'kennwort', 'contraseña', 'contrasena', 'mdp', 'wachtwoord', 'senha', 'hasło', 'haslo'];
/** SendGrid keys are often glued to surrounding text, so they get no left boundary. */
const SENDGRID = /SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{0,2000}/g;
const BEARER = /\b(?:bearer|basic|digest)[ \t]+([A-Za-z0-9._~+/=:-]{6,4096})/gi;
const PRIVATE_KEY_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const AUTH_HEADER =
  /\b(?:proxy-authorization|authorization|x-api-key|api-key|x-auth-token|x-access-token|cookie|set-cookie)["']?[ \t]*[:=][ \t]*["']?([^\r\n"']{1,4096})/gi;
/**
 * Webhook URLs: whoever has one can post to the channel behind it, so the whole URL is the secret
 * (Slack, Discord, Microsoft Teams, Zapier), also where readable URLs are kept (`urls: credentials`).
 */
const WEBHOOK_URL =
  /https:\/\/(?:hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,200}|(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20,200}|[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[^\s"'<>]{20,400}|outlook\.office\.com\/webhook\/[^\s"'<>]{20,400}|hooks\.zapier\.com\/hooks\/catch\/\d{1,20}\/[A-Za-z0-9]{4,40})/g;
/** A secret after a command-line flag that names it: `--password s3cret`, `--token=…`, `--api-key '…'`. */
const CLI_FLAG = /(?<![\w-])--(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|access-token|auth-token)(?:[ \t]+|=)(['"]?)([^\s'"]{3,256})\1/gi;
/**
 * A password on a database or login tool's command line: glued to MySQL's and MariaDB's -p (`mysql -u root
 * -pS3cret`; "-p" alone prompts, and the word after it is the database), after sshpass's -p and redis-cli's -a.
 */
const CLI_TOOL_PASSWORD = /\b(?:(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,200}?[ \t]-p|sshpass\b[^\n]{0,40}?[ \t]-p[ \t]+|redis-cli\b[^\n]{0,200}?[ \t]-a[ \t]+)(['"]?)([^\s'"]{3,256})\1/g;
/** Basic credentials on a command line: `curl -u admin:Passw0rd!`, `--user jane:s3cret`. */
const CLI_USER = /(?<=^|[ \t])(?:-u|--user)[ \t]+['"]?([^\s:'"]{1,128}:[^\s'"]{1,256})/g;
const CONN_STRING = /\b(?:jdbc:)?[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/([^\s/"'<>@:]{0,128}):([^\s/"'<>]{1,256})@[^\s"'<>`]{1,2048}/g;
/** Key names that announce a secret value; found first, then the assignment is parsed by hand. */
const SECRET_KEY_WORD =
  /(?:passw(?:or)?d|passwd|passwort|kennwort|contraseña|contrasena|mot de passe|mdp|wachtwoord|senha|hasło|haslo|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|session[_-]?(?:id|key)|signing[_-]?key|key(?=[_-]|\b))/gi;
/** Key names matched only as "…key" (AccountKey, master_key): their values must look random, not merely long. */
const GENERIC_KEY = /key$/i;
const PASSWORD_WORD = /passw|passphrase|pwd|secret|kennwort|contrase[ñn]a|mot de passe|mdp|wachtwoord|senha|has[łl]o/i;
/** "Is" after a password word in prose, in English and in German, Spanish, French, Italian, Dutch, Portuguese and Polish. */
const PROSE_IS = /^(?:is|was|ist|lautet|war|es|era|est|était|è|é|to)[ \t]/i;
/** Words of a key name that say its value is no secret (`token_count`, `key_type`, `public_key`, `cache_key_ttl`). */
const NOT_SECRET_KEY_WORDS = new Set(['public', 'id', 'count', 'limit', 'length', 'type', 'name', 'url', 'uri', 'path', 'file', 'ttl', 'max', 'min', 'size', 'usage', 'used', 'total', 'input', 'output', 'prompt', 'completion']);

/**
 * Whether a value under a key merely named "…key" (AccountKey, master_key) is key material: a name that
 * weak needs a strong value, 40 characters or more of base64 with upper and lower case and digits (AWS
 * secret keys have 40, Azure account keys 88). Cache keys, sort keys, idempotency keys and the hex ids
 * agent frameworks call keys ("crew_key": "4d5b2186…") are ids.
 */
function keyMaterial(v: string): boolean {
  if (v.length < 40 || !/^[A-Za-z0-9+/=_-]+$/.test(v)) return false;
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v) && looksRandom(v);
}

/** The start of the next query parameter after "&". */
const NEXT_PARAM = /^&[A-Za-z_][\w.-]{0,63}=/;
const PLACEHOLDER = /^(?:\$\{.*\}|\{\{.*\}\}|\{.*\}|<.*>|%\(?\w*\)?s?|\*+|x+|\.{3}|null|none|undefined|true|false|your[_-].*|changeme|example|redacted|\[redacted\]|<redacted>)$/i;

function pushSecret(out: Finding[], start: number, end: number, score = 0.95): void {
  if (end > start) out.push({ start, end, type: 'SECRET', score });
}

/** Scans `key = value`, `key: value`, `"key": "value"` around each secret-looking key word. */
function findKeyValueSecrets(text: string, out: Finding[]): void {
  eachMatch(SECRET_KEY_WORD, text, (m) => {
    // The key extends over identifier characters on both sides (e.g. GROQ_API_KEY, db.password).
    let ks = m.index;
    while (ks > 0 && /[A-Za-z0-9_.-]/.test(text[ks - 1] as string) && m.index - ks < 60) ks--;
    let ke = m.index + m[0].length;
    while (ke < text.length && /[A-Za-z0-9_.-]/.test(text[ke] as string) && ke - m.index < 60) ke++;
    const key = text.slice(ks, ke);
    const passwordish = PASSWORD_WORD.test(key);
    if (!passwordish && keyWords(key).some((w) => NOT_SECRET_KEY_WORDS.has(w) || w.startsWith('expir'))) return;
    let i = ke;
    if (text[i] === '"' || text[i] === "'") i++;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    // `=>` (Ruby, PHP), `:=` (Go), `:` and `=`; and "my password is hunter2" in prose, for passwords only.
    let prose = false;
    let english = true;
    if ((text[i] === '=' && text[i + 1] === '>') || (text[i] === ':' && text[i + 1] === '=')) i += 2;
    else if (text[i] === ':' || text[i] === '=') i++;
    else {
      const verb = passwordish ? PROSE_IS.exec(text.slice(i, i + 8)) : null;
      if (verb === null) return;
      i += verb[0].length;
      prose = true;
      // Another language's "is" has no dictionary to tell "das Passwort ist falsch" (wrong) from a password:
      // there the value needs a digit or a symbol.
      english = /^(?:is|was)\s$/i.test(verb[0]);
    }
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    let quote = '';
    if (text[i] === '"' || text[i] === "'" || text[i] === '`') {
      quote = text[i] as string;
      i++;
    }
    // An unquoted value that opens a list or an object is structure (`"candidates_tokens_details":
    // [{"modality":"TEXT",…`), not a value: masking its first part would break the JSON around it.
    if (quote === '' && (text[i] === '[' || text[i] === '{')) return;
    const vs = i;
    const stop = quote !== '' ? quote : ' \t\r\n,;})]';
    // "&" ends a value only where the next query parameter starts ("pwd=x&user=y"): passwords use it too.
    while (i < text.length && i - vs < 4096 && !stop.includes(text[i] as string) && text[i] !== '\n' && !(quote === '' && text[i] === '&' && NEXT_PARAM.test(text.slice(i, i + 66)))) i++;
    let value = text.slice(vs, i);
    // A sentence's full stop after a value in prose is not part of it.
    if (prose && quote === '' && /[.!?]$/.test(value)) value = value.slice(0, -1);
    if (value.length < 3 || PLACEHOLDER.test(value) || value.startsWith('<') || /^[A-Z]+_\d+>/.test(value)) return;
    // In prose the word after "is" must not be a word ("the password is incorrect", "is required").
    if (prose && (value.length < 4 || lexicon().dictionary.has(value.toLowerCase()) || lexicon().common.has(value.toLowerCase()))) return;
    if (prose && !english && quote === '' && !/[\d\W_]/.test(value)) return;
    const ok = passwordish
      ? value.length >= 4
      : GENERIC_KEY.test(key) && !/(?:api|access|private|auth|signing|session)[_-]?key$/i.test(key)
        ? keyMaterial(value)
        : looksRandom(value) || (value.length >= 20 && /\d/.test(value) && /[A-Za-z]/.test(value) && !/\s/.test(value));
    if (ok) pushSecret(out, vs, vs + value.length, passwordish ? 0.9 : 0.85);
  });
}

/** All secret recognizers over one text. */
export function findSecrets(text: string, out: Finding[], ix: TextIndex): void {
  // Most texts have no keyword, no 16-character token run and no URL: they leave after a few substring searches.
  const words = ix.has('secret');
  const keyRun = ix.maxRun >= 16 && hasKeyRun(text);
  const cliUser = text.indexOf('-u ') >= 0 || text.indexOf('--user') >= 0;
  const cliTool = ix.has('dbTool') || ix.has('login');
  if (!words && !keyRun && !cliUser && !cliTool && text.indexOf('://') < 0) return;
  const lc = ix.lower();
  if (keyRun) eachKnownPrefix(text, ix.longRuns, (m) => {
    const prev = m.index > 0 ? text.charCodeAt(m.index - 1) : 32;
    if (isAlnum(prev) && !m[0].startsWith('tskey-')) return;
    if (m[0].startsWith('tskey-') && /[A-Za-z]/.test(text[m.index - 1] ?? ' ')) return;
    pushSecret(out, m.index, m.index + m[0].length, 0.97);
  });
  if (text.indexOf('SG.') >= 0) eachMatch(SENDGRID, text, (m) => pushSecret(out, m.index, m.index + m[0].length, 0.97));
  if (text.indexOf('eyJ') >= 0) eachMatch(JWT, text, (m) => pushSecret(out, m.index, m.index + m[0].length, 0.96));
  if (words && (lc.indexOf('bearer') >= 0 || lc.indexOf('basic') >= 0 || lc.indexOf('digest') >= 0)) eachMatch(BEARER, text, (m) => {
    const tok = m[1] as string;
    // A word after the scheme's name is prose ("basic plan", "Basic Economy: $51"), not a credential.
    if (/^[A-Za-z][a-z]+[.:,]?$/.test(tok) && tok.length < 20) return;
    const s = m.index + m[0].length - tok.length;
    pushSecret(out, s, s + tok.length, 0.96);
  });
  if (text.indexOf('PRIVATE KEY') >= 0)
    eachMatch(PRIVATE_KEY_BEGIN, text, (m) => {
      const endMarker = text.indexOf('-----END', m.index + m[0].length);
      let end: number;
      if (endMarker >= 0) {
        const close = text.indexOf('-----', endMarker + 8);
        end = close >= 0 ? close + 5 : endMarker + 8;
      } else {
        const blank = text.indexOf('\n\n', m.index);
        end = blank >= 0 ? blank : text.length;
      }
      pushSecret(out, m.index, end, 0.99);
    });
  if (words && (lc.indexOf('auth') >= 0 || lc.indexOf('cookie') >= 0 || lc.indexOf('api-key') >= 0 || lc.indexOf('token') >= 0)) eachMatch(AUTH_HEADER, text, (m) => {
    const v = m[1] as string;
    const trimmed = trimEndOf(v, /[\s,;]/);
    if (trimmed.length < 3 || PLACEHOLDER.test(trimmed)) return;
    const s = m.index + m[0].length - v.length;
    pushSecret(out, s, s + trimmed.length, 0.93);
  });
  if (text.indexOf('https://') >= 0 && (text.indexOf('hook') >= 0 || text.indexOf('discord') >= 0))
    eachMatch(WEBHOOK_URL, text, (m) => pushSecret(out, m.index, m.index + m[0].length, 0.97));
  if (cliUser)
    eachMatch(CLI_USER, text, (m) => {
      const cred = m[1] as string;
      const pass = cred.slice(cred.indexOf(':') + 1);
      // A uid:gid (`docker run -u 1000:1000`) or variables (`$USER:$TOKEN`) hold no credential.
      if (PLACEHOLDER.test(pass) || pass.startsWith('$') || /^\d+:\d+$/.test(cred)) return;
      const end = m.index + m[0].length;
      pushSecret(out, end - cred.length, end, 0.9);
    });
  // Both patterns capture an optional quote (group 1) and the value (group 2); variables and placeholders hold none.
  const flagValue = (m: RegExpExecArray): void => {
    const v = m[2] as string;
    if (PLACEHOLDER.test(v) || v.startsWith('$') || v.startsWith('<')) return;
    const end = m.index + m[0].length - (m[1] as string).length;
    pushSecret(out, end - v.length, end, 0.9);
  };
  if (words && text.indexOf('--') >= 0) eachMatch(CLI_FLAG, text, flagValue);
  if (cliTool) eachMatch(CLI_TOOL_PASSWORD, text, flagValue);
  if (text.indexOf('://') >= 0)
    eachMatch(CONN_STRING, text, (m) => {
      const user = m[1] as string;
      const pass = m[2] as string;
      if (PLACEHOLDER.test(pass) || PLACEHOLDER.test(user) || /^\$|\{|^<|YOUR_/i.test(pass)) return;
      let end = m.index + m[0].length;
      while (end > m.index && /[.,;:)\]!?]/.test(text[end - 1] as string)) end--;
      pushSecret(out, m.index, end, 0.97);
    });
  if (words && KEY_WORD_GATE.some((w) => lc.indexOf(w) >= 0)) findKeyValueSecrets(text, out);
}
