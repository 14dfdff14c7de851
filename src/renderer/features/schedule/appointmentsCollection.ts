import type { RxJsonSchema } from 'rxdb';
import { APPOINTMENT_PROGRESS, AppointmentStatusSchema, type Appointment } from '../../../shared/schedule/appointment';
import { defineCollection } from '../../data/collection';
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { newerOf } from '../../data/conflicts';

/*
 * Adding a field to appointments: add it to AppointmentSchema (src/shared/schedule/appointment.ts),
 * here with a raised `version` and a migration strategy, and a migration test.
 */
export const appointmentSchema: RxJsonSchema<Appointment> = {
  title: 'appointments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    patientId: { type: 'string', maxLength: 36 },
    start: { type: 'string', maxLength: 30 },
    end: { type: 'string', maxLength: 30 },
    timeZone: { type: 'string', maxLength: 64 },
    reason: { type: 'string', maxLength: 200 },
    status: { type: 'string', enum: [...AppointmentStatusSchema.options], maxLength: 20 },
    arrivedAt: { type: ['string', 'null'], maxLength: 30 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    updatedBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'patientId', 'start', 'end', 'timeZone', 'reason', 'status', 'arrivedAt', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['start', 'patientId'],
  additionalProperties: false,
};

export const appointmentMigrations = {};

/**
 * Appointments never move backwards: a copy that says "booked" cannot undo a check-in made on
 * another workstation, however recent it is. The visit's progress (status and arrival time) comes
 * from the more advanced copy; every other field from the later edit, so a reason typed offline
 * is kept too.
 */
export const appointmentConflictHandler: RxConflictHandler<Appointment> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async ({ newDocumentState: local, realMasterState: server }) => {
    const latest = newerOf(local, server);
    const localRank = APPOINTMENT_PROGRESS[local.status];
    const serverRank = APPOINTMENT_PROGRESS[server.status];
    const progressed = localRank === serverRank ? latest : localRank > serverRank ? local : server;
    return { ...latest, status: progressed.status, arrivedAt: progressed.arrivedAt ?? local.arrivedAt ?? server.arrivedAt };
  },
};

export const appointmentsCollection = defineCollection<Appointment>({ schema: appointmentSchema, migrationStrategies: appointmentMigrations, conflicts: appointmentConflictHandler });
