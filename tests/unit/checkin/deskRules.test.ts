import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { DESK_RULE_DEFAULTS } from '../../../src/shared/catalog/deskRules';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let n = 0;
beforeEach(async () => {
  db = await openClinicDatabase({ name: `rules${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['manager'];
});
afterEach(async () => {
  await db.close();
});

describe('the front desk’s rules', () => {
  it('are the defaults until a manager sets them for the whole clinic, each change audited', async () => {
    const d = openTestDesk(db, { roles: () => roles });
    expect(await firstValueFrom(d.catalog.observeDeskRules())).toEqual(DESK_RULE_DEFAULTS);
    await d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, waitAmberMinutes: 10, waitRedMinutes: 20, cancelNoticeHours: 48 });
    expect(await firstValueFrom(d.catalog.observeDeskRules())).toEqual({ cancelNoticeHours: 48, lateAfterMinutes: 10, waitAmberMinutes: 10, waitRedMinutes: 20 });
    await d.log.flush();
    const entry = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.subject === 'catalog/desk-rules');
    expect(entry?.changes).toEqual([
      { field: 'cancelNoticeHours', before: 24, after: 48 },
      { field: 'waitAmberMinutes', before: 15, after: 10 },
      { field: 'waitRedMinutes', before: 30, after: 20 },
    ]);
  });

  it('refuse red before amber, fractions and the front desk’s changes, and change nothing then', async () => {
    const d = openTestDesk(db, { roles: () => roles });
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, waitAmberMinutes: 30, waitRedMinutes: 30 })).rejects.toThrow('Red must come after amber');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, lateAfterMinutes: 7.5 })).rejects.toThrow('Late after: a whole number');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, cancelNoticeHours: Number.NaN })).rejects.toThrow(/Cancellation notice/);
    roles = ['front-desk'];
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, waitAmberMinutes: 5 })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.catalog.findOne('desk-rules').exec()).toBeNull();
  });
});
