import { describe, expect, it } from 'vitest';
import { checkJudgeHost } from '../../../core/judge/host.js';

describe('checkJudgeHost', () => {
  const allowed: Array<[string, string]> = [
    ['', 'http://127.0.0.1:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    [':11500', 'http://127.0.0.1:11500'],
    ['localhost:11434', 'http://localhost:11434'],
    ['http://localhost', 'http://localhost:80'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434'],
    ['http://127.1.2.3:9000', 'http://127.1.2.3:9000'],
    ['http://[::1]:11434', 'http://[::1]:11434'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    ['http://2130706433:11434', 'http://127.0.0.1:11434'],
    ['http://[::ffff:127.0.0.1]:11434', 'http://[::ffff:7f00:1]:11434'],
    ['https://localhost:8443/ollama/', 'https://localhost:8443/ollama'],
  ];
  it.each(allowed)('%j is loopback → %s', (host, url) => {
    expect(checkJudgeHost(host, false)).toEqual({ ok: true, url, remote: false });
  });

  const remote = ['http://192.168.1.20:11434', 'gpu-box.lan:11434', 'http://localhost.evil.example:11434', 'http://127.0.0.1.nip.io', 'http://[2001:db8::1]:11434', 'http://10.0.0.1'];
  it.each(remote)('%j is refused without the opt-in, allowed with a warning with it', (host) => {
    const refused = checkJudgeHost(host, false);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem).toMatch(/not this machine.*allowRemoteHost: true/);
    const allowedRemote = checkJudgeHost(host, true);
    expect(allowedRemote).toMatchObject({ ok: true, remote: true });
    if (allowedRemote.ok) expect(allowedRemote.warning).toMatch(/redacted conversation text will be sent to it/);
  });

  it('says "unencrypted" for a remote http host only', () => {
    const http = checkJudgeHost('http://gpu-box:11434', true);
    const https = checkJudgeHost('https://gpu-box:11434', true);
    expect(http.ok && http.warning).toMatch(/unencrypted/);
    expect(https.ok && https.warning).not.toMatch(/unencrypted/);
  });

  const bad: Array<[string, RegExp]> = [
    ['ftp://127.0.0.1:21', /must use http or https/],
    ['http://user:secret@127.0.0.1:11434', /user name or password/],
    ['http://127.0.0.1:11434/?x=1', /query or fragment/],
    ['http://exa mple:1', /not a valid address/],
  ];
  it.each(bad)('%j is refused: %s', (host, problem) => {
    const r = checkJudgeHost(host, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });
});
