import type { CollectionJsonSchema } from '../domain/jsonSchema';
import { AppointmentStatusSchema } from './appointment';

/*
 * The stored form of an appointment: the RxDB schema of the `appointments` collection and the
 * rules the CouchDB server checks. Adding a field: add it to AppointmentSchema (appointment.ts),
 * here with a raised `version`, a migration strategy
 * (src/renderer/features/schedule/appointmentsCollection.ts) and a migration test; run
 * `npm run couchdb:setup` before workstations write it (the server refuses fields it does not know).
 */
export const appointmentJsonSchema = {
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
} as const satisfies CollectionJsonSchema;
