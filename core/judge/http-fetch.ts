/**
 * A `fetch` for the ollama client over node:http(s) with keep-alive agents. Why: Node 20's built-in
 * fetch costs about 1 ms of main-thread time per request, more than everything else the judge does
 * per conversation (the bench's < 2 ms overhead budget); node:http costs about a third of that.
 * It buffers each response body, which is all the judge needs (it never streams), and it fails like
 * fetch: a network error is `TypeError('fetch failed')` with the socket error as `cause`, a body cut
 * short is `TypeError('terminated')`, an abort rejects with the signal's reason. Adapter file.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    else if (v !== undefined) headers.set(k, v);
  }
  return headers;
}

type HeadersLike = NonNullable<Parameters<typeof fetch>[1]>['headers'];

/**
 * The part of a fetch Response the ollama client reads on a non-streamed call (ok, status, headers,
 * json, text), over a buffered body. Building a real Response costs undici's stream machinery on every
 * judged conversation; `body` still gives a real stream, built only if someone asks for it.
 */
class BufferedResponse {
  readonly ok: boolean;
  private headersObject?: Headers;
  constructor(
    private readonly buffer: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: IncomingHttpHeaders,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  get headers(): Headers {
    this.headersObject ??= toHeaders(this.rawHeaders);
    return this.headersObject;
  }
  get body(): ReadableStream<Uint8Array> | null {
    return new Response(this.buffer ? Uint8Array.from(this.buffer) : null).body;
  }
  async text(): Promise<string> {
    return this.buffer ? this.buffer.toString('utf8') : '';
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

function plainHeaders(init: HeadersLike): Record<string, string> {
  if (!init) return {};
  if (init instanceof Headers) return Object.fromEntries(init.entries());
  if (Array.isArray(init)) return Object.fromEntries(init);
  return { ...(init as Record<string, string>) };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** fetch over node:http(s) keep-alive agents, for `new Ollama({ fetch })`. Only string bodies are supported. */
export const nodeHttpFetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const signal = init?.signal ?? undefined;
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return Promise.reject(new TypeError('nodeHttpFetch sends string bodies only'));
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = plainHeaders(init?.headers);
  // Encode once: handing a two-byte (non-Latin-1) string to the socket takes Node's slow write path,
  // about 1 ms for a 25 KB prompt, against a few microseconds for Buffer.from.
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : undefined;
  if (payload) headers['content-length'] = String(payload.length);
  const https = url.protocol === 'https:';
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      reject(signal?.aborted ? abortReason(signal) : error);
    };
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(new TypeError('terminated', { cause: e })));
      res.on('close', () => {
        if (!res.complete) fail(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        const status = res.statusCode ?? 500;
        const noBody = method === 'HEAD' || status === 204 || status === 304;
        resolve(new BufferedResponse(noBody ? null : Buffer.concat(chunks), status, res.statusMessage ?? '', res.headers) as unknown as Response);
      });
    };
    const options = { method, headers, agent: https ? agents.https : agents.http, signal };
    const req = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
    req.on('error', (e) => fail(new TypeError('fetch failed', { cause: e })));
    req.end(payload);
  });
}) as typeof fetch;
