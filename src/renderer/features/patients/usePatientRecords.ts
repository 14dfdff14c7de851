import { map } from 'rxjs';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { Coverage } from '../../../shared/patients/coverage';
import type { PatientDocument } from '../../../shared/patients/document';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import type { Patient } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

/** Ids of the patient and of every record merged into them, through chains of merges. */
export function identitiesOf(id: string, merged: readonly { id: string; mergedInto: string }[]): string[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const m of merged) if (m.mergedInto === ids[i] && !ids.includes(m.id)) ids.push(m.id);
  return ids;
}

export interface PatientRecords {
  identities: string[];
  coverages: Coverage[];
  appointments: Appointment[];
  ledger: LedgerEntry[];
  documents: PatientDocument[];
}

const EMPTY: PatientRecords = { identities: [], coverages: [], appointments: [], ledger: [], documents: [] };

/**
 * What the patient page shows, live, for the patient and every record merged into them: an
 * appointment booked or a payment taken for the old record on a workstation that had not yet
 * heard of the merge still shows here.
 */
export function usePatientRecords(patient: Patient): PatientRecords {
  const desk = useDesk();
  const identities$ = () =>
    desk.db.patients.find({ selector: { mergedInto: { $gt: '' } } }).$.pipe(map((docs) => identitiesOf(patient.id, docs.map((d) => ({ id: d.id, mergedInto: d.mergedInto })))));
  const identities = useObservable(identities$, [patient.id], [desk, patient.id]);
  const key = identities.join(',');
  const coverages = useObservable(() => desk.coverages.observeForPatients(identities).pipe(map((c) => desk.coverages.sort(c))), EMPTY.coverages, [desk, key]);
  const appointments = useObservable(() => desk.appointments.observeForPatients(identities), EMPTY.appointments, [desk, key]);
  const ledger = useObservable(() => desk.ledger.observeForPatients(identities), EMPTY.ledger, [desk, key]);
  const documents = useObservable(() => desk.documents.observeForPatients(identities), EMPTY.documents, [desk, key]);
  return { identities, coverages, appointments, ledger, documents };
}

