import { createPlatformClient, type PlatformClient } from './client';
import { createWebSocketTransport, takeTokenFromLocation } from './webSocketTransport';

/** Picks the transport of the host the renderer runs in. */
export function connectPlatform(): PlatformClient {
  if (window.clinicdesk) return createPlatformClient(window.clinicdesk);
  const token = takeTokenFromLocation(window.location, window.sessionStorage, window.history);
  if (!token) {
    throw new Error('Open ClinicDesk with the address that `npm run web` printed (it carries the access token).');
  }
  const url = `ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`;
  return createPlatformClient(createWebSocketTransport(url));
}
