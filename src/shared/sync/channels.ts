import { z } from 'zod';
import type { ChannelMap, EventMap } from '../ipc/channelMap';
import { InstantSchema } from '../domain/time';

const Empty = z.object({}).strict();

export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

export const SyncFetchRequestSchema = z.object({
  requestId: z.string().min(1).max(64),
  url: z.string().max(8192),
  method: HttpMethodSchema,
  headers: z.record(z.string(), z.string().max(4096)),
  body: z.string().max(64 * 1024 * 1024).nullable(),
});
export const SyncFetchResponseSchema = z.object({
  status: z.number().int(),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type SyncFetchRequest = z.infer<typeof SyncFetchRequestSchema>;
export type SyncFetchResponse = z.infer<typeof SyncFetchResponseSchema>;

export const ConnectivitySchema = z.object({
  state: z.enum(['not-configured', 'online', 'offline', 'auth-failed']),
  checkedAt: InstantSchema.nullable(),
  message: z.string(),
});
export type Connectivity = z.infer<typeof ConnectivitySchema>;

/** Sync: main performs every request of the replication and decides when it runs. */
export const syncChannels = {
  /** Performs one HTTP request of the replication against the configured server. */
  'sync:fetch': { request: SyncFetchRequestSchema, response: SyncFetchResponseSchema },
  /** Aborts an in-flight `sync:fetch` (used to end long-polls when replication stops). */
  'sync:abort': { request: z.object({ requestId: z.string().min(1).max(64) }), response: Empty },
  /** The last known connectivity to the server. */
  'sync:connectivity': { request: Empty, response: ConnectivitySchema },
  /** Checks the server now (used by "Sync now"). */
  'sync:check': { request: Empty, response: ConnectivitySchema },
} as const satisfies ChannelMap;

export const syncEvents = {
  'sync:connectivity': ConnectivitySchema,
  /** Main asks the renderer to run a replication pass now (reconnect, schedule or "Sync now"). */
  'sync:trigger': z.object({ reason: z.enum(['reconnect', 'schedule', 'manual', 'settings']) }),
} as const satisfies EventMap;
