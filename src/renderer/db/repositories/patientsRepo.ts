import { z } from 'zod';
import { storedReader } from './storedRecords';
import { newId } from '../../../shared/domain/ids';
import type { PatientId } from '../../../shared/domain/ids';
import { PatientInputSchema, PatientSchema, type Patient, type PatientInput } from '../../../shared/domain/patient';
import type { ClinicDatabase } from '../database';
import { DeskError, type WorkContext } from './workContext';

/** Lower-cases and strips accents so that "José" matches "jose". */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** True when every typed word starts one of the patient's names, in any order. */
export function matchesName(patient: Pick<Patient, 'givenName' | 'familyName'>, query: string): boolean {
  const words = normalizeText(query).split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return false;
  const names = normalizeText(`${patient.givenName} ${patient.familyName}`).split(/[\s-]+/);
  return words.every((w) => names.some((n) => n.startsWith(w)));
}

const stored = storedReader(PatientSchema, 'A patient record');

export function createPatientsRepo(db: ClinicDatabase, ctx: WorkContext) {
  return {
    /** Registers a patient from form input; nothing is saved unless the whole input is valid. */
    async register(input: PatientInput): Promise<Patient> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const { approvedBy } = await ctx.authorize('patient.register');
      const at = ctx.now().toISOString();
      const patient = PatientSchema.parse({
        ...parsed.data,
        id: newId<'PatientId'>(),
        status: 'active',
        createdAt: at,
        updatedAt: at,
        updatedBy: ctx.actor().id,
        siteId: ctx.siteId(),
      });
      await db.patients.insert(patient);
      await ctx.audit({
        action: 'create',
        patientId: patient.id,
        subject: `patients/${patient.id}`,
        changes: Object.entries(parsed.data).map(([field, after]) => ({ field, before: null, after })),
        approvedBy,
      });
      return patient;
    },
    /** Reads a patient for the app's own use (names in lists); not audited as a view. */
    async get(id: PatientId): Promise<Patient | null> {
      return stored.one(await db.patients.findOne(id).exec());
    },
    /** Opens a patient's record for a person to read: checked and audited as a view. */
    async open(id: PatientId): Promise<Patient | null> {
      await ctx.authorize('patient.view', { patientId: id });
      const patient = stored.one(await db.patients.findOne(id).exec());
      if (patient) await ctx.audit({ action: 'view', patientId: id, subject: `patients/${id}`, detail: 'Opened the patient record' });
      return patient;
    },
    /**
     * Finds active patients by name words, date of birth (YYYY-MM-DD) or phone digits. A small
     * linear search: the indexed finder for 100,000 patients is its own piece of work.
     */
    async search(query: string, limit = 50): Promise<Patient[]> {
      const text = query.trim();
      if (text.length === 0) return [];
      await ctx.authorize('patient.view');
      const digits = text.replace(/\D/g, '');
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(text);
      const isPhone = !isDate && /^[\d\s()+.-]+$/.test(text) && digits.length >= 4;
      const docs = await db.patients.find({ selector: { status: 'active' } }).exec();
      return stored
        .many(docs)
        .filter((p) => (isDate ? p.birthDate === text : isPhone ? p.phone.includes(digits) : matchesName(p, text)))
        .sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName))
        .slice(0, limit);
    },
    async count(): Promise<number> {
      return db.patients.count().exec();
    },
  };
}

export type PatientsRepo = ReturnType<typeof createPatientsRepo>;

/** Thrown for an unknown patient id. */
export function patientNotFound(): DeskError {
  return new DeskError('That patient could not be found.');
}
