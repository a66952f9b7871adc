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
    if (name.length < 2 || !/[A-Za-z]/.test(name) || lx.common.has(n) || lx.dictionary.has(n) || lx.dateAbbreviation.has(n) || /^(?:your|my|the|example|sample|test)[._-]/.test(n)) continue;
    const start = m.index + m[0].length - (m[1] as string).length;
    // Code declares and reads such fields: `username: str`, `user_name = req.body.user_name`.
    if (codeValue(text.slice(start, m.index + m[0].length + 2))) continue;
    out.push({ start, end: start + name.length, type: 'USER', score: 0.75 });
  }
}
