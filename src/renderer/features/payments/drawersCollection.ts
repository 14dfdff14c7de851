import type { RxJsonSchema } from 'rxdb';
import type { DrawerRecord } from '../../../shared/payments/drawer';
import { drawerJsonSchema } from '../../../shared/payments/drawerJsonSchema';
import { defineCollection } from '../../data/collection';

/*
 * Cash drawer records are append-only, like the ledger. The schema is shared with the server's
 * rules: src/shared/payments/drawerJsonSchema.ts.
 */
export const drawerSchema: RxJsonSchema<DrawerRecord> = drawerJsonSchema as unknown as RxJsonSchema<DrawerRecord>;

export const drawerMigrations = {};

export const drawersCollection = defineCollection<DrawerRecord>({ schema: drawerSchema, migrationStrategies: drawerMigrations, conflicts: 'append-only' });
