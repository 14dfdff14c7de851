import type { RxJsonSchema } from 'rxdb';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import { ledgerJsonSchema } from '../../../shared/payments/ledgerJsonSchema';
import { defineCollection } from '../../data/collection';

/*
 * Ledger entries are append-only. The schema is shared with the server's rules:
 * src/shared/payments/ledgerJsonSchema.ts (adding a field is explained there).
 */
export const ledgerSchema: RxJsonSchema<LedgerEntry> = ledgerJsonSchema;

export const ledgerMigrations = {
  /** v1 stores `reference` encrypted; the content is unchanged, only how it is stored. */
  1: (doc: LedgerEntry) => doc,
};

export const ledgerCollection = defineCollection<LedgerEntry>({ schema: ledgerSchema, migrationStrategies: ledgerMigrations, conflicts: 'append-only' });
