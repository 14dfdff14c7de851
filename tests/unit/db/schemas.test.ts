import type { RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appointmentMigrations, appointmentSchema } from '../../../src/renderer/features/schedule/appointmentsCollection';
import { ledgerMigrations, ledgerSchema } from '../../../src/renderer/features/payments/ledgerCollection';
import { auditMigrations, auditSchema } from '../../../src/renderer/features/audit/auditCollection';
import { catalogMigrations, catalogSchema } from '../../../src/renderer/features/catalog/catalogCollection';
import { ClinicProfileSchema } from '../../../src/shared/catalog/clinic';
import { DeskRulesSchema } from '../../../src/shared/catalog/deskRules';
import { PayerSchema, ProviderSchema, ServiceSchema } from '../../../src/shared/catalog/catalog';
import { AppointmentTypeSchema, AvailabilityTemplateSchema, RoomSchema, ScheduleExceptionSchema } from '../../../src/shared/schedule/scheduling';
import { coverageMigrations, coverageSchema } from '../../../src/renderer/features/patients/data/coveragesCollection';
import { documentMigrations, documentSchema } from '../../../src/renderer/features/patients/data/documentsCollection';
import { CoverageSchema } from '../../../src/shared/patients/coverage';
import { PatientDocumentSchema } from '../../../src/shared/patients/document';
import { patientMigrations, patientSchema } from '../../../src/renderer/features/patients/data/patientsCollection';
import { staffMigrations, staffSchema } from '../../../src/renderer/features/staff/staffCollection';
import { AuditEntrySchema } from '../../../src/shared/audit/auditEntry';
import { StaffSchema } from '../../../src/shared/auth/staff';
import { AppointmentSchema } from '../../../src/shared/schedule/appointment';
import { LedgerEntrySchema } from '../../../src/shared/payments/ledger';
import { DENOMINATIONS, DrawerRecordSchema } from '../../../src/shared/payments/drawer';
import { drawerMigrations, drawerSchema } from '../../../src/renderer/features/payments/drawersCollection';
import { PatientSchema } from '../../../src/shared/patients/patient';
import { visitMigrations, visitSchema } from '../../../src/renderer/features/checkin/visitsCollection';
import { CheckinSchema, CheckoutSchema, emptyCheckin, FormSignatureSchema, NO_CHECKOUT, VERIFICATION_METHODS, VERIFICATION_RESULTS } from '../../../src/shared/checkin/checkin';
import { VisitSchema } from '../../../src/shared/checkin/visit';
import { AcmeCoverage, AcmePayer, CardFront, DanaFrontDesk, JaneDoe, JaneDoeCopay, JaneDoeNineAm, LakesideProfile, SignInAudit } from '../../fixtures/clinic';
import { FormWordingSchema } from '../../../src/shared/catalog/formWording';
import { FormLogoSchema } from '../../../src/shared/catalog/formLogo';

/**
 * Each collection's RxDB schema, its domain schema, a fixture, its migrations, and the fields
 * stored but not required so that a record written by a workstation on the version before is
 * still accepted (reading fills them in from the domain schema's default).
 */
const pairs: [string, RxJsonSchema<never>, z.ZodObject, unknown, Record<number, unknown>, readonly string[]][] = [
  ['patients', patientSchema as RxJsonSchema<never>, PatientSchema, JaneDoe, patientMigrations, []],
  ['appointments', appointmentSchema as RxJsonSchema<never>, AppointmentSchema as unknown as z.ZodObject, JaneDoeNineAm, appointmentMigrations, []],
  ['staff', staffSchema as RxJsonSchema<never>, StaffSchema, DanaFrontDesk, staffMigrations, []],
  ['audit', auditSchema as RxJsonSchema<never>, AuditEntrySchema, SignInAudit, auditMigrations, []],
  ['coverages', coverageSchema as RxJsonSchema<never>, CoverageSchema as unknown as z.ZodObject, AcmeCoverage, coverageMigrations, []],
  ['documents', documentSchema as RxJsonSchema<never>, PatientDocumentSchema as unknown as z.ZodObject, CardFront, documentMigrations, []],
];

/** A field the stored record always has: required on input, or filled in by a default. */
function storedRequired(field: z.ZodType): boolean {
  return !field.safeParse(undefined).success || (field.def as { type: string }).type === 'default';
}

/** The zod schema of a field, unwrapped from refinements and pipes so its shape can be compared. */
function shapeOf(schema: z.ZodObject): Record<string, z.ZodType> {
  return schema.shape as Record<string, z.ZodType>;
}

describe.each(pairs)('%s RxDB schema agrees with the domain schema', (_name, rx, zod, fixture, migrations, lenient) => {
  it('has exactly the same fields', () => {
    expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(shapeOf(zod)).sort());
  });

  it('requires every field the domain requires, but those a workstation on the version before does not write (read with their defaults)', () => {
    const required = Object.entries(shapeOf(zod))
      .filter(([, field]) => storedRequired(field))
      .map(([key]) => key)
      .sort();
    expect([...(rx.required ?? [])].sort()).toEqual(required.filter((key) => !lenient.includes(key)));
    for (const key of lenient) expect((shapeOf(zod)[key]!.def as { type: string }).type, key).toBe('default');
  });

  it('marks nullable fields nullable', () => {
    for (const [key, field] of Object.entries(shapeOf(zod))) {
      const type = (rx.properties as Record<string, { type: string | string[] }>)[key]!.type;
      const rxNullable = Array.isArray(type) && type.includes('null');
      expect(rxNullable, key).toBe(field.safeParse(null).success);
    }
  });

  it('bounds every indexed field as RxDB requires (strings by length, numbers by range and step)', () => {
    const indexed = (rx.indexes ?? []).flat() as string[];
    const properties = rx.properties as Record<string, { type?: string; maxLength?: number; minimum?: number; maximum?: number; multipleOf?: number }>;
    for (const key of [rx.primaryKey as string, ...indexed]) {
      const field = properties[key];
      expect(field?.type, key).toMatch(/^(string|integer|number)$/);
      if (field?.type === 'string') expect(field.maxLength, key).toBeGreaterThan(0);
      else expect([field?.minimum, field?.maximum, field?.multipleOf].every((v) => typeof v === 'number'), key).toBe(true);
    }
  });

  it('accepts its named fixture under the domain schema', () => {
    expect(zod.safeParse(fixture).success).toBe(true);
  });

  it('has a migration strategy for every version above 0, and none beyond', () => {
    const expected = Array.from({ length: rx.version }, (_, i) => String(i + 1));
    expect(Object.keys(migrations).sort()).toEqual(expected);
  });
});

describe('ledger RxDB schema agrees with every kind of entry', () => {
  const kinds = LedgerEntrySchema.options as unknown as z.ZodObject[];
  const rx = ledgerSchema as unknown as RxJsonSchema<never>;
  const properties = rx.properties as Record<string, { type: string | string[]; enum?: string[] }>;

  it('has exactly the fields of the kinds together, each kind listed', () => {
    const union = new Set(kinds.flatMap((k) => Object.keys(shapeOf(k))));
    expect(Object.keys(rx.properties).sort()).toEqual([...union].sort());
    expect(properties['kind']!.enum).toEqual(kinds.map((k) => (shapeOf(k)['kind']!.def as unknown as { values: string[] }).values[0]));
  });

  it('requires only what every kind requires, so a payment written by a v2 workstation is still accepted', () => {
    const common = Object.keys(shapeOf(kinds[0]!)).filter((key) => kinds.every((k) => shapeOf(k)[key] && storedRequired(shapeOf(k)[key]!)));
    expect([...(rx.required ?? [])].sort()).toEqual(common.sort());
    const { transactionId: _t, ...v2Payment } = JaneDoeCopay;
    expect(LedgerEntrySchema.parse(v2Payment)).toEqual({ ...JaneDoeCopay, transactionId: '' });
  });

  it('marks nullable fields nullable, as every kind that has them says', () => {
    for (const k of kinds)
      for (const [key, field] of Object.entries(shapeOf(k))) {
        const type = properties[key]!.type;
        expect(Array.isArray(type) && type.includes('null'), key).toBe(field.safeParse(null).success);
      }
  });

  it('accepts its fixture, and has a migration strategy for every version above 0', () => {
    expect(LedgerEntrySchema.safeParse(JaneDoeCopay).success).toBe(true);
    expect(Object.keys(ledgerMigrations)).toEqual(Array.from({ length: rx.version }, (_, i) => String(i + 1)));
  });
});

describe('drawers RxDB schema agrees with every kind of drawer record', () => {
  const kinds = DrawerRecordSchema.options as unknown as z.ZodObject[];
  const rx = drawerSchema as unknown as RxJsonSchema<never>;

  it('has exactly the fields of the kinds together, and requires what every kind requires', () => {
    expect(Object.keys(rx.properties).sort()).toEqual([...new Set(kinds.flatMap((k) => Object.keys(shapeOf(k))))].sort());
    const common = Object.keys(shapeOf(kinds[0]!)).filter((key) => kinds.every((k) => shapeOf(k)[key] && storedRequired(shapeOf(k)[key]!)));
    expect([...(rx.required ?? [])].sort()).toEqual(common.sort());
    expect((rx.properties as Record<string, { maxItems?: number }>)['counts']!.maxItems).toBe(DENOMINATIONS.length);
    expect(Object.keys(drawerMigrations)).toEqual([]);
  });
});

describe('catalog RxDB schema agrees with every kind it holds', () => {
  const kinds = [ClinicProfileSchema, PayerSchema, ProviderSchema, AppointmentTypeSchema, RoomSchema, AvailabilityTemplateSchema, ScheduleExceptionSchema, DeskRulesSchema, ServiceSchema, FormWordingSchema, FormLogoSchema] as unknown as z.ZodObject[];
  const rx = catalogSchema as unknown as RxJsonSchema<never>;

  it('has exactly the fields of the kinds together', () => {
    const union = new Set(kinds.flatMap((k) => Object.keys(shapeOf(k))));
    expect(Object.keys(rx.properties).sort()).toEqual([...union].sort());
  });

  it('requires the fields every kind requires', () => {
    const common = Object.keys(shapeOf(kinds[0]!)).filter((key) => kinds.every((k) => shapeOf(k)[key] && storedRequired(shapeOf(k)[key]!)));
    expect([...(rx.required ?? [])].sort()).toEqual(common.sort());
  });

  it('accepts the fixtures of each kind through the domain schema', () => {
    expect(ClinicProfileSchema.safeParse(LakesideProfile).success).toBe(true);
    expect(PayerSchema.safeParse(AcmePayer).success).toBe(true);
  });

  it('has a migration strategy for every version above 0', () => {
    expect(Object.keys(catalogMigrations)).toEqual(Array.from({ length: rx.version }, (_, i) => String(i + 1)));
  });
});

describe('visits RxDB schema agrees with the domain schema', () => {
  const rx = visitSchema as unknown as RxJsonSchema<never>;
  const zod = VisitSchema as unknown as z.ZodObject;
  type Field = { type?: string; properties?: Record<string, Field>; required?: string[]; items?: Field; enum?: string[]; additionalProperties?: boolean };
  const checkin = (rx.properties as Record<string, Field>)['checkin']!;

  it('has exactly the same fields', () => {
    expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(shapeOf(zod)).sort());
  });

  it('requires every field the domain requires but the check-in and check-out, which a workstation still on v0 does not write and reading fills in', () => {
    const required = Object.entries(shapeOf(zod))
      .filter(([, field]) => storedRequired(field))
      .map(([key]) => key);
    expect([...(rx.required ?? [])].sort()).toEqual(required.filter((k) => k !== 'checkin' && k !== 'checkout').sort());
    expect(required).toContain('checkin');
    expect(required).toContain('checkout');
    const { checkin: _none, checkout: _nothing, ...v0 } = VisitSchema.parse({
      id: '0193a000-0000-7000-8000-000000000101',
      patientId: JaneDoe.id,
      appointmentId: '',
      providerId: '',
      typeId: '',
      locationId: 'north',
      date: '2026-12-09',
      timeZone: 'America/Chicago',
      step: 'checked-in',
      timeline: [{ step: 'checked-in', at: '2026-12-09T15:00:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' }],
      createdAt: '2026-12-09T15:00:00.000Z',
      updatedAt: '2026-12-09T15:00:00.000Z',
      updatedBy: 'dana',
      siteId: 'north',
    });
    expect(VisitSchema.parse(v0).checkin).toEqual(emptyCheckin());
    expect(VisitSchema.parse(v0).checkout).toEqual(NO_CHECKOUT);
  });

  it('stores the check-out with exactly its fields, all required', () => {
    const stored = (rx.properties as Record<string, Field>)['checkout']!;
    const fields = Object.keys(CheckoutSchema.shape).sort();
    expect(Object.keys(stored.properties!).sort()).toEqual(fields);
    expect([...stored.required!].sort()).toEqual(fields);
    expect(stored.additionalProperties).toBe(false);
  });

  it('stores each step of the check-in with exactly its fields, all required, and the same choices', () => {
    const steps = CheckinSchema.shape;
    expect(Object.keys(checkin.properties!).sort()).toEqual(Object.keys(steps).sort());
    expect([...checkin.required!].sort()).toEqual(Object.keys(steps).sort());
    for (const [step, schema] of Object.entries(steps)) {
      const stored = step === 'forms' ? checkin.properties![step]!.items! : checkin.properties![step]!;
      const fields = Object.keys((step === 'forms' ? FormSignatureSchema : (schema as unknown as z.ZodObject)).shape).sort();
      expect(Object.keys(stored.properties!).sort(), step).toEqual(fields);
      expect([...stored.required!].sort(), step).toEqual(fields);
      expect(stored.additionalProperties, step).toBe(false);
    }
    const verification = checkin.properties!['verification']!.properties!;
    expect(verification['method']!.enum).toEqual(['', ...VERIFICATION_METHODS]);
    expect(verification['result']!.enum).toEqual(['', ...VERIFICATION_RESULTS]);
    expect(CheckinSchema.safeParse(emptyCheckin()).success).toBe(true);
  });

  it('has a migration strategy for every version above 0, and none beyond', () => {
    expect(rx.version).toBe(1);
    expect(Object.keys(visitMigrations).sort()).toEqual(Array.from({ length: rx.version }, (_, i) => String(i + 1)));
  });
});
