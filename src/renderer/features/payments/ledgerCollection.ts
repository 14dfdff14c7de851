import type { RxJsonSchema } from 'rxdb';
import type { LedgerEntry, PaymentEntry } from '../../../shared/payments/ledger';
import { ledgerJsonSchema } from '../../../shared/payments/ledgerJsonSchema';
import { defineCollection } from '../../data/collection';

/*
 * Ledger entries are append-only. The schema is shared with the server's rules:
 * src/shared/payments/ledgerJsonSchema.ts (adding a field is explained there).
 */
export const ledgerSchema: RxJsonSchema<LedgerEntry> = ledgerJsonSchema;

/** A payment as it was kept before tenders and authorization codes. */
type LedgerEntryV1 = Omit<PaymentEntry, 'tenderedCents' | 'authCode' | 'transactionId' | 'drawerId'>;

export const ledgerMigrations = {
  /** v1 stores `reference` encrypted; the content is unchanged, only how it is stored. */
  1: (doc: LedgerEntryV1) => doc,
  /** v2 keeps the cash tendered and a card's authorization code: a cash payment kept before was tendered exactly (no change recorded), a card's code was not asked. */
  2: (doc: LedgerEntryV1): Omit<PaymentEntry, 'transactionId' | 'drawerId'> => ({ ...doc, tenderedCents: doc.method === 'cash' ? doc.amountCents : 0, authCode: '' }),
  /** v3 adds the other kinds of entry; a payment kept before is its own transaction (`transactionId` '') and in no drawer (`drawerId` ''). */
  3: (doc: Omit<PaymentEntry, 'transactionId' | 'drawerId'>): PaymentEntry => ({ ...doc, transactionId: '', drawerId: '' }),
  /** v4 adds payment plans and statements; every entry kept before is unchanged. */
  4: (doc: LedgerEntry): LedgerEntry => doc,
};

export const ledgerCollection = defineCollection<LedgerEntry>({ schema: ledgerSchema, migrationStrategies: ledgerMigrations, conflicts: 'append-only' });
