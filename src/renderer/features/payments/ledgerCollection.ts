import type { RxJsonSchema } from 'rxdb';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import { ledgerJsonSchema } from '../../../shared/payments/ledgerJsonSchema';
import { defineCollection } from '../../data/collection';

/*
 * Ledger entries are append-only. The schema is shared with the server's rules:
 * src/shared/payments/ledgerJsonSchema.ts (adding a field is explained there).
 */
export const ledgerSchema: RxJsonSchema<LedgerEntry> = ledgerJsonSchema;

/** An entry as it was kept before tenders and authorization codes. */
type LedgerEntryV1 = Omit<LedgerEntry, 'tenderedCents' | 'authCode'>;

export const ledgerMigrations = {
  /** v1 stores `reference` encrypted; the content is unchanged, only how it is stored. */
  1: (doc: LedgerEntryV1) => doc,
  /** v2 keeps the cash tendered and a card's authorization code: a cash payment kept before was tendered exactly (no change recorded), a card's code was not asked. */
  2: (doc: LedgerEntryV1): LedgerEntry => ({ ...doc, tenderedCents: doc.method === 'cash' ? doc.amountCents : 0, authCode: '' }),
};

export const ledgerCollection = defineCollection<LedgerEntry>({ schema: ledgerSchema, migrationStrategies: ledgerMigrations, conflicts: 'append-only' });
