/**
 * The preload: exposes exactly the contract as `window.api`, one function per method, never ipcRenderer
 * itself. Bundled to one CommonJS file (scripts/build-preload.mjs) because sandboxed preloads cannot load
 * modules other than `electron`.
 */
import './zod-jitless.js';
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  events,
  methods,
  unwrap,
  type CasebookApi,
  type Envelope,
  type ImportEvent,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type RunEvent,
} from '../../core/api/contract.js';

async function call<M extends MethodName>(method: M, request: RequestOf<M> | undefined): Promise<ResponseOf<M>> {
  // No argument at all for methods that take none, so main's "at most one argument" check stays exact.
  const envelope = (await (request === undefined
    ? ipcRenderer.invoke(methods[method].channel)
    : ipcRenderer.invoke(methods[method].channel, request))) as Envelope<ResponseOf<M>>;
  return unwrap(envelope);
}

const api = {
  traces: {
    list: (request) => call('traces.list', request),
    get: (request) => call('traces.get', request),
  },
  import: {
    pickFiles: () => call('import.pickFiles', undefined),
    start: (request) => call('import.start', request),
    cancel: (request) => call('import.cancel', request),
    onProgress: (listener) => {
      const channel = events['import.onProgress'].channel;
      // The page gets the payload only: the IpcRendererEvent would hand it `sender`, i.e. ipcRenderer.
      const forward = (_event: IpcRendererEvent, payload: ImportEvent) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
    pathForFile: (file) => webUtils.getPathForFile(file as File),
  },
  app: { info: () => call('app.info', undefined) },
  runs: {
    list: (request) => call('runs.list', request),
    get: (request) => call('runs.get', request),
    start: (request) => call('runs.start', request),
    cancel: (request) => call('runs.cancel', request),
    onProgress: (listener) => {
      const channel = events['runs.onProgress'].channel;
      // As for imports: the payload only, never the IpcRendererEvent.
      const forward = (_event: IpcRendererEvent, payload: RunEvent) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
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

contextBridge.exposeInMainWorld('api', api);
