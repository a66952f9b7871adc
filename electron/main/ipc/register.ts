/**
 * The only place that calls ipcMain.handle. It iterates the contract, so a channel without a method (or
 * the reverse) cannot exist, and checks every call's sender (our window's top frame, on the app origin)
 * before the service validates the payload with the contract's zod schema.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { eventNames, events, methodNames, methods, type Envelope } from '../../../core/api/contract.js';
import type { CasebookService } from '../../../core/api/service.js';

/** What decides whom to trust. */
export interface IpcTrust {
  /** True for windows this app created for its UI. */
  isOurWindow(win: BrowserWindow): boolean;
  /** True for URLs of the app itself (see url-policy.ts). */
  isAppUrl(url: string): boolean;
}

/** True when the call comes from the top frame of one of our windows, showing the app. */
export function isTrustedSender(event: IpcMainInvokeEvent, trust: IpcTrust): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!trust.isAppUrl(frame.url)) return false;
  const win = BrowserWindow.fromWebContents(event.sender);
  return win !== null && trust.isOurWindow(win);
}

const FORBIDDEN: Envelope<never> = { ok: false, error: { code: 'forbidden', message: 'caller is not the app window' } };
const EXTRA_ARGS: Envelope<never> = { ok: false, error: { code: 'invalid_request', message: 'a method takes at most one argument' } };

/** Register a handler for every contract method, and forward every contract event to our windows. Returns the undo. */
export function registerIpc(service: CasebookService, trust: IpcTrust): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methods[name].channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, trust)) return FORBIDDEN;
      if (args.length > 1) return EXTRA_ARGS;
      return service.call(name, args[0]);
    });
  }
  // Iterating the contract's events, like its methods, so an event cannot be declared and never delivered.
  const unsubscribes = eventNames.map((name) =>
    service.onEvent(name, (event) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (win.isDestroyed() || !trust.isOurWindow(win)) continue;
        if (!trust.isAppUrl(win.webContents.getURL())) continue;
        win.webContents.send(events[name].channel, event);
      }
    }),
  );
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(methods[name].channel);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
