import { text, type CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * Insurance coverages, one document each; ended ones stay as `inactive`. The RxDB schema of the
 * `coverages` collection and the server's rules; see patientJsonSchema.ts for how to add a field.
 */
export const coverageJsonSchema = {
  title: 'coverages',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    patientId: text(36),
    rank: { type: 'string', enum: ['primary', 'secondary', 'tertiary'], maxLength: 10 },
    payerId: text(36),
    payerName: text(120),
    plan: text(80),
    memberId: text(30),
    groupNumber: text(30),
    relationship: { type: 'string', enum: ['self', 'spouse', 'child', 'other'], maxLength: 10 },
    subscriberName: text(100),
    subscriberBirthDate: text(10),
    effectiveFrom: text(10),
    effectiveTo: text(10),
    cardFrontId: text(36),
    cardBackId: text(36),
    status: { type: 'string', enum: ['active', 'inactive'], maxLength: 10 },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: [
    'id', 'patientId', 'rank', 'payerId', 'payerName', 'plan', 'memberId', 'groupNumber', 'relationship', 'subscriberName',
    'subscriberBirthDate', 'effectiveFrom', 'effectiveTo', 'cardFrontId', 'cardBackId', 'status', 'createdAt', 'updatedAt', 'updatedBy', 'siteId',
  ],
  indexes: ['patientId', 'memberId'],
  // The member id stays clear because duplicates are found by it; the rest of the policy holder's details are encrypted.
  encrypted: ['groupNumber', 'subscriberName', 'subscriberBirthDate'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
