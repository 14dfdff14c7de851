import type { RxJsonSchema } from 'rxdb';
import type { ClinicProfile } from '../../../shared/domain/clinic';

/*
 * The catalog holds the clinic's shared reference records behind a `kind` field (today the
 * clinic profile; providers, rooms, payers and fees are to join it), keeping well under RxDB's
 * 13-collection limit. Adding a field: add it to the domain schema, here with a raised `version`
 * and a migration strategy, and a migration test.
 */
export const catalogSchema: RxJsonSchema<ClinicProfile> = {
  title: 'catalog',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['clinic-profile'], maxLength: 40 },
    name: { type: 'string', maxLength: 120 },
    address: { type: 'string', maxLength: 200 },
    phone: { type: 'string', maxLength: 40 },
    timeZone: { type: 'string', maxLength: 64 },
    npi: { type: 'string', maxLength: 10 },
    taxId: { type: 'string', maxLength: 10 },
    demo: { type: 'boolean' },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    updatedBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'kind', 'name', 'address', 'phone', 'timeZone', 'npi', 'taxId', 'demo', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['kind'],
  additionalProperties: false,
};

export const catalogMigrations = {};
