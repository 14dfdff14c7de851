import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, events, type EventName, type EventOf } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';
import type { Dispatch } from './registry';

/**
 * True when an IPC message comes from the app's own top-level page. Any other origin (a page that
 * navigated away, a subframe, devtools) is refused, per Electron's security checklist.
 */
export function isTrustedSender(
  sender: { url: string | undefined; isMainFrame: boolean } | null,
  trustedOrigins: readonly string[],
): boolean {
  if (!sender || !sender.isMainFrame || !sender.url) return false;
  let origin: string;
  try {
    const url = new URL(sender.url);
    // file: and custom-scheme URLs report the opaque origin "null"; compare scheme and host instead.
    origin = url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}

/** Registers one `ipcMain.handle` per contract channel, each going through the dispatcher. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  trustedOrigins: readonly string[],
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Envelope<unknown>> => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      if (!isTrustedSender(sender, trustedOrigins)) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Request refused: unknown sender.' } };
      }
      return dispatch(channel, payload, { transport: 'electron' });
    });
  }
}

/** Sends a push event to a window after checking it against the contract. */
export function sendEvent<E extends EventName>(target: WebContents, name: E, payload: EventOf<E>): void {
  const parsed = events[name].parse(payload);
  if (!target.isDestroyed()) target.send(name, parsed);
}
