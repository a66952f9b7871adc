/**
 * Usernames and user ids named as such in prose or in `key: value` text: "my username is aarav_ahmed_6699",
 * "my user id is mia_li_3668" (tau-bench's users say so in their first turn), "login: jdoe", and `user=jdoe`
 * in a connection string or a config line (not "user:", a transcript's speaker label).
 * A username is an account id, often made of its owner's name: masked as USER, like the values of a JSON
 * `username` or `user_id` key. Words after the cue ("username is required") and
 * template values ("your_username") are prose, not a username; a username has a letter.
 */
import { trimEndOf } from '../../model/regex-safety.js';
import type { Finding } from '../types.js';
import { isAlnum, isDigit } from './context.js';
import { lexicon } from './lexicon.js';
import { codeValue } from './key-value.js';

/** The cue, in English, German, Spanish, French, Italian, Dutch and Portuguese, then "is" or a colon, then the username. */
const USERNAME =
  /(?<![\p{L}\p{N}])(?:user[ _-]?(?:name|id)|user(?=[ \t]*=)|login(?: name)?|screen[_-]?name|benutzername|benutzer-?id|nutzername|anmeldename|nombre de usuario|usuario|nom d'utilisateur|identifiant|utilisateur|nome utente|utente|gebruikersnaam|gebruiker|nome de usuário|usuário)(?:[ \t]+(?:is|ist|lautet|es|est|è|é)|["']?[ \t]*[:=])[ \t]*["'`]?@?([A-Za-z0-9][A-Za-z0-9._-]{1,63})/giu;

/**
 * A social handle after the platform's name: "DM me on Twitter @maria_g", "instagram: @zq.vrumple". Not
 * the domain of an email (the "@" follows no address character), not a scoped package ("@actions/core").
 * "handle" counts only as "handle is" or "handle:", since code is full of handle() and decorators.
 */
const HANDLE =
  /\b(?:twitter|instagram|tiktok|telegram|mastodon|bluesky|github|x\.com|handle(?=[ \t]+is\b|[ \t]*[:=]))\b[^@\n]{0,24}?(?<![\w.%+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w.]*[@/])/gi;

/** A social handle before the platform's name: "@tendai_moyo on Twitter", "find me @zq.vrumple on Instagram". */
const HANDLE_BEFORE =
  /(?<![\w.%+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)[ \t]+(?:on|at|via)[ \t]+(?:twitter|instagram|tiktok|telegram|mastodon|bluesky|github|threads|linkedin)\b/gi;

/** What documentation writes where a username goes ("your_username", "example-user"). */
const TEMPLATE_NAME = /^(?:your|my|the|example|sample|test)[._-]/i;

/** Finds usernames after a cue that names them, and social handles beside their platform's name. */
export function findUsernames(text: string, out: Finding[]): void {
  HANDLE.lastIndex = 0;
  let h: RegExpExecArray | null;
  while ((h = HANDLE.exec(text)) !== null) {
    const end = h.index + h[0].length;
    out.push({ start: end - (h[1] as string).length, end, type: 'USER', score: 0.75 });
  }
  HANDLE_BEFORE.lastIndex = 0;
  while ((h = HANDLE_BEFORE.exec(text)) !== null) out.push({ start: h.index + 1, end: h.index + 1 + (h[1] as string).length, type: 'USER', score: 0.75 });
  const lx = lexicon();
  USERNAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = USERNAME.exec(text)) !== null) {
    const name = trimEndOf(m[1] as string, /[._-]/);
    const n = name.toLowerCase();
    // A date is no username ("Last login: Tue Mar 12 09:14:02").
    if (name.length < 2 || !/[A-Za-z]/.test(name) || lx.common.has(n) || lx.dictionary.has(n) || lx.dateAbbreviation.has(n) || TEMPLATE_NAME.test(n)) continue;
    const start = m.index + m[0].length - (m[1] as string).length;
    // Code declares and reads such fields: `username: str`, `user_name = req.body.user_name`.
    if (codeValue(text.slice(start, m.index + m[0].length + 2))) continue;
    out.push({ start, end: start + name.length, type: 'USER', score: 0.75 });
  }
}

/**
 * A home directory: "/Users/" (macOS), "/home/" (Linux), "C:\\Users\\" (Windows, its backslashes doubled
 * where the path sits in escaped JSON). Lower-case "/users/" is a REST route, not macOS.
 */
const HOME_DIR = /\/Users\/|\/home\/|(?<=[A-Za-z]:|^|[\s"'`=(])\\{1,4}[Uu]sers\\{1,4}/g;
/** One path segment: up to the next separator, quote or shell character. */
const SEGMENT = /[^\s/\\"'`:;,<>|*?()[\]{}$%&=#!]{1,64}/y;
/**
 * Home directories that are no person's: service and CI accounts, images' default users, the shared
 * folders of macOS and Windows ("Default", "All Users": a segment ends at the blank), and what
 * documentation writes in a person's place.
 */
const NOT_A_PERSON = new Set([
  'root', 'user', 'users', 'admin', 'administrator', 'ubuntu', 'debian', 'centos', 'fedora', 'ec2-user', 'runner', 'runneradmin',
  'node', 'app', 'apps', 'vagrant', 'pi', 'codespace', 'codespaces', 'vscode', 'jovyan', 'circleci', 'travis', 'jenkins', 'git',
  'www-data', 'nobody', 'daemon', 'docker', 'dev', 'developer', 'build', 'builder', 'ci', 'coder', 'gitpod', 'sandbox', 'agent',
  'linuxbrew', 'shared', 'public', 'default', 'all', 'guest', 'you', 'me', 'yourname', 'your-name',
  'your_name', 'yourusername', 'your-username', 'your_username', 'username', 'user-name', 'user_name', 'name', 'example', 'test',
  'tester', 'demo', 'ubuntu-user', 'ansible', 'deploy', 'deployer', 'ops', 'service', 'steam', 'postgres', 'mysql', 'redis', 'swe-agent',
]);

/** Finds the account name of each home directory in a path ("/Users/jannik/Documents", "C:\\Users\\Tendai\\AppData"). */
export function findHomeDirUsers(text: string, out: Finding[]): void {
  HOME_DIR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOME_DIR.exec(text)) !== null) {
    if (m[0].charCodeAt(0) === 47 && !startsPath(text, m.index)) continue;
    const start = m.index + m[0].length;
    SEGMENT.lastIndex = start;
    const seg = SEGMENT.exec(text);
    if (seg === null) continue;
    const name = trimEndOf(seg[0], /[.]/);
    const n = name.toLowerCase();
    if (name.length < 2 || NOT_A_PERSON.has(n) || TEMPLATE_NAME.test(n) || !/[A-Za-z]/.test(name)) continue;
    out.push({ start, end: start + name.length, type: 'USER', score: 0.8 });
  }
}

/**
 * True when the "/" at `i` starts a path: at the start of the text or of a word, in a file URL, or after a
 * drive's one-letter segment ("/c/Users" in Git Bash, "/mnt/c/Users" in WSL). Not inside a web address's
 * path ("example.com/home/about").
 */
function startsPath(text: string, i: number): boolean {
  if (i === 0) return true;
  const p = text.charCodeAt(i - 1);
  if (/[\s"'`=(:[,;{>]/.test(String.fromCharCode(p))) return true;
  if (p === 47) return text.slice(Math.max(0, i - 7), i) === 'file://';
  return /[A-Za-z]/.test(String.fromCharCode(p)) && (i === 1 || text.charCodeAt(i - 2) === 47);
}

/** A shell prompt's tail after `user@host`: a working directory, then "$", "%", "#" or ">" and a blank or the end. */
const PROMPT_TAIL = /^(?::[~/][^\s$#%>]{0,200}|[ \t]+[^\s\]$#%>]{1,200})?[ \t]?\]?[$%#>](?:[ \t]|$)/;
/** A command that logs in as `user@host`. */
const LOGIN_COMMAND = /\b(?:ssh|scp|sftp|rsync|mosh|sshfs|ssh-copy-id)\b/;
/** The computer name macOS gives a person's Mac: "Tendais-MacBook-Pro", "Farais-iMac". */
const MAC_HOST = /^(\p{Lu}\p{Ll}{1,30})s-(?:MacBook|iMac|Mac-mini|Mac-Studio|MBP|Mac)\b/u;

/**
 * The account of a login written `user@host` where the host is no mail domain: a shell prompt
 * ("tmoyo@fedora:~/src$", "[tmoyo@fedora ~]$"), or after ssh, scp or rsync ("ssh tmoyo@10.0.0.5"; not
 * "react@18.2.0"). macOS names a person's Mac after them ("tmoyo@Tendais-MacBook-Pro ~ %"): the name is
 * masked too. An address with a mail domain is the email recognizer's. `commands`: the text names a login
 * command (the `login` keyword group), else only prompts are looked for.
 */
export function findLogins(text: string, out: Finding[], commands: boolean): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let e = at + 1;
    while (e < text.length && e - at < 64 && isLoginChar(text.charCodeAt(e))) e++;
    // Most "@"s are emails: what follows their domain is no prompt, and no login command came before.
    const next = e < text.length ? text.charCodeAt(e) : 0;
    const mayPrompt = next === 58 || next === 32 || next === 9 || next === 93 || next === 36 || next === 37 || next === 35 || next === 62;
    if (e === at + 1 || (!commands && !mayPrompt)) continue;
    let s = at;
    while (s > 0 && at - s < 32 && isLoginChar(text.charCodeAt(s - 1))) s--;
    if (s === at || !/[A-Za-z_]/.test(text[s] as string) || (s > 0 && !/[\s\["'(=]/.test(text[s - 1] as string))) continue;
    const prompt = mayPrompt && startsLine(text, s) && PROMPT_TAIL.test(text.slice(e, e + 220));
    if (!prompt) {
      // The line before the login, at most its last 120 characters (a long line of "@"s stays linear).
      const lead = text.slice(Math.max(0, s - 120), s);
      if (!commands || !LOGIN_COMMAND.test(lead.slice(lead.lastIndexOf('\n') + 1))) continue;
    }
    const login = text.slice(s, at);
    if (!NOT_A_PERSON.has(login.toLowerCase()) && !TEMPLATE_NAME.test(login)) out.push({ start: s, end: at, type: 'USER', score: 0.8 });
    const mac = prompt ? MAC_HOST.exec(text.slice(at + 1, e)) : null;
    if (mac !== null) out.push({ start: at + 1, end: at + 1 + (mac[1] as string).length, type: 'PERSON', score: 0.8 });
  }
}

/** A character of a login or a host name: a letter, a digit, "_", "." or "-". */
function isLoginChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 46 || c === 45;
}

/** True when only blanks and a "[" (bash's "[user@host dir]$") stand between `i` and the start of its line. */
function startsLine(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && i - j < 16 && (text[j - 1] === ' ' || text[j - 1] === '\t' || text[j - 1] === '[')) j--;
  return j === 0 || text[j - 1] === '\n';
}

/** True for an ASCII lower-case letter's code. */
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Logins shaped like their owner's name, as directories and help desks write them: an initial or a given
 * name, "." or "_", then a surname, perhaps a number ("j.okonkwo", "tendai.moyo", "kwame_mensah2"). Both
 * parts must be names no dictionary has, or an initial and such a surname: code's `max_iter` and
 * `grace.period` are not people; nor is part of a longer dotted or slashed path, an email or a host name
 * ("os.path", "jane.doe@x.io", "mark.lee.example.com"). `dots`: the text has a "." (the first pass's note).
 * The caller runs it only where the text speaks of accounts (a user, a password, a login): a scan of every
 * text for its "." and "_" cost 1% of redaction, and code joins its identifiers' words with them.
 */
export function findNameLogins(text: string, out: Finding[], dots: boolean): void {
  const lx = lexicon();
  let last = -1;
  if (dots) last = nameLoginsAt(text, '.', lx, out, last);
  nameLoginsAt(text, '_', lx, out, last);
}

/** findNameLogins for the logins whose parts `sep` joins; `last` is the start of the last login found. */
function nameLoginsAt(text: string, sep: string, lx: ReturnType<typeof lexicon>, out: Finding[], last: number): number {
  const n = text.length;
  for (let i = text.indexOf(sep, 1); i > 0 && i < n - 2; i = text.indexOf(sep, i + 1)) {
    if (!isLower(text.charCodeAt(i - 1)) || !isLower(text.charCodeAt(i + 1))) continue;
    let s = i - 1;
    while (s > 0 && i - s < 20 && isLower(text.charCodeAt(s - 1))) s--;
    let e = i + 2;
    while (e < n && e - i <= 20 && isLower(text.charCodeAt(e))) e++;
    const surnameEnd = e;
    while (e < n && e - surnameEnd < 4 && isDigit(text.charCodeAt(e))) e++;
    if (s > 0 && (!loginEdge(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) continue;
    const next = e < n ? text.charCodeAt(e) : 32;
    if (!loginEdge(next) || (next === 46 && e + 1 < n && isAlnum(text.charCodeAt(e + 1)))) continue;
    const given = text.slice(s, i);
    if (s !== last && (given.length === 1 || nameOnly(lx, given)) && nameOnly(lx, text.slice(i + 1, surnameEnd))) {
      out.push({ start: s, end: e, type: 'USER', score: 0.7 });
      last = s;
    }
  }
  return last;
}

/** A given name or surname of the lists that no dictionary has (three letters or more). */
function nameOnly(lx: ReturnType<typeof lexicon>, w: string): boolean {
  return w.length >= 3 && (lx.first.has(w) || lx.last.has(w)) && !lx.dictionary.has(w) && !lx.common.has(w);
}

/** True when `c` may stand beside a login: not a letter, digit, "_", "@", "/", "\\" or "-" (a longer identifier, path or address). */
function loginEdge(c: number): boolean {
  return !(isAlnum(c) || c === 95 || c === 64 || c === 47 || c === 92 || c === 45 || c >= 0xc0);
}
