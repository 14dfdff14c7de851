import { map } from 'rxjs';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { Coverage } from '../../../shared/patients/coverage';
import type { PatientDocument } from '../../../shared/patients/document';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import type { Patient } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

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
  const identities = useObservable(() => desk.patients.observeIdentities(patient.id), [patient.id], [desk, patient.id]);
  const key = identities.join(',');
  const coverages = useObservable(() => desk.coverages.observeForPatients(identities).pipe(map((c) => desk.coverages.sort(c))), EMPTY.coverages, [desk, key]);
  const appointments = useObservable(() => desk.appointments.observeForPatients(identities), EMPTY.appointments, [desk, key]);
  const ledger = useObservable(() => desk.ledger.observeForPatients(identities), EMPTY.ledger, [desk, key]);
  const documents = useObservable(() => desk.documents.observeForPatients(identities), EMPTY.documents, [desk, key]);
  return { identities, coverages, appointments, ledger, documents };
}

