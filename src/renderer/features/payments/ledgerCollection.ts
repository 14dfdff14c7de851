import type { RxJsonSchema } from 'rxdb';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import { defineCollection } from '../../data/collection';

/*
 * Ledger entries are append-only. Adding a field: add it to LedgerEntrySchema
 * (src/shared/payments/ledger.ts), here with a raised `version` and a migration strategy, a
 * migration test, and the server's validate_doc_update in src/main/sync/couchSetup.ts.
 */
export const ledgerSchema: RxJsonSchema<LedgerEntry> = {
  title: 'ledger',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['payment'], maxLength: 20 },
    purpose: { type: 'string', enum: ['copay', 'payment'], maxLength: 20 },
    patientId: { type: 'string', maxLength: 36 },
    appointmentId: { type: ['string', 'null'], maxLength: 36 },
    amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    method: { type: 'string', enum: ['cash', 'card', 'check'], maxLength: 10 },
    reference: { type: 'string', maxLength: 40 },
    receiptNumber: { type: 'string', maxLength: 20 },
    createdAt: { type: 'string', maxLength: 30 },
    createdBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'kind', 'purpose', 'patientId', 'appointmentId', 'amountCents', 'method', 'reference', 'receiptNumber', 'createdAt', 'createdBy', 'siteId'],
  indexes: ['createdAt', 'patientId'],
  // Check numbers and card digits are payment details; nothing looks them up.
  encrypted: ['reference'],
  additionalProperties: false,
};

export const ledgerMigrations = {
  /** v1 stores `reference` encrypted; the content is unchanged, only how it is stored. */
  1: (doc: LedgerEntry) => doc,
};

export const ledgerCollection = defineCollection<LedgerEntry>({ schema: ledgerSchema, migrationStrategies: ledgerMigrations, conflicts: 'append-only' });
