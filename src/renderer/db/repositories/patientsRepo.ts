import { z } from 'zod';
import { findPossibleDuplicates, type PossibleDuplicate } from '../../../shared/patients/duplicates';
import type { PatientFinder } from '../../../shared/patients/patientFinder';
import { storedReader } from './storedRecords';
import { newId } from '../../../shared/domain/ids';
import type { PatientId } from '../../../shared/domain/ids';
import { PatientInputSchema, PatientSchema, type Patient, type PatientInput } from '../../../shared/domain/patient';
import type { ClinicDatabase } from '../database';
import { DeskError, type WorkContext } from './workContext';

const stored = storedReader(PatientSchema, 'A patient record');

export function createPatientsRepo(db: ClinicDatabase, ctx: WorkContext, finder: PatientFinder, nextMrn: () => Promise<string>) {
  return {
    /** Registers a patient from form input; nothing is saved unless the whole input is valid. */
    async register(input: PatientInput): Promise<Patient> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const { approvedBy } = await ctx.authorize('patient.register');
      const mrn = await nextMrn();
      const at = ctx.now().toISOString();
      const patient = PatientSchema.parse({
        ...parsed.data,
        id: newId<'PatientId'>(),
        mrn,
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
    /**
     * Changes a patient's demographics. Only fields that differ are written, and each is audited
     * with its value before and after, which is the record's edit history.
     */
    async update(id: PatientId, input: PatientInput): Promise<Patient> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const doc = await db.patients.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw new DeskError('That patient could not be found.');
      const changes = (Object.keys(parsed.data) as (keyof typeof parsed.data)[])
        .filter((field) => current[field] !== parsed.data[field])
        .map((field) => ({ field, before: current[field], after: parsed.data[field] }));
      if (changes.length === 0) return current;
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: id });
      const updated = await doc.incrementalPatch({
        ...Object.fromEntries(changes.map((c) => [c.field, c.after])),
        updatedAt: ctx.now().toISOString(),
        updatedBy: ctx.actor().id,
        siteId: ctx.siteId(),
      });
      await ctx.audit({ action: 'change', patientId: id, subject: `patients/${id}`, changes, approvedBy });
      return PatientSchema.parse(updated.toJSON());
    },
    /** Who changed what on this patient's record and when, newest first, from every workstation. */
    async history(id: PatientId): Promise<{ at: string; who: string; action: string; changes: { field: string; before: unknown; after: unknown }[] }[]> {
      await ctx.authorize('patient.view', { patientId: id });
      const entries = await db.audit.find({ selector: { patientId: id, action: { $in: ['create', 'change', 'merge'] } } }).exec();
      return entries
        .map((e) => e.toJSON())
        .filter((e) => e.subject === `patients/${id}`)
        // Newest first; within one instant, a workstation's later entry first.
        .sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1))
        .map((e) => ({ at: e.at, who: e.actorName, action: e.action, changes: e.changes as { field: string; before: unknown; after: unknown }[] }));
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
     * Finds active patients by name words in any order, date of birth as typed, phone digits or
     * MRN, through the in-memory finder index.
     */
    async search(query: string, limit = 50): Promise<Patient[]> {
      if (!query.trim()) return [];
      await ctx.authorize('patient.view');
      const hits = finder.search(query, limit, ctx.now());
      const docs = await db.patients.findByIds(hits.map((h) => h.id)).exec();
      return hits.map((h) => stored.one(docs.get(h.id))).filter((p): p is Patient => p !== null);
    },
    /**
     * Registered patients who may be the person about to be registered: the same date of birth
     * with a similar name, or the same phone.
     */
    async possibleDuplicates(input: PatientInput): Promise<PossibleDuplicate[]> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) return [];
      await ctx.authorize('patient.view');
      const candidates = [
        ...finder.find({ kind: 'dob', dates: [parsed.data.birthDate] }, 1_000),
        ...finder.find({ kind: 'phone', digits: parsed.data.phone }, 1_000),
      ];
      const unique = [...new Map(candidates.map((h) => [h.id, h.record])).values()];
      return findPossibleDuplicates(parsed.data, unique);
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
