import type { RxJsonSchema } from 'rxdb';
import { RoleSchema } from '../../../shared/auth/permissions';
import type { Staff } from '../../../shared/auth/staff';
import { defineCollection } from '../../data/collection';
import { latestChangeWins } from '../../data/conflicts';

/*
 * Adding a field to staff: add it to StaffSchema (src/shared/auth/staff.ts), here with a raised
 * `version` and a migration strategy, and a migration test.
 */
export const staffSchema: RxJsonSchema<Staff> = {
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
};

export const staffMigrations = {};

export const staffCollection = defineCollection<Staff>({ schema: staffSchema, migrationStrategies: staffMigrations, conflicts: latestChangeWins<Staff>() });
