import type { CollectionJsonSchema } from '../domain/jsonSchema';
import { RoleSchema } from './permissions';

/*
 * The stored form of a member of staff: the RxDB schema of the `staff` collection and the rules
 * the CouchDB server checks. Adding a field: add it to StaffSchema (staff.ts), here with a raised
 * `version`, a migration strategy (src/renderer/features/staff/staffCollection.ts) and a migration
 * test; run `npm run couchdb:setup` before workstations write it (the server refuses fields it
 * does not know).
 */
export const staffJsonSchema = {
  title: 'staff',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    username: { type: 'string', maxLength: 40 },
    displayName: { type: 'string', maxLength: 120 },
    initials: { type: 'string', maxLength: 4 },
    roles: { type: 'array', items: { type: 'string', enum: [...RoleSchema.options] } },
    siteIds: { type: 'array', items: { type: 'string', maxLength: 40 } },
    status: { type: 'string', enum: ['active', 'deactivated'], maxLength: 12 },
    passwordHash: { type: 'string', maxLength: 400 },
    pinHash: { type: ['string', 'null'], maxLength: 400 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    updatedBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'username', 'displayName', 'initials', 'roles', 'siteIds', 'status', 'passwordHash', 'pinHash', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['username'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
