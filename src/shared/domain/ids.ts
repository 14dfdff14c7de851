import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/**
 * Every record id is generated on the workstation that creates the record, so that
 * offline workstations never need a shared counter. UUIDv7 sorts by creation time.
 */
export const IdSchema = z.uuid({ message: 'Must be a valid id' });

export const PatientIdSchema = IdSchema.brand<'PatientId'>();
export type PatientId = z.infer<typeof PatientIdSchema>;

export const AppointmentIdSchema = IdSchema.brand<'AppointmentId'>();
export type AppointmentId = z.infer<typeof AppointmentIdSchema>;

export const LedgerEntryIdSchema = IdSchema.brand<'LedgerEntryId'>();
export type LedgerEntryId = z.infer<typeof LedgerEntryIdSchema>;

/** Creates a new time-ordered id (UUIDv7). */
export function newId<T extends string>(): string & z.core.$brand<T> {
  return uuidv7() as string & z.core.$brand<T>;
}
