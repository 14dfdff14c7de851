import { text, type CollectionJsonSchema } from '../domain/jsonSchema';
import { MAX_TIMELINE, VISIT_STEPS } from './visit';

/*
 * The stored form of a visit at the desk: the RxDB schema of the `visits` collection and the rules
 * the CouchDB server checks (it also refuses a write that drops a step of the timeline, and any
 * deletion: src/main/sync/validateDocUpdate.ts). Adding a field: add it to VisitSchema (visit.ts),
 * here with a raised `version`, a migration strategy (src/renderer/features/checkin/visitsCollection.ts)
 * and a migration test; run `npm run couchdb:setup` before workstations write it.
 */
export const visitJsonSchema = {
  title: 'visits',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    patientId: text(36),
    appointmentId: text(36),
    providerId: text(36),
    typeId: text(36),
    locationId: text(40),
    date: text(10),
    timeZone: text(64),
    step: { type: 'string', enum: [...VISIT_STEPS], maxLength: 20 },
    timeline: {
      type: 'array',
      maxItems: MAX_TIMELINE,
      items: {
        type: 'object',
        properties: {
          step: { type: 'string', enum: [...VISIT_STEPS], maxLength: 20 },
          at: text(30),
          by: text(100),
          roomId: text(36),
          reason: text(200),
        },
        required: ['step', 'at', 'by', 'roomId', 'reason'],
        additionalProperties: false,
      },
    },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'patientId', 'appointmentId', 'providerId', 'typeId', 'locationId', 'date', 'timeZone', 'step', 'timeline', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: [['date', 'createdAt'], 'patientId', 'appointmentId'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
