import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { nodeHttpFetch } from '../../../core/judge/http-fetch.js';

describe('nodeHttpFetch', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/missing') {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":"model \'x\' not found"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-echo-length': String(Buffer.byteLength(body)) });
        res.end(JSON.stringify({ echoed: body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers like fetch: ok, status, headers, json and text of the buffered body', async () => {
    const res = await nodeHttpFetch(`${url}/api/chat`, { method: 'POST', body: 'héllo ✓', headers: { 'content-type': 'application/json' } });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo-length')).toBe(String(Buffer.byteLength('héllo ✓')));
    expect(await res.json()).toEqual({ echoed: 'héllo ✓' });
  });

  it('gives a non-2xx reply with its JSON error and still offers a readable body stream', async () => {
    const res = await nodeHttpFetch(`${url}/missing`);
    expect(res.ok).toBe(false);
    expect(res.status).toBe(404);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('{"error":"model \'x\' not found"}');
  });

  it('fails like fetch on a refused connection', async () => {
    await expect(nodeHttpFetch('http://127.0.0.1:1/')).rejects.toThrowError(/fetch failed/);
  });
});
