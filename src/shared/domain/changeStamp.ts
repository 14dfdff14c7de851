import { z } from 'zod';
import { InstantSchema } from './time';

/**
 * Fields every mutable, synced record carries so that conflicts can be resolved and reviewed:
 * when it was last changed, by whom, and at which site.
 */
export const ChangeStampSchema = z.object({
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  updatedBy: z.string().min(1).max(100),
  siteId: z.string().min(1).max(40),
});
export type ChangeStamp = z.infer<typeof ChangeStampSchema>;
