import { text, type CollectionJsonSchema, type JsonSchemaField } from '../domain/jsonSchema';
import { FORM_KINDS } from '../schedule/scheduling';
import { MAX_FORMS, SIGNED_HOW, VERIFICATION_METHODS, VERIFICATION_RESULTS } from './checkin';
import { MAX_TIMELINE, VISIT_STEPS } from './visit';

const when = { at: text(30), by: text(100) };
const object = (properties: Record<string, JsonSchemaField>) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false }) as const;
const cents = { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 } as const;
const oneOf = (values: readonly string[]) => ({ type: 'string', enum: ['', ...values], maxLength: 30 }) as const;

/*
 * The stored form of a visit at the desk: the RxDB schema of the `visits` collection and the rules
 * the CouchDB server checks (it also refuses a write that drops a step of the timeline, and any
 * deletion: src/main/sync/validateDocUpdate.ts). Adding a field: add it to VisitSchema (visit.ts),
 * here with a raised `version`, a migration strategy (src/renderer/features/checkin/visitsCollection.ts)
 * and a migration test; run `npm run couchdb:setup` before workstations write it.
 *
 * v1 adds `checkin` (what the desk checked: src/shared/checkin/checkin.ts) and `checkout` (the
 * follow-up booked, what was collected). They are not required so that a visit written by a
 * workstation still on v0 is accepted; reading fills in empty ones.
 */
export const visitJsonSchema = {
  title: 'visits',
  version: 1,
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
    checkin: object({
      identity: object(when),
      demographics: object({ ...when, changed: { type: 'boolean' } }),
      insurance: object({ ...when, coverageId: text(36) }),
      verification: object({ ...when, coverageId: text(36), method: oneOf(VERIFICATION_METHODS), reference: text(60), result: oneOf(VERIFICATION_RESULTS) }),
      forms: {
        type: 'array',
        maxItems: MAX_FORMS,
        items: object({ form: { type: 'string', enum: [...FORM_KINDS], maxLength: 40 }, how: { type: 'string', enum: [...SIGNED_HOW], maxLength: 10 }, documentId: text(36), ...when }),
      },
      money: object({ ...when, copayCents: cents, paymentId: text(36), deferredReason: text(200) }),
    }),
    checkout: object({ ...when, followUpAppointmentId: text(36), noFollowUpReason: text(200), paymentId: text(36) }),
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'patientId', 'appointmentId', 'providerId', 'typeId', 'locationId', 'date', 'timeZone', 'step', 'timeline', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: [['date', 'createdAt'], 'patientId', 'appointmentId'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
