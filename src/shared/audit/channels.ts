import { z } from 'zod';
import type { ChannelMap } from '../ipc/channelMap';

/** The audit log's exports, written by main into the workstation's exports folder. */
export const auditChannels = {
  /**
   * Saves an export (e.g. the audit log as CSV) in the workstation's exports folder. The renderer
   * sends the content and a kind; main picks the file name.
   */
  'files:saveExport': {
    request: z.object({ kind: z.enum(['audit-csv', 'reminder-calls-csv']), content: z.string().max(50 * 1024 * 1024) }),
    response: z.object({ path: z.string() }),
  },
} as const satisfies ChannelMap;
