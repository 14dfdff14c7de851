import { z } from 'zod';
import type { ChannelMap } from '../ipc/channelMap';
import { SeedRequestSchema } from './seedRequest';

const Empty = z.object({}).strict();

/** The demo clinic: synthetic patients asked for by `npm run seed`. */
export const demoChannels = {
  /** The synthetic clinic `npm run seed` asked for, waiting to be loaded into the demo clinic; `null` when none. */
  'demo:seedRequest': { request: Empty, response: SeedRequestSchema.nullable() },
  /**
   * The desk loaded the request made at `requestedAt`: main removes it, unless a newer one replaced
   * it meanwhile. Answers whether it was removed.
   */
  'demo:seedDone': { request: z.object({ requestedAt: SeedRequestSchema.shape.requestedAt }).strict(), response: z.object({ cleared: z.boolean() }) },
} as const satisfies ChannelMap;
