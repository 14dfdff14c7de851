import type { RxJsonSchema } from 'rxdb';
import { ANY_TIME, APPOINTMENT_BLANKS, APPOINTMENT_PROGRESS, NO_REMINDER, type Appointment } from '../../../shared/schedule/appointment';
import { appointmentJsonSchema } from '../../../shared/schedule/appointmentJsonSchema';
import { defineCollection } from '../../data/collection';
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { mergeFields } from '../../data/conflicts';

/** The schema is shared with the server's rules: src/shared/schedule/appointmentJsonSchema.ts (adding a field is explained there). */
export const appointmentSchema: RxJsonSchema<Appointment> = appointmentJsonSchema;

/** An appointment as it was stored before it had a provider, type, location and room. */
type AppointmentV0 = Omit<Appointment, 'providerId' | 'typeId' | 'locationId' | 'roomId' | 'note' | 'cancelReason' | 'cancelNote' | 'seriesId' | 'overbookReason' | 'reminder' | 'wants'>;
/** An appointment as it was stored before the waitlist. */
type AppointmentV1 = Omit<Appointment, 'wants'>;

export const appointmentMigrations = {
  /**
   * v1 gives a visit its provider, type, location and room. Visits booked before keep working:
   * provider, type and room unknown (''), the location where they were booked, no reminder call
   * made yet; a cancelled one keeps no reason (none was asked).
   */
  1: (doc: AppointmentV0): AppointmentV1 => {
    const { wants: _wants, ...blanks } = APPOINTMENT_BLANKS;
    return { ...doc, ...blanks, reminder: { ...NO_REMINDER }, locationId: doc.siteId };
  },
  /** v2 adds the waitlist: wishes for when the patient can come (none for a visit booked before). */
  2: (doc: AppointmentV1): Appointment => ({ ...doc, wants: { ...ANY_TIME, weekdays: [] } }),
};

/**
 * Appointments never move backwards: a copy that says "booked" cannot undo a check-in made on
 * another workstation, however recent it is. The visit's progress (status and arrival time) comes
 * from the more advanced copy; the other fields merge one by one (the later edit winning a field
 * both changed), so a reason typed offline is kept too.
 */
export const appointmentConflictHandler: RxConflictHandler<Appointment> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async (input) => {
    const { newDocumentState: local, realMasterState: server } = input;
    const latest = mergeFields(input).merged;
    const localRank = APPOINTMENT_PROGRESS[local.status];
    const serverRank = APPOINTMENT_PROGRESS[server.status];
    if (localRank === serverRank) return { ...latest, arrivedAt: latest.arrivedAt ?? local.arrivedAt ?? server.arrivedAt };
    // The more advanced copy's status and arrival go together: a visit cancelled on one workstation
    // while checked in on another ends cancelled, with no arrival time of the copy it overruled.
    const progressed = localRank > serverRank ? local : server;
    return { ...latest, status: progressed.status, arrivedAt: progressed.arrivedAt };
  },
};

/** A visit moved to two different times, or given to two providers: a person decides which one the patient was told. */
export const APPOINTMENT_REVIEW = {
  groups: [
    { key: 'time', label: 'Time', fields: ['start', 'end'] },
    { key: 'provider', label: 'Provider', fields: ['providerId'] },
  ],
  patientOf: (a: Appointment) => a.patientId,
};

export const appointmentsCollection = defineCollection<Appointment>({
  schema: appointmentSchema,
  migrationStrategies: appointmentMigrations,
  conflicts: appointmentConflictHandler,
  review: APPOINTMENT_REVIEW,
});
