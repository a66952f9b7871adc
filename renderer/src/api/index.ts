/** The renderer's one way to reach the app: the preload's `window.api`, else the web bridge. */
import type { CasebookApi } from '../../../core/api/contract.js';
import { createWebApi } from './web-api.js';

declare global {
  interface Window {
    /** Set by electron/preload/preload.ts; absent in a plain browser. */
    readonly api?: CasebookApi;
  }
}

/** The api for this page. */
export function getApi(): CasebookApi {
  return window.api ?? createWebApi();
}

/** A human-readable message for anything a call may throw. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
