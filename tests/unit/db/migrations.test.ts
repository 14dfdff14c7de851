import { ledgerJsonSchema } from '../../../src/shared/payments/ledgerJsonSchema';
import { createRxDatabase, type MigrationStrategies, type RxJsonSchema, type RxStorage } from 'rxdb';
import { fieldEncryptionStorage } from '../../../src/renderer/data/fieldEncryption';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { auditMigrations, auditSchema } from '../../../src/renderer/features/audit/auditCollection';
import { ledgerMigrations, ledgerSchema } from '../../../src/renderer/features/payments/ledgerCollection';
import { catalogMigrations, catalogSchema } from '../../../src/renderer/features/catalog/catalogCollection';
import { patientMigrations, patientSchema } from '../../../src/renderer/features/patients/data/patientsCollection';
import { PatientSchema } from '../../../src/shared/patients/patient';
import { LedgerEntrySchema, type LedgerEntry } from '../../../src/shared/payments/ledger';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { AcmePayer, JaneDoe, JaneDoeCopay, JaneDoeNineAm, LakesideProfile, SignInAudit, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { CatalogEntrySchema, type CatalogEntry } from '../../../src/shared/catalog/catalog';
import { appointmentMigrations, appointmentSchema } from '../../../src/renderer/features/schedule/appointmentsCollection';
import { AppointmentSchema } from '../../../src/shared/schedule/appointment';
import { visitMigrations, visitSchema } from '../../../src/renderer/features/checkin/visitsCollection';
import { emptyCheckin, NO_CHECKOUT } from '../../../src/shared/checkin/checkin';
import { VisitSchema, type Visit } from '../../../src/shared/checkin/visit';
import { DESK_RULES_ID, DESK_RULES_NAME, DeskRulesSchema } from '../../../src/shared/catalog/deskRules';

let counter = 0;

/**
 * The migration scaffold: open a database at version N-1, insert old documents, reopen at N with
 * the strategies, and compare. Each schema version has one test built on `migrateOnce`.
 */
async function migrateOnce<Old, New>(options: {
  collection: string;
  oldSchema: RxJsonSchema<Old>;
  oldDocs: Old[];
  newSchema: RxJsonSchema<New>;
  strategies: MigrationStrategies;
}): Promise<New[]> {
  const name = `migrate${Date.now()}${counter++}`;
  const storage: RxStorage<unknown, unknown> = fieldEncryptionStorage({ storage: getRxStorageMemory() });
  const before = await createRxDatabase({ name, storage, password: TEST_DATABASE_KEY, multiInstance: false });
  await before.addCollections({ [options.collection]: { schema: options.oldSchema } });
  await before[options.collection]!.bulkInsert(options.oldDocs);
  await before.close();

  const after = await createRxDatabase({ name, storage, password: TEST_DATABASE_KEY, multiInstance: false });
  await after.addCollections({ [options.collection]: { schema: options.newSchema, migrationStrategies: options.strategies } });
  const docs = await after[options.collection]!.find().exec();
  const result = docs.map((d) => d.toJSON() as New);
  await after.close();
  return result;
}

/** A schema as it was at version 0, before its fields were encrypted. */
function atVersionZero<T>(schema: RxJsonSchema<T>): RxJsonSchema<T> {
  const { encrypted: _encrypted, ...rest } = schema;
  return { ...rest, version: 0 };
}

describe('schema migrations', () => {
  it('opens every collection at its current version', async () => {
    const db = await openClinicDatabase({ name: `m${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    expect(db.patients.schema.version).toBe(2);
    expect(db.appointments.schema.version).toBe(2);
    expect(db.ledger.schema.version).toBe(4);
    expect(db.staff.schema.version).toBe(0);
    expect(db.audit.schema.version).toBe(1);
    expect(db.catalog.schema.version).toBe(7);
    expect(db.coverages.schema.version).toBe(0);
    expect(db.documents.schema.version).toBe(0);
    expect(db.visits.schema.version).toBe(1);
    await db.close();
  });

  it('ledger v0 → v4: payments keep every field (the reference now stored encrypted); cash kept before was tendered exactly, a card’s code was not asked, each is its own transaction', async () => {
    const { tenderedCents: _tendered, authCode: _code, transactionId: _tx, description: _d, code: _c, providerId: _p, serviceDate: _s, paymentId: _pi, chargeId: _ci, reason: _r, note: _n, targetId: _ti, targetKind: _tk, instalments: _in, dueDate: _dd, ...v1Properties } = ledgerJsonSchema.properties;
    const old = {
      ...atVersionZero(ledgerSchema),
      properties: { ...v1Properties, kind: { type: 'string', enum: ['payment'], maxLength: 20 } },
      required: ['id', 'kind', 'purpose', 'patientId', 'appointmentId', 'amountCents', 'method', 'reference', 'receiptNumber', 'createdAt', 'createdBy', 'siteId'],
    } as unknown as RxJsonSchema<LedgerEntry>;
    const { tenderedCents: _t, authCode: _a, transactionId: _x, ...card } = JaneDoeCopay;
    const cash = { ...card, id: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9f02' as LedgerEntry['id'], method: 'cash' as const, reference: '', amountCents: 4050, receiptNumber: 'N2-000002' };
    const migrated = await migrateOnce({ collection: 'ledger', oldSchema: old, oldDocs: [card as LedgerEntry, cash as LedgerEntry], newSchema: ledgerSchema, strategies: ledgerMigrations });
    expect(migrated).toEqual(expect.arrayContaining([
      { ...card, tenderedCents: 0, authCode: '', transactionId: '' },
      { ...cash, tenderedCents: 4050, authCode: '', transactionId: '' },
    ]));
    for (const entry of migrated) expect(LedgerEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('audit v0 → v1: entries keep every hashed field, so their chain still verifies', async () => {
    const entry = { ...SignInAudit, changes: [{ field: 'phone', before: '5550101234', after: '5550109999' }] };
    const migrated = await migrateOnce({ collection: 'audit', oldSchema: atVersionZero(auditSchema), oldDocs: [entry], newSchema: auditSchema, strategies: auditMigrations });
    expect(migrated).toEqual([expect.objectContaining(entry)]);
  });

  it('patients v0 → v2: patients registered before MRNs get an empty MRN and the full record with their phone', async () => {
    const { mrn: _mrn, ...v0Doc } = janeV1;
    const v0 = { ...patientSchemaV1, version: 0, required: patientSchemaV1.required.filter((f) => f !== 'mrn'), properties: { ...patientSchemaV1.properties } };
    delete (v0.properties as Record<string, unknown>)['mrn'];
    const migrated = await migrateOnce({ collection: 'patients', oldSchema: v0 as RxJsonSchema<typeof v0Doc>, oldDocs: [v0Doc], newSchema: patientSchema, strategies: patientMigrations });
    expect(migrated).toEqual([expect.objectContaining({ ...JaneDoe, mrn: '', phones: [{ number: '5550101234', type: 'other', texts: false }] })]);
    expect(PatientSchema.safeParse(migrated[0]).success).toBe(true);
  });

  it('patients v1 → v2: every field kept, the phone becomes the first of a list, new fields empty', async () => {
    const migrated = await migrateOnce({ collection: 'patients', oldSchema: patientSchemaV1 as RxJsonSchema<typeof janeV1>, oldDocs: [janeV1], newSchema: patientSchema, strategies: patientMigrations });
    expect(migrated).toEqual([expect.objectContaining({ ...JaneDoe, phones: [{ number: '5550101234', type: 'other', texts: false }] })]);
    const parsed = PatientSchema.parse(migrated[0]);
    expect(parsed).toMatchObject({ sex: 'unknown', language: 'en', guarantor: { kind: 'self' }, alerts: [], mergedInto: '', status: 'active' });
  });

  it('catalog v0 → v1: the clinic profile is unchanged', async () => {
    const v0 = {
      ...catalogSchema,
      version: 0,
      properties: Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !['payerCode', 'credentials', 'active'].includes(k))),
      required: ['id', 'kind', 'name', 'address', 'phone', 'timeZone', 'npi', 'taxId', 'demo', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v0 as unknown as RxJsonSchema<typeof LakesideProfile>, oldDocs: [LakesideProfile], newSchema: catalogSchema as unknown as RxJsonSchema<typeof LakesideProfile>, strategies: catalogMigrations });
    expect(migrated).toEqual([expect.objectContaining(LakesideProfile)]);
  });

  it('appointments v0 → v1: a visit booked before keeps working, with its location and no provider, type, room or reminder yet', async () => {
    const newFields = ['providerId', 'typeId', 'locationId', 'roomId', 'note', 'cancelReason', 'cancelNote', 'seriesId', 'overbookReason', 'reminder', 'wants'];
    const v0 = {
      ...appointmentSchema,
      version: 0,
      properties: Object.fromEntries(Object.entries(appointmentSchema.properties).filter(([k]) => !newFields.includes(k))),
      required: appointmentSchema.required!.filter((f) => !newFields.includes(f as string)),
      indexes: ['start', 'patientId'],
    };
    const old = Object.fromEntries(Object.entries(JaneDoeNineAm).filter(([k]) => !newFields.includes(k)));
    // Through v1 and v2 in one opening.
    const migrated = await migrateOnce({ collection: 'appointments', oldSchema: v0 as unknown as RxJsonSchema<typeof old>, oldDocs: [old], newSchema: appointmentSchema, strategies: appointmentMigrations });
    expect(migrated).toEqual([expect.objectContaining({ ...old, providerId: '', typeId: '', locationId: 'north', roomId: '', cancelReason: '', reminder: { result: '', at: '', by: '' } })]);
    expect(AppointmentSchema.safeParse(migrated[0]).success).toBe(true);
  });

  it('appointments v1 → v2: a visit booked before has no waitlist wishes, and the waitlist gets its index', async () => {
    const v1 = {
      ...appointmentSchema,
      version: 1,
      properties: Object.fromEntries(Object.entries(appointmentSchema.properties).filter(([k]) => k !== 'wants')),
      required: appointmentSchema.required!.filter((f) => f !== 'wants'),
      indexes: ['start', 'patientId', ['providerId', 'start']],
    };
    const old = Object.fromEntries(Object.entries(JaneDoeNineAm).filter(([k]) => k !== 'wants'));
    const migrated = await migrateOnce({ collection: 'appointments', oldSchema: v1 as unknown as RxJsonSchema<typeof old>, oldDocs: [old], newSchema: appointmentSchema, strategies: appointmentMigrations });
    expect(migrated).toEqual([{ ...old, wants: { partOfDay: 'any', weekdays: [] } }]);
    expect(AppointmentSchema.safeParse(migrated[0]).success).toBe(true);
  });

  it('catalog v1 → v2: the profile, payers and providers are unchanged, and the scheduling kinds can join them', async () => {
    const scheduling = ['durationMinutes', 'color', 'providerIds', 'needsRoom', 'formsDue', 'feeCents', 'copayHintCents', 'locationId', 'providerId', 'effectiveFrom', 'effectiveTo', 'blocks', 'fromDate', 'toDate', 'startTime', 'endTime', 'reason', 'note'];
    const v1 = {
      ...catalogSchema,
      version: 1,
      properties: { ...Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !scheduling.includes(k))), kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider'], maxLength: 40 } },
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v1 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer)]));
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('catalog v2 → v3: every entry is unchanged, and the front desk rules can join them', async () => {
    const rules = ['cancelNoticeHours', 'lateAfterMinutes', 'waitAmberMinutes', 'waitRedMinutes'];
    const v2 = {
      ...catalogSchema,
      version: 2,
      properties: {
        ...Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !rules.includes(k))),
        kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider', 'appointment-type', 'room', 'availability', 'schedule-exception'], maxLength: 40 },
      },
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v2 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer)]));
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('catalog v6 → v7: every entry, a version of a form’s wording too, is unchanged, and versions of the forms’ logo can join them', async () => {
    const v6 = {
      ...catalogSchema,
      version: 6,
      properties: {
        ...Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !['logoVersion', 'png'].includes(k))),
        kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider', 'appointment-type', 'room', 'availability', 'schedule-exception', 'desk-rules', 'service', 'form-wording'], maxLength: 40 },
      },
    };
    const wording = { id: '0193a000-0000-7000-8000-0000000000f1', kind: 'form-wording', name: 'Consent to treat, version 2', form: 'consent-to-treat', wordingVersion: 2, body: 'We treat you with care and respect.', attestation: 'I consent.', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'staff-1', siteId: 'main' };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v6 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer, wording as CatalogEntry], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer), expect.objectContaining(wording)]));
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('catalog v5 → v6: every entry is unchanged, and versions of the forms’ wording can join them', async () => {
    const wordingFields = ['form', 'wordingVersion', 'body', 'attestation'];
    const v5 = {
      ...catalogSchema,
      version: 5,
      properties: {
        ...Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !wordingFields.includes(k))),
        kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider', 'appointment-type', 'room', 'availability', 'schedule-exception', 'desk-rules', 'service'], maxLength: 40 },
      },
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v5 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer)]));
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('catalog v4 → v5: every entry is unchanged, and the fee schedule’s services can join them', async () => {
    const v4 = {
      ...catalogSchema,
      version: 4,
      properties: {
        ...Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => k !== 'code')),
        kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider', 'appointment-type', 'room', 'availability', 'schedule-exception', 'desk-rules'], maxLength: 40 },
      },
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v4 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer)]));
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('catalog v3 → v4: front desk rules saved before read with the defaults for verifying insurance and renewing forms; other entries unchanged', async () => {
    const v4Rules = ['verifyEveryDays', 'formsValidMonths', 'everyVisitForms'];
    const v3 = { ...catalogSchema, version: 3, properties: Object.fromEntries(Object.entries(catalogSchema.properties).filter(([k]) => !v4Rules.includes(k))) };
    const rulesV3 = {
      id: DESK_RULES_ID,
      kind: 'desk-rules',
      name: DESK_RULES_NAME,
      cancelNoticeHours: 48,
      lateAfterMinutes: 5,
      waitAmberMinutes: 20,
      waitRedMinutes: 40,
      createdAt: '2026-02-01T15:00:00.000Z',
      updatedAt: '2026-02-01T15:00:00.000Z',
      updatedBy: 'Morgan Lee',
      siteId: 'north',
    };
    const migrated = await migrateOnce({ collection: 'catalog', oldSchema: v3 as unknown as RxJsonSchema<CatalogEntry>, oldDocs: [LakesideProfile, AcmePayer, rulesV3 as unknown as CatalogEntry], newSchema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, strategies: catalogMigrations });
    expect(migrated).toEqual(expect.arrayContaining([expect.objectContaining(LakesideProfile), expect.objectContaining(AcmePayer), expect.objectContaining(rulesV3)]));
    const stored = migrated.find((e) => e.id === DESK_RULES_ID)!;
    expect(DeskRulesSchema.parse(stored)).toEqual({ ...rulesV3, verifyEveryDays: 30, formsValidMonths: 12, everyVisitForms: ['consent-to-treat', 'hipaa-notice', 'financial-policy'] });
    for (const entry of migrated) expect(CatalogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('visits v0 → v1: a visit checked in before check-ins were recorded keeps every field and gains an empty check-in and check-out', async () => {
    const { checkin: _checkin, checkout: _checkout, ...v0Properties } = visitSchema.properties;
    const v0 = { ...visitSchema, version: 0, properties: v0Properties };
    const old: Omit<Visit, 'checkin' | 'checkout'> = {
      id: '0193a000-0000-7000-8000-000000000101',
      patientId: JaneDoe.id,
      appointmentId: JaneDoeNineAm.id,
      providerId: '0193a000-0000-7000-8000-00000000000a',
      typeId: '',
      locationId: 'north',
      date: '2026-12-09',
      timeZone: 'America/Chicago',
      step: 'roomed',
      timeline: [
        { step: 'checked-in', at: '2026-12-09T15:00:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' },
        { step: 'roomed', at: '2026-12-09T15:12:00.000Z', by: 'Mia Torres', roomId: '0193a000-0000-7000-8000-0000000000c1', reason: '' },
      ],
      createdAt: '2026-12-09T15:00:00.000Z',
      updatedAt: '2026-12-09T15:12:00.000Z',
      updatedBy: 'Mia Torres',
      siteId: 'north',
    };
    const migrated = await migrateOnce({ collection: 'visits', oldSchema: v0 as unknown as RxJsonSchema<typeof old>, oldDocs: [old], newSchema: visitSchema, strategies: visitMigrations });
    expect(migrated).toEqual([{ ...old, checkin: emptyCheckin(), checkout: NO_CHECKOUT }]);
    expect(VisitSchema.safeParse(migrated[0]).success).toBe(true);
    // Each migrated visit gets its own empty check-in, not one shared object.
    expect(visitMigrations[1](old).checkin).not.toBe(visitMigrations[1](old).checkin);
  });
});

/** The patients schema as it was at version 1 (one phone, no full record). */
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const patientSchemaV1 = {
  title: 'patients',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    givenName: text(100),
    familyName: text(100),
    birthDate: text(10),
    phone: text(10),
    mrn: text(20),
    status: { type: 'string', enum: ['active', 'inactive', 'deceased', 'merged-into'], maxLength: 20 },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'givenName', 'familyName', 'birthDate', 'phone', 'mrn', 'status', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['familyName', 'birthDate', 'phone'],
  additionalProperties: false,
} as const;
const janeV1 = {
  id: JaneDoe.id,
  givenName: JaneDoe.givenName,
  familyName: JaneDoe.familyName,
  birthDate: JaneDoe.birthDate,
  phone: '5550101234',
  mrn: JaneDoe.mrn,
  status: JaneDoe.status,
  createdAt: JaneDoe.createdAt,
  updatedAt: JaneDoe.updatedAt,
  updatedBy: JaneDoe.updatedBy,
  siteId: JaneDoe.siteId,
};
