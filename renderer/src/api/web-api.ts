/**
 * CasebookApi over the web bridge (fetch + Server-Sent Events), for when the renderer runs in a plain
 * browser (tests, `npm run web`) instead of behind Electron's preload.
 */
import {
  ImportEvent,
  RunEvent,
  methods,
  unwrap,
  type CasebookApi,
  type Envelope,
  type MethodName,
  type RequestOf,
  type ResponseOf,
} from '../../../core/api/contract.js';

/** Build the api against the bridge at `base` ('' = the page's own origin). */
export function createWebApi(base = ''): CasebookApi {
  async function call<M extends MethodName>(method: M, request: RequestOf<M> | undefined): Promise<ResponseOf<M>> {
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: request === undefined ? '' : JSON.stringify(request),
    });
    const value = unwrap((await response.json()) as Envelope<unknown>);
    // JSON drops what zod's defaults restore; parsing also keeps the types honest.
    return methods[method].response.parse(value) as ResponseOf<M>;
  }

  const listeners = new Set<(event: ImportEvent) => void>();
  const runListeners = new Set<(event: RunEvent) => void>();
  let connected: Promise<void> | undefined;
  // Start jobs only once the event stream is open, so no event of a short import is missed.
  const events = (): Promise<void> => {
    connected ??= new Promise<void>((resolve) => {
      const source = new EventSource(`${base}/api/events`);
      source.addEventListener('open', () => resolve(), { once: true });
      source.addEventListener('message', (message: MessageEvent<string>) => {
        const parsed = ImportEvent.safeParse(JSON.parse(message.data));
        if (!parsed.success) return;
        for (const listener of listeners) listener(parsed.data);
      });
      // The bridge names every event but the import's (web-bridge.ts).
      source.addEventListener('runs.onProgress', (message: MessageEvent<string>) => {
        const parsed = RunEvent.safeParse(JSON.parse(message.data));
        if (!parsed.success) return;
        for (const listener of runListeners) listener(parsed.data);
      });
    });
    return connected;
  };

  return {
    traces: {
      list: (request) => call('traces.list', request),
      get: (request) => call('traces.get', request),
    },
    import: {
      pickFiles: () => call('import.pickFiles', undefined),
      start: async (request) => {
        await events();
        return call('import.start', request);
      },
      cancel: (request) => call('import.cancel', request),
      onProgress: (listener) => {
        void events();
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      // A browser never reveals where a dropped file lives.
      pathForFile: () => '',
    },
    app: { info: () => call('app.info', undefined) },
    runs: {
      list: (request) => call('runs.list', request),
      get: (request) => call('runs.get', request),
      start: async (request) => {
        await events();
        return call('runs.start', request);
      },
      cancel: (request) => call('runs.cancel', request),
      onProgress: (listener) => {
        void events();
        runListeners.add(listener);
        return () => runListeners.delete(listener);
      },
    },
    review: {
      list: () => call('review.list', undefined),
      decide: (request) => call('review.decide', request),
    },
    modes: {
      list: () => call('modes.list', undefined),
      decide: (request) => call('modes.decide', request),
    },
  } satisfies CasebookApi;
}
