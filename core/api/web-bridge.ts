/**
 * The web bridge: the same contract as Electron's IPC, over HTTP on loopback, plus the built renderer.
 * Tests drive the whole UI in headless Chromium through it, and `npm run web` lets a developer open the UI
 * in a browser. It binds 127.0.0.1 only, checks the Host and Origin headers (a page on another site, or a
 * DNS-rebound name, cannot call it), and answers no CORS preflight.
 *
 *   POST /api/<method>   JSON request → JSON envelope {ok:true,value} | {ok:false,error}
 *   GET  /api/events     Server-Sent Events: every contract event, as JSON; `import.onProgress` as unnamed
 *                        `message` events (as ever), the others named by their event (`event: runs.onProgress`)
 *   GET  /<asset>        files of renderer/dist, with the app's CSP header
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultDatabasePath } from '../store/location.js';
import { eventNames, type ErrorCode } from './contract.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { createService, type CasebookService } from './service.js';
import { resolveAsset } from './static-assets.js';

/** Where the bridge's pieces come from. */
export interface WebBridgeOptions {
  service: CasebookService;
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** A running bridge. */
export interface WebBridge {
  /** The origin to open, e.g. http://127.0.0.1:43121 */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

const STATUS_OF: Record<ErrorCode, number> = {
  invalid_request: 400,
  forbidden: 403,
  not_found: 404,
  busy: 409,
  unknown_method: 404,
  internal: 500,
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, STATUS_OF[code], { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Start the bridge on 127.0.0.1. */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const { service } = options;
  const rendererDir = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let origin = '';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') return sendError(res, 'invalid_request', 'use POST');
    // A cross-site form or fetch cannot send application/json without a preflight, which we never answer.
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) return sendError(res, 'invalid_request', 'Content-Type must be application/json');
    const text = await readBody(req);
    if (text === undefined) return sendError(res, 'invalid_request', 'request body too large');
    let payload: unknown;
    try {
      payload = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return sendError(res, 'invalid_request', 'request body is not JSON');
    }
    const envelope = await service.call(method, payload);
    sendJson(res, envelope.ok ? 200 : STATUS_OF[envelope.error.code], envelope);
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribes = eventNames.map((name) =>
      service.onEvent(name, (event) =>
        res.write(`${name === 'import.onProgress' ? '' : `event: ${name}\n`}data: ${JSON.stringify(event)}\n\n`),
      ),
    );
    // Proxies and browsers drop silent streams; a comment line every 15 s keeps it open.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      streams.delete(res);
    });
  };

  const handleAsset = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const found = resolveAsset(pathname, rendererDir);
    if (found.status !== 200) {
      res.writeHead(found.status, SECURITY_HEADERS);
      res.end();
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': found.contentType });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  };

  const server: Server = createServer((req, res) => {
    // DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own Host header.
    if (!allowedHosts.has(req.headers.host ?? '')) return sendError(res, 'forbidden', 'unexpected Host header');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return sendError(res, 'forbidden', 'cross-origin request');
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', origin).pathname;
    } catch {
      return sendError(res, 'invalid_request', 'bad URL');
    }
    if (pathname === '/api/events') {
      if (req.method !== 'GET') return sendError(res, 'invalid_request', 'use GET');
      return handleEvents(req, res);
    }
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname.slice('/api/'.length)).catch((err: unknown) =>
        sendError(res, 'internal', err instanceof Error ? err.message : String(err)),
      );
      return;
    }
    handleAsset(req, res, pathname);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  return {
    origin,
    port,
    close: async () => {
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** renderer/dist of this checkout, whether this module runs from source (core/api) or dist (dist/core/api). */
export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../renderer/dist'), resolve(here, '../../../renderer/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * `npm run web [-- file...]`: serve the UI over the default database. A browser cannot hand us file paths,
 * so "Import files…" imports the paths given on the command line (resources/samples when none are given).
 */
async function main(argv: string[]): Promise<void> {
  const picked = argv.length > 0 ? argv.map((p) => resolve(p)) : [resolve(dirname(defaultRendererDir()), '../resources/samples')];
  const service = createService({ dbPath: defaultDatabasePath(), pickFiles: async () => picked });
  const bridge = await startWebBridge({
    service,
    rendererDir: defaultRendererDir(),
    port: Number(process.env.CASEBOOK_WEB_PORT ?? 0),
  });
  process.stdout.write(`Casebook web UI: ${bridge.origin}/\ndatabase: ${service.dbPath}\n"Import files…" imports: ${picked.join(', ')}\n`);
  const stop = (): void => {
    void bridge.close().then(() => service.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
