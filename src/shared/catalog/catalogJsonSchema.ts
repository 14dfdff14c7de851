import { text, type CollectionJsonSchema } from '../domain/jsonSchema';
import { EXCEPTION_REASONS, FORM_KINDS } from '../schedule/scheduling';
import { EDITABLE_FORMS, MAX_WORDING_LENGTH } from './formWording';
import { LOGO_PATTERN, MAX_LOGO_BASE64 } from './formLogo';

const cents = { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 } as const;
const minutes = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum, multipleOf: 1 }) as const;
const ids = (maxItems: number) => ({ type: 'array', maxItems, items: text(36) }) as const;

/*
 * The catalog holds the clinic's shared reference records behind a `kind` field (the clinic
 * profile, payers, providers, for scheduling appointment types, rooms, availability templates
 * and exceptions, the front desk's rules, the fee schedule's services, the versions of the forms' wording and of their logo (late, wait thresholds, cancellation notice, insurance verification and forms); src/shared/schedule/scheduling.ts), keeping well under RxDB's
 * 13-collection limit. This is the RxDB schema of the `catalog` collection and the rules the
 * CouchDB server checks; each kind's fields are checked by its zod schema (catalog.ts, clinic.ts)
 * on every write and read. Adding a field: add it to the domain schema, here with a raised
 * `version`, a migration strategy (src/renderer/features/catalog/catalogCollection.ts) and a
 * migration test; run `npm run couchdb:setup` before workstations write it (the server refuses
 * fields it does not know).
 */
export const catalogJsonSchema = {
  title: 'catalog',
  version: 7,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider', 'appointment-type', 'room', 'availability', 'schedule-exception', 'desk-rules', 'service', 'form-wording', 'form-logo'], maxLength: 40 },
    code: text(20),
    name: text(120),
    address: text(200),
    phone: text(40),
    timeZone: text(64),
    npi: text(10),
    taxId: text(10),
    demo: { type: 'boolean' },
    payerCode: text(10),
    credentials: text(20),
    active: { type: 'boolean' },
    durationMinutes: { type: 'integer', minimum: 5, maximum: 480, multipleOf: 1 },
    color: text(7),
    providerIds: ids(100),
    needsRoom: { type: 'boolean' },
    formsDue: { type: 'array', maxItems: FORM_KINDS.length, items: { type: 'string', enum: [...FORM_KINDS], maxLength: 40 } },
    feeCents: cents,
    copayHintCents: cents,
    followUpWeeks: { type: 'integer', minimum: 0, maximum: 104, multipleOf: 1 },
    locationId: text(40),
    providerId: text(36),
    effectiveFrom: text(10),
    effectiveTo: text(10),
    blocks: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: { weekday: { type: 'integer', minimum: 0, maximum: 6, multipleOf: 1 }, start: text(5), end: text(5), typeIds: ids(50) },
        required: ['weekday', 'start', 'end', 'typeIds'],
        additionalProperties: false,
      },
    },
    fromDate: text(10),
    toDate: text(10),
    startTime: text(5),
    endTime: text(5),
    reason: { type: 'string', enum: [...EXCEPTION_REASONS], maxLength: 20 },
    note: text(200),
    cancelNoticeHours: minutes(0, 168),
    lateAfterMinutes: minutes(1, 120),
    waitAmberMinutes: minutes(1, 240),
    waitRedMinutes: minutes(2, 480),
    verifyEveryDays: minutes(1, 365),
    formsValidMonths: minutes(0, 120),
    everyVisitForms: { type: 'array', maxItems: FORM_KINDS.length, items: { type: 'string', enum: [...FORM_KINDS], maxLength: 40 } },
    form: { type: 'string', enum: [...EDITABLE_FORMS], maxLength: 40 },
    wordingVersion: { type: 'integer', minimum: 2, maximum: 100_000, multipleOf: 1 },
    body: text(MAX_WORDING_LENGTH),
    attestation: text(300),
    logoVersion: { type: 'integer', minimum: 1, maximum: 100_000, multipleOf: 1 },
    png: { type: 'string', maxLength: MAX_LOGO_BASE64, pattern: LOGO_PATTERN },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'kind', 'name', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['kind'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
