import type { CollectionJsonSchema } from '../domain/jsonSchema';
import { AppointmentStatusSchema, CancelReasonSchema, ReminderResultSchema } from './appointment';

/*
 * The stored form of an appointment: the RxDB schema of the `appointments` collection and the
 * rules the CouchDB server checks. Adding a field: add it to AppointmentSchema (appointment.ts),
 * here with a raised `version`, a migration strategy
 * (src/renderer/features/schedule/appointmentsCollection.ts) and a migration test; run
 * `npm run couchdb:setup` before workstations write it (the server refuses fields it does not know).
 */
export const appointmentJsonSchema = {
  title: 'appointments',
  version: 2,
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
    providerId: { type: 'string', maxLength: 36 },
    typeId: { type: 'string', maxLength: 36 },
    locationId: { type: 'string', maxLength: 40 },
    roomId: { type: 'string', maxLength: 36 },
    note: { type: 'string', maxLength: 500 },
    cancelReason: { type: 'string', enum: ['', ...CancelReasonSchema.options], maxLength: 20 },
    cancelNote: { type: 'string', maxLength: 200 },
    seriesId: { type: 'string', maxLength: 36 },
    overbookReason: { type: 'string', maxLength: 200 },
    reminder: {
      type: 'object',
      properties: {
        result: { type: 'string', enum: ['', ...ReminderResultSchema.options], maxLength: 20 },
        at: { type: 'string', maxLength: 30 },
        by: { type: 'string', maxLength: 100 },
      },
      required: ['result', 'at', 'by'],
      additionalProperties: false,
    },
    wants: {
      type: 'object',
      properties: {
        partOfDay: { type: 'string', enum: ['any', 'morning', 'afternoon'], maxLength: 10 },
        weekdays: { type: 'array', maxItems: 7, items: { type: 'integer', minimum: 0, maximum: 6 } },
      },
      required: ['partOfDay', 'weekdays'],
      additionalProperties: false,
    },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    updatedBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: [
    'id', 'patientId', 'start', 'end', 'timeZone', 'reason', 'status', 'arrivedAt',
    'providerId', 'typeId', 'locationId', 'roomId', 'note', 'cancelReason', 'cancelNote', 'seriesId', 'overbookReason', 'reminder', 'wants',
    'createdAt', 'updatedAt', 'updatedBy', 'siteId',
  ],
  indexes: ['start', 'patientId', ['providerId', 'start'], ['status', 'start']],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
