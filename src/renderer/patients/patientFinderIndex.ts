import type { Subscription } from 'rxjs';
import { PatientSchema, type Patient } from '../../shared/domain/patient';
import { PatientFinder, type FinderRecord } from '../../shared/patients/patientFinder';
import type { ClinicDatabase } from '../db/database';

/** What the finder indexes of a patient. Only active patients are found. */
export function toFinderRecord(patient: Patient): FinderRecord {
  return {
    id: patient.id,
    givenName: patient.givenName,
    familyName: patient.familyName,
    birthDate: patient.birthDate,
    phones: [patient.phone],
    ...(patient.mrn ? { mrn: patient.mrn } : {}),
  };
}

/**
 * Keeps a PatientFinder in step with the patients collection: loaded once from every stored
 * patient, then updated from each change, local or synced. Records that break the schema and
 * patients who are not active are left out.
 */
export async function startPatientFinder(db: ClinicDatabase): Promise<{ finder: PatientFinder; stop(): void }> {
  const finder = new PatientFinder();
  const apply = (data: unknown, deleted: boolean, id: string) => {
    const parsed = PatientSchema.safeParse(data);
    if (deleted || !parsed.success || parsed.data.status !== 'active') finder.remove(id);
    else finder.upsert(toFinderRecord(parsed.data));
  };
  // Subscribing first means no change between reading and listening is missed; upserts are idempotent.
  const subscription: Subscription = db.patients.$.subscribe((event) => apply(event.documentData, event.operation === 'DELETE', event.documentId));
  const docs = await db.patients.find({ selector: { status: 'active' } }).exec();
  finder.load(
    docs.flatMap((d) => {
      const parsed = PatientSchema.safeParse(d.toJSON());
      return parsed.success ? [toFinderRecord(parsed.data)] : [];
    }),
  );
  return { finder, stop: () => subscription.unsubscribe() };
}
