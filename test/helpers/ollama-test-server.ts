/**
 * A test double of Ollama's HTTP API (../shared/docs/ollama-api.md), on 127.0.0.1 with a random port,
 * for driving the real `ollama` client: GET|HEAD /, /api/version, /api/tags (with digests), POST
 * /api/show, GET /api/ps, POST /api/chat and /api/generate, streamed (NDJSON, the default when
 * `stream` is absent) and not. The reply to each chat is decided by the test (a scripted responder);
 * the default honours `format` with a valid instance of the JSON schema. Errors are Ollama's:
 * 404 unknown model, 400 missing body / bad JSON / think on a non-thinking model, scripted 5xx and 429,
 * a mid-stream `{"error":...}` line, a stream without `done`, a dropped connection, a slow first byte.
 * Every request is recorded, and chat requests in flight are counted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A model the fake server has "pulled". */
export interface FakeModel {
  name: string;
  /** 64 lowercase hex characters, as /api/tags reports it. */
  digest: string;
  /** Defaults to ['completion']. */
  capabilities?: string[];
  /** Trained context length reported by /api/show. */
  contextLength?: number;
  family?: string;
  parameterSize?: string;
  quantization?: string;
}

/** A chat (or generate) request as the responder sees it. */
export interface ChatCall {
  /** 0-based number of this request among the chat/generate requests. */
  index: number;
  endpoint: 'chat' | 'generate';
  model: string;
  body: Record<string, unknown>;
  /** Concatenated text of the request's messages (or prompt). */
  text: string;
  format: unknown;
  stream: boolean;
}

/** How the server answers one chat request. Everything is optional: the default is a valid reply. */
export interface ScriptedReply {
  /** Raw message content. */
  content?: string;
  /** Content as JSON.stringify(json). */
  json?: unknown;
  thinking?: string;
  doneReason?: 'stop' | 'length' | 'load';
  /** Defaults to a token count estimated from the request text (about 3.6 characters a token). */
  promptEvalCount?: number;
  evalCount?: number;
  /** Answer with this HTTP status and `{"error": error}`. */
  status?: number;
  error?: string;
  /** Streamed: this error line after the first content line; not streamed: HTTP 500 with it. */
  midStreamError?: string;
  /** Streamed: end the body without the `done: true` line. */
  endWithoutDone?: boolean;
  /** Drop the connection before answering. */
  reset?: boolean;
  /** Send the headers and part of the body, then drop the connection. */
  resetMidBody?: boolean;
  /** Wait this long before the first byte of this reply. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Parsed JSON body, when it was JSON. */
  body: Record<string, unknown> | undefined;
}

export interface OllamaTestServerOptions {
  models?: FakeModel[];
  version?: string;
  /** Processing time of every chat/generate request, before its first byte. */
  latencyMs?: number;
  /** Extra wait before the first reply for each model (the model load). */
  loadDelayMs?: number;
  respond?: (call: ChatCall) => ScriptedReply | Promise<ScriptedReply>;
  /** Record requests (turn off for long benchmarks to save memory). */
  record?: boolean;
}

export interface OllamaTestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Chat and generate requests made so far. */
  chatCount(): number;
  /** The most chat/generate requests that were being answered at the same time. */
  maxInFlight(): number;
  /** Change the responder, latency or models between tests. */
  configure(options: Partial<OllamaTestServerOptions>): void;
  reset(): void;
  close(): Promise<void>;
}

/** Digests of the default fake models (stable across runs). */
export const FAKE_DIGESTS = {
  judge: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
  thinker: '2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8',
  embedder: '1b226e2802dbb772b5fc32a58f103ca1804ef7501331012de126ab22f67475ef',
} as const;

/** The default installed models: a chat judge, a thinking model and an embedding-only model. */
export const DEFAULT_FAKE_MODELS: FakeModel[] = [
  { name: 'llama3.2:latest', digest: FAKE_DIGESTS.judge, capabilities: ['completion', 'tools'], contextLength: 131072, family: 'llama', parameterSize: '3.2B' },
  { name: 'qwen3:8b', digest: FAKE_DIGESTS.thinker, capabilities: ['completion', 'tools', 'thinking'], contextLength: 40960, family: 'qwen3', parameterSize: '8.2B' },
  { name: 'all-minilm:latest', digest: FAKE_DIGESTS.embedder, capabilities: ['embedding'], contextLength: 512, family: 'bert', parameterSize: '23M' },
];

/** A value valid for a JSON schema (objects in property order, the highest allowed number, the first enum). */
export function schemaInstance(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return {};
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, schemaInstance(v)]));
    }
    case 'array':
      return Array.from({ length: typeof s.minItems === 'number' ? s.minItems : 0 }, () => schemaInstance(s.items));
    case 'integer':
    case 'number':
      return typeof s.maximum === 'number' ? s.maximum : typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'string':
      return 'The assistant looked up the order and answered from the tool result.';
    default:
      return null;
  }
}

const fullName = (name: string): string => (name.slice(name.lastIndexOf('/') + 1).includes(':') ? name : `${name}:latest`);
const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
/** Go's time.Time JSON: RFC 3339 with nanoseconds. */
const goTime = (d = new Date()): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
const modifiedAt = '2025-05-04T17:37:44.706015396-07:00';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function modelDetails(m: FakeModel): Record<string, unknown> {
  return {
    parent_model: '',
    format: 'gguf',
    family: m.family ?? 'llama',
    families: [m.family ?? 'llama'],
    parameter_size: m.parameterSize ?? '3.2B',
    quantization_level: m.quantization ?? 'Q4_K_M',
  };
}

/** Start the fake Ollama server on 127.0.0.1 with a free port. */
export async function startOllamaTestServer(initial: OllamaTestServerOptions = {}): Promise<OllamaTestServer> {
  const opts: OllamaTestServerOptions = { models: DEFAULT_FAKE_MODELS, version: '0.12.6', latencyMs: 0, loadDelayMs: 0, record: true, ...initial };
  const requests: RecordedRequest[] = [];
  const loaded = new Map<string, { numCtx: number }>();
  let chats = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const findModel = (name: string): FakeModel | undefined => (opts.models ?? []).find((m) => fullName(m.name) === fullName(name));

  async function answerChat(endpoint: 'chat' | 'generate', body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const modelName = typeof body.model === 'string' ? body.model : '';
    if (!modelName) return sendJson(res, 400, { error: 'model is required' });
    const model = findModel(modelName);
    if (!model) return sendJson(res, 404, { error: `model '${modelName}' not found` });
    const caps = model.capabilities ?? ['completion'];
    if (!caps.includes('completion')) return sendJson(res, 400, { error: `"${modelName}" does not support ${endpoint}` });
    const think = body.think;
    const thinkOn = think === undefined ? caps.includes('thinking') : think !== false;
    if (think !== undefined && think !== false && !caps.includes('thinking')) {
      return sendJson(res, 400, { error: `"${modelName}" does not support thinking` });
    }
    // The server streams unless told otherwise (ollama-api.md 1.2).
    const stream = body.stream !== false;
    const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
    const text =
      endpoint === 'chat' ? messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n') : String(body.prompt ?? '');
    const options = (body.options ?? {}) as Record<string, unknown>;
    const index = chats++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);

    const firstLoad = !loaded.has(model.name);
    loaded.set(model.name, { numCtx: typeof options.num_ctx === 'number' ? options.num_ctx : 4096 });
    const created = goTime();
    if (endpoint === 'chat' && messages.length === 0) {
      const load = { model: modelName, created_at: created, message: { role: 'assistant', content: '' }, done_reason: 'load', done: true };
      return sendJson(res, 200, load);
    }
    const call: ChatCall = { index, endpoint, model: modelName, body, text, format: body.format, stream };
    const reply: ScriptedReply = opts.respond ? await opts.respond(call) : {};
    await sleep((opts.latencyMs ?? 0) + (firstLoad ? (opts.loadDelayMs ?? 0) : 0) + (reply.delayMs ?? 0));
    if (res.destroyed) return;
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    if (reply.status !== undefined) return sendJson(res, reply.status, { error: reply.error ?? 'an error was encountered while running the model' });
    if (!stream && reply.midStreamError) return sendJson(res, 500, { error: reply.midStreamError });

    let content: string;
    if (reply.content !== undefined) content = reply.content;
    else if (reply.json !== undefined) content = JSON.stringify(reply.json);
    else if (body.format === 'json') content = '{}';
    else if (body.format && typeof body.format === 'object') content = JSON.stringify(schemaInstance(body.format));
    else content = 'OK.';
    const thinking = thinkOn ? (reply.thinking ?? 'Let me look at the conversation.') : undefined;
    const promptEvalCount = reply.promptEvalCount ?? Math.ceil(text.length / 3.6) + 10 * Math.max(1, messages.length);
    const evalCount = reply.evalCount ?? Math.max(1, Math.ceil(content.length / 3.6));
    const metrics = {
      done_reason: reply.doneReason ?? 'stop',
      done: true,
      total_duration: 2_254_970_291,
      load_duration: firstLoad ? 574_751_416 : 1_334_875,
      prompt_eval_count: promptEvalCount,
      prompt_eval_duration: 1_502_000_000,
      eval_count: evalCount,
      eval_duration: 175_000_000,
    };
    const piece = (delta: string, thought?: string): Record<string, unknown> =>
      endpoint === 'chat'
        ? { message: { role: 'assistant', content: delta, ...(thought !== undefined ? { thinking: thought } : {}) } }
        : { response: delta, ...(thought !== undefined ? { thinking: thought } : {}) };

    if (!stream) {
      const whole = { model: modelName, created_at: created, ...piece(content, thinking), ...metrics };
      if (reply.resetMidBody) {
        const text = JSON.stringify(whole);
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => req.socket.destroy(), 5);
        return;
      }
      return sendJson(res, 200, whole);
    }

    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const line = (o: unknown): boolean => res.write(`${JSON.stringify(o)}\n`);
    if (thinking) line({ model: modelName, created_at: goTime(), ...piece('', thinking), done: false });
    const chunks = content.match(/[\s\S]{1,12}/g) ?? [];
    chunks.forEach((delta, i) => {
      line({ model: modelName, created_at: goTime(), ...piece(delta), done: false });
      if (i === 0 && reply.midStreamError) line({ error: reply.midStreamError });
    });
    if (chunks.length === 0 && reply.midStreamError) line({ error: reply.midStreamError });
    if (reply.resetMidBody) {
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    if (reply.midStreamError || reply.endWithoutDone) return void res.end();
    line({ model: modelName, created_at: goTime(), ...piece(''), ...metrics });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> | undefined;
    let badJson: string | undefined;
    if (rawBody.trim() !== '') {
      try {
        const v: unknown = JSON.parse(rawBody);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) body = v as Record<string, unknown>;
        else badJson = 'json: cannot unmarshal into Go value of type api.ChatRequest';
      } catch {
        badJson = `invalid character '${rawBody.trim()[0] ?? ''}' looking for beginning of value`;
      }
    }
    if (opts.record) requests.push({ method, path, headers: req.headers, rawBody, body });

    const route = `${method} ${path}`;
    if (route === 'GET /' || route === 'HEAD /') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(method === 'HEAD' ? undefined : 'Ollama is running');
    }
    if (route === 'GET /api/version' || route === 'HEAD /api/version') return sendJson(res, 200, { version: opts.version });
    if (route === 'GET /api/tags' || route === 'HEAD /api/tags') {
      return sendJson(res, 200, {
        models: (opts.models ?? []).map((m) => ({
          name: m.name,
          model: m.name,
          modified_at: modifiedAt,
          size: 2_019_393_189,
          digest: m.digest,
          details: modelDetails(m),
        })),
      });
    }
    if (route === 'GET /api/ps') {
      return sendJson(res, 200, {
        models: [...loaded.entries()].flatMap(([name, l]) => {
          const m = findModel(name);
          return m
            ? [{ name: m.name, model: m.name, size: 5_137_025_024, digest: m.digest, details: modelDetails(m), expires_at: goTime(new Date(Date.now() + 600_000)), size_vram: 5_137_025_024, context_length: l.numCtx }]
            : [];
        }),
      });
    }
    const posts = ['POST /api/show', 'POST /api/chat', 'POST /api/generate'];
    if (!posts.includes(route)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return void res.end('404 page not found');
    }
    if (rawBody.trim() === '') return sendJson(res, 400, { error: 'missing request body' });
    if (badJson !== undefined || !body) return sendJson(res, 400, { error: badJson });

    if (route === 'POST /api/show') {
      const name = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
      const m = findModel(name);
      if (!m) return sendJson(res, 404, { error: `model '${name}' not found` });
      const arch = m.family ?? 'llama';
      return sendJson(res, 200, {
        modelfile: `# Modelfile generated by "ollama show"\nFROM ${m.name}\n`,
        parameters: 'num_keep                       24\nstop                           "<|eot_id|>"',
        template: '{{ if .System }}<|start_header_id|>system<|end_header_id|>{{ .System }}<|eot_id|>{{ end }}',
        system: '',
        license: '',
        details: modelDetails(m),
        model_info: { 'general.architecture': arch, 'general.parameter_count': 3_212_749_888, [`${arch}.context_length`]: m.contextLength ?? 8192, 'tokenizer.ggml.tokens': [] },
        capabilities: m.capabilities ?? ['completion'],
        modified_at: modifiedAt,
      });
    }
    return answerChat(route === 'POST /api/chat' ? 'chat' : 'generate', body, req, res);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    chatCount: () => chats,
    maxInFlight: () => maxInFlight,
    configure(options) {
      Object.assign(opts, options);
    },
    reset() {
      requests.length = 0;
      chats = 0;
      maxInFlight = inFlight;
      loaded.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
