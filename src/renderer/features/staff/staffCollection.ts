import type { RxJsonSchema } from 'rxdb';
import type { Staff } from '../../../shared/auth/staff';
import { staffJsonSchema } from '../../../shared/auth/staffJsonSchema';
import { defineCollection } from '../../data/collection';
import { latestChangeWins } from '../../data/conflicts';

/** The schema is shared with the server's rules: src/shared/auth/staffJsonSchema.ts (adding a field is explained there). */
export const staffSchema: RxJsonSchema<Staff> = staffJsonSchema;

export const staffMigrations = {};

export const staffCollection = defineCollection<Staff>({ schema: staffSchema, migrationStrategies: staffMigrations, conflicts: latestChangeWins<Staff>() });
