import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';

/**
 * The only object the renderer gets from the preload. It forwards contract channels and events
 * and nothing else: `ipcRenderer` itself never reaches the page.
 */
const api = {
  host: 'electron' as const,
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown request: ${channel}` } });
    }
    return ipcRenderer.invoke(channel, payload) as Promise<Envelope<unknown>>;
  },
  on(name: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(name)) throw new Error(`Unknown event: ${name}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => ipcRenderer.removeListener(name, wrapped);
  },
};

contextBridge.exposeInMainWorld('clinicdesk', api);
