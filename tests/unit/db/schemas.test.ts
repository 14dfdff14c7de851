import type { RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appointmentMigrations, appointmentSchema } from '../../../src/renderer/features/schedule/appointmentsCollection';
import { ledgerMigrations, ledgerSchema } from '../../../src/renderer/features/payments/ledgerCollection';
import { auditMigrations, auditSchema } from '../../../src/renderer/features/audit/auditCollection';
import { catalogMigrations, catalogSchema } from '../../../src/renderer/features/catalog/catalogCollection';
import { ClinicProfileSchema } from '../../../src/shared/catalog/clinic';
import { DeskRulesSchema } from '../../../src/shared/catalog/deskRules';
import { PayerSchema, ProviderSchema } from '../../../src/shared/catalog/catalog';
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
import { PatientSchema } from '../../../src/shared/patients/patient';
import { AcmeCoverage, AcmePayer, CardFront, DanaFrontDesk, JaneDoe, JaneDoeCopay, JaneDoeNineAm, LakesideProfile, SignInAudit } from '../../fixtures/clinic';

const pairs: [string, RxJsonSchema<never>, z.ZodObject, unknown, Record<number, unknown>][] = [
  ['patients', patientSchema as RxJsonSchema<never>, PatientSchema, JaneDoe, patientMigrations],
  ['appointments', appointmentSchema as RxJsonSchema<never>, AppointmentSchema as unknown as z.ZodObject, JaneDoeNineAm, appointmentMigrations],
  ['ledger', ledgerSchema as RxJsonSchema<never>, LedgerEntrySchema, JaneDoeCopay, ledgerMigrations],
  ['staff', staffSchema as RxJsonSchema<never>, StaffSchema, DanaFrontDesk, staffMigrations],
  ['audit', auditSchema as RxJsonSchema<never>, AuditEntrySchema, SignInAudit, auditMigrations],
  ['coverages', coverageSchema as RxJsonSchema<never>, CoverageSchema as unknown as z.ZodObject, AcmeCoverage, coverageMigrations],
  ['documents', documentSchema as RxJsonSchema<never>, PatientDocumentSchema as unknown as z.ZodObject, CardFront, documentMigrations],
];

/** A field the stored record always has: required on input, or filled in by a default. */
function storedRequired(field: z.ZodType): boolean {
  return !field.safeParse(undefined).success || (field.def as { type: string }).type === 'default';
}

/** The zod schema of a field, unwrapped from refinements and pipes so its shape can be compared. */
function shapeOf(schema: z.ZodObject): Record<string, z.ZodType> {
  return schema.shape as Record<string, z.ZodType>;
}

describe.each(pairs)('%s RxDB schema agrees with the domain schema', (_name, rx, zod, fixture, migrations) => {
  it('has exactly the same fields', () => {
    expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(shapeOf(zod)).sort());
  });

  it('requires every field the domain requires', () => {
    const required = Object.entries(shapeOf(zod))
      .filter(([, field]) => storedRequired(field))
      .map(([key]) => key)
      .sort();
    expect([...(rx.required ?? [])].sort()).toEqual(required);
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

describe('catalog RxDB schema agrees with every kind it holds', () => {
  const kinds = [ClinicProfileSchema, PayerSchema, ProviderSchema, AppointmentTypeSchema, RoomSchema, AvailabilityTemplateSchema, ScheduleExceptionSchema, DeskRulesSchema] as unknown as z.ZodObject[];
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
