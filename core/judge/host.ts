/**
 * Where the judge may run. Conversations (redacted, but still the users' words) go to the judge
 * server, so it must be on this machine unless the user opts in (design.md invariant 2). Pure.
 */
import { trimEndOf } from '../model/regex-safety.js';

/** Ollama's default address. */
export const DEFAULT_JUDGE_HOST = 'http://127.0.0.1:11434';
const DEFAULT_PORT = '11434';

export type HostCheck =
  | { ok: true; url: string; remote: boolean; warning?: string }
  | { ok: false; problem: string };

/** True for a URL hostname that is this machine: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1 (and 127.x.y.z as ::ffff:7fxx:yyzz).
  return /^(0:0:0:0:0:)?::?ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h) || /^::ffff:127\./.test(h);
}

/**
 * Normalise a judge host the way the ollama client does (`:11434`, `localhost`, `host:port`, a full
 * URL) and check that it is loopback, or that remote hosts are allowed (then with a warning).
 * 0.0.0.0, a bind-all address, means this machine, as in Ollama's own CLI.
 */
export function checkJudgeHost(host: string, allowRemote: boolean): HostCheck {
  let text = host.trim();
  if (text === '') text = DEFAULT_JUDGE_HOST;
  if (text.startsWith(':')) text = `http://127.0.0.1${text}`;
  const explicitScheme = text.includes('://');
  if (!explicitScheme) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `the judge host "${host}" is not a valid address; use e.g. ${DEFAULT_JUDGE_HOST}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: `the judge host "${host}" must use http or https, not ${url.protocol.replace(':', '')}` };
  }
  if (url.username || url.password) {
    return { ok: false, problem: `the judge host "${host}" must not contain a user name or password` };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: `the judge host "${host}" must not have a query or fragment` };
  }
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  const port = url.port || (explicitScheme ? (url.protocol === 'https:' ? '443' : '80') : DEFAULT_PORT);
  const path = trimEndOf(url.pathname, /\//);
  const normalized = `${url.protocol}//${url.hostname}:${port}${path}`;
  if (isLoopbackHostname(url.hostname)) return { ok: true, url: normalized, remote: false };
  if (!allowRemote) {
    return {
      ok: false,
      problem:
        `the judge host ${url.hostname} is not this machine, and conversations may only be sent to a judge on loopback ` +
        '(127.0.0.1, localhost, [::1]); to use it anyway, set `allowRemoteHost: true` in the judge configuration',
    };
  }
  return {
    ok: true,
    url: normalized,
    remote: true,
    warning: `the judge runs on another machine (${url.hostname}): redacted conversation text will be sent to it${url.protocol === 'http:' ? ' unencrypted' : ''}`,
  };
}
