import type { Envelope } from '../../shared/ipc/envelope';

/**
 * How the renderer reaches main: Electron IPC through the preload, or the Node host's WebSocket.
 * Both carry the same contract; the client on top does not know which one it has.
 */
export interface PlatformTransport {
  readonly host: 'electron' | 'web';
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    clinicdesk?: PlatformTransport;
  }
}
