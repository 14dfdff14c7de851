import type { RxJsonSchema } from 'rxdb';
import { AppointmentStatusSchema, type Appointment } from '../../../shared/schedule/appointment';
import { defineCollection } from '../../data/collection';
import { appointmentConflictHandler } from '../../data/conflicts';

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

export const appointmentsCollection = defineCollection<Appointment>({ schema: appointmentSchema, migrationStrategies: appointmentMigrations, conflicts: appointmentConflictHandler });
