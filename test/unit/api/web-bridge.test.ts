/** The web bridge over a temp database: the contract over HTTP, its guards, SSE events, and static files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../core/api/csp.js';
import type { ImportEvent } from '../../../core/api/contract.js';
import { createService, type CasebookService } from '../../../core/api/service.js';
import { startWebBridge, type WebBridge } from '../../../core/api/web-bridge.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { importWorkerUrl } from '../../helpers/import-worker-bundle.js';

const FIXTURE = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');

let dir: string;
let service: CasebookService;
let bridge: WebBridge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-bridge-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Casebook</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  service = createService({
    dbPath: join(dir, 'casebook.db'),
    pickFiles: async () => [FIXTURE],
    workerUrl: await importWorkerUrl(),
  });
  bridge = await startWebBridge({ service, rendererDir });
});
afterAll(async () => {
  await bridge.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(method: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return fetch(`${bridge.origin}/api/${method}`, { method: 'POST', headers, body });
}

/** A raw request, for headers fetch() will not let us forge (Host). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the contract over HTTP', () => {
  it('binds loopback only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a valid call with its value', async () => {
    const res = await post('app.info', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { version: '0.1.0', dbPath: join(dir, 'casebook.db'), traceCount: 0, storedRedaction: { current: 0, stale: 0, unknown: 0, raw: 0 } } });
  });

  it('answers malformed payloads with a 400 validation envelope', async () => {
    const res = await post('traces.list', JSON.stringify({ status: 'broken' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: { code: string; issues: Array<{ path: string }> } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toEqual(['status']);

    const notJson = await post('traces.list', '{oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ ok: false, error: { code: 'invalid_request', message: 'request body is not JSON' } });
  });

  it('404s unknown methods and not-found traces with typed errors', async () => {
    const unknown = await post('traces.delete', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const missing = await post('traces.get', JSON.stringify({ id: 'tr_nope' }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error: { code: 'not_found', message: 'no trace with id tr_nope' } });
  });

  it('refuses what a hostile web page could send: text/plain bodies, foreign Origin, rebound Host, GET calls', async () => {
    const simple = await post('app.info', '', { 'Content-Type': 'text/plain' });
    expect(simple.status).toBe(400);
    const foreign = await post('app.info', '', { 'Content-Type': 'application/json', Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rebound = await raw('/', { Host: 'evil.example:80' });
    expect(rebound.status).toBe(403);
    const get = await fetch(`${bridge.origin}/api/app.info`);
    expect(get.status).toBe(400);
  });
});

describe('static files', () => {
  it('serves the renderer with the CSP header', async () => {
    const res = await fetch(`${bridge.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Casebook</title>');
    const js = await fetch(`${bridge.origin}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the build, and only to GET', async () => {
    for (const path of ['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..%5csecret.txt']) {
      const res = await raw(path, { Host: `127.0.0.1:${bridge.port}` });
      expect([403, 404], path).toContain(res.status);
      expect(res.body).not.toContain('secret');
    }
    const put = await fetch(`${bridge.origin}/index.html`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
  });
});

describe.skipIf(!haveSharedFixtures())('import progress over Server-Sent Events', () => {
  it('streams a job\'s progress and final report to an EventSource-style client', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${bridge.origin}/api/events`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"

    const picked = (await (await post('import.pickFiles', '')).json()) as { value: string[] };
    expect(picked.value).toEqual([FIXTURE]);
    const started = (await (await post('import.start', JSON.stringify({ paths: picked.value }))).json()) as {
      value: { jobId: string };
    };
    const events: ImportEvent[] = [];
    let buffer = '';
    while (!events.some((e) => e.kind !== 'progress')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const frame of frames) {
        if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as ImportEvent);
      }
    }
    controller.abort();
    expect(events.every((e) => e.jobId === started.value.jobId)).toBe(true);
    expect(events.some((e) => e.kind === 'progress')).toBe(true);
    const last = events.at(-1);
    expect(last?.kind === 'done' && last.report.traces.added).toBe(50);

    const list = (await (await post('traces.list', JSON.stringify({ text: 'G72NSF', limit: 5 }))).json()) as {
      value: { total: number };
    };
    expect(list.value.total).toBeGreaterThan(0);
  });
});
