import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import { arrivalMarkers } from '../../../shared/checkin/checkin';
import type { Visit } from '../../../shared/checkin/visit';
import type { Coverage } from '../../../shared/patients/coverage';
import { accountOf, overdueOnPlans, type Account } from '../../../shared/payments/account';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { AppointmentType } from '../../../shared/schedule/scheduling';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useDeskRules } from '../catalog/public';

interface Records {
  visits: Visit[];
  coverages: Coverage[];
  ledger: LedgerEntry[];
}
const NOTHING: Records = { visits: [], coverages: [], ledger: [] };

const byPatient = <T extends { patientId: string }>(list: readonly T[]) => {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(item.patientId, [...(groups.get(item.patientId) ?? []), item]);
  return groups;
};

/**
 * What each of today's booked patients' check-in will ask for, by appointment id: a balance, forms
 * to sign (expired or never signed) and insurance to verify, read live from their earlier visits,
 * coverages and ledger.
 */
export function useArrivalMarkers(appointments: readonly Appointment[], types: readonly AppointmentType[], now: number, today: { date: string; timeZone: string }): Map<string, string[]> {
  const desk = useDesk();
  const rules = useDeskRules();
  const ids = useMemo(() => [...new Set(appointments.map((a) => a.patientId))].sort(), [appointments]);
  const key = ids.join(',');
  const records = useObservable(
    () =>
      combineLatest({ visits: desk.visits.observeForPatients(ids), coverages: desk.coverages.observeForPatients(ids).pipe(map((c) => desk.coverages.sort(c))), ledger: desk.ledger.observeForPatients(ids) }),
    NOTHING,
    [desk, key],
  );
  return useMemo(() => {
    const visits = byPatient(records.visits);
    const coverages = byPatient(records.coverages);
    const ledger = byPatient(records.ledger);
    const markers = new Map<string, string[]>();
    const money = (account: Account) => ({ balanceCents: account.totals.balanceCents, overdueCents: overdueOnPlans(account, today.date) });
    for (const a of appointments) {
      const typeForms = types.find((t) => t.id === a.typeId)?.formsDue ?? [];
      markers.set(
        a.id,
        arrivalMarkers({
          visits: visits.get(a.patientId) ?? [],
          coverages: coverages.get(a.patientId) ?? [],
          ...money(accountOf(ledger.get(a.patientId) ?? [])),
          typeForms,
          rules,
          today: today.date,
          now,
          timeZone: today.timeZone,
        }),
      );
    }
    return markers;
  }, [records, appointments, types, rules, today.date, today.timeZone, now]);
}
