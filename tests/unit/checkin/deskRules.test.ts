import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { DESK_RULE_DEFAULTS, DESK_RULES_ID, DESK_RULES_NAME, DeskRulesInputSchema } from '../../../src/shared/catalog/deskRules';
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
    expect(await firstValueFrom(d.catalog.observeDeskRules())).toEqual({
      cancelNoticeHours: 48,
      lateAfterMinutes: 10,
      waitAmberMinutes: 10,
      waitRedMinutes: 20,
      verifyEveryDays: 30,
      formsValidMonths: 12,
      everyVisitForms: ['consent-to-treat', 'hipaa-notice', 'financial-policy'],
    });
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

  it('say how often insurance is verified and forms renewed, and which forms every visit asks for, each change audited', async () => {
    const d = openTestDesk(db, { roles: () => roles });
    await d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, verifyEveryDays: 1, formsValidMonths: 0, everyVisitForms: ['hipaa-notice'] });
    expect(await firstValueFrom(d.catalog.observeDeskRules())).toMatchObject({ verifyEveryDays: 1, formsValidMonths: 0, everyVisitForms: ['hipaa-notice'] });
    await d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, verifyEveryDays: 1, formsValidMonths: 0, everyVisitForms: ['hipaa-notice', 'intake'] });
    await d.log.flush();
    const entries = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject === 'catalog/desk-rules');
    expect(entries.map((e) => e.changes)).toEqual(
      expect.arrayContaining([
        [
          { field: 'verifyEveryDays', before: 30, after: 1 },
          { field: 'formsValidMonths', before: 12, after: 0 },
          { field: 'everyVisitForms', before: ['consent-to-treat', 'hipaa-notice', 'financial-policy'], after: ['hipaa-notice'] },
        ],
        [{ field: 'everyVisitForms', before: ['hipaa-notice'], after: ['hipaa-notice', 'intake'] }],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('refuse a verification period or form validity out of range, and a form the clinic does not have', async () => {
    const d = openTestDesk(db, { roles: () => roles });
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, verifyEveryDays: 0 })).rejects.toThrow('Verify insurance every: at least 1');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, verifyEveryDays: 366 })).rejects.toThrow('Verify insurance every: at most 365');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, formsValidMonths: -1 })).rejects.toThrow('Forms valid for: at least 0');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, formsValidMonths: 1.5 })).rejects.toThrow('Forms valid for: a whole number');
    await expect(d.catalog.saveDeskRules({ ...DESK_RULE_DEFAULTS, everyVisitForms: ['fax-cover'] as never })).rejects.toThrow();
    expect(await db.catalog.findOne('desk-rules').exec()).toBeNull();
  });

  it('saved before the insurance and forms rules existed read with their defaults, and keep them when saved again', async () => {
    // As a workstation on catalog v3 wrote them (or as they are after the v4 migration).
    await db.catalog.insert({
      id: DESK_RULES_ID,
      kind: 'desk-rules',
      name: DESK_RULES_NAME,
      cancelNoticeHours: 12,
      lateAfterMinutes: 5,
      waitAmberMinutes: 20,
      waitRedMinutes: 40,
      createdAt: '2026-02-01T15:00:00.000Z',
      updatedAt: '2026-02-01T15:00:00.000Z',
      updatedBy: 'Morgan Lee',
      siteId: 'main',
    } as never);
    const d = openTestDesk(db, { roles: () => roles });
    const expected = { cancelNoticeHours: 12, lateAfterMinutes: 5, waitAmberMinutes: 20, waitRedMinutes: 40, verifyEveryDays: 30, formsValidMonths: 12, everyVisitForms: ['consent-to-treat', 'hipaa-notice', 'financial-policy'] };
    expect(await firstValueFrom(d.catalog.observeDeskRules())).toEqual(expected);
    // Saved again as a form of the old shape would send them: the new rules are their defaults, and only the change is audited.
    await d.catalog.saveDeskRules({ cancelNoticeHours: 24, lateAfterMinutes: 5, waitAmberMinutes: 20, waitRedMinutes: 40 });
    expect((await db.catalog.findOne(DESK_RULES_ID).exec())?.toJSON()).toMatchObject({ ...expected, cancelNoticeHours: 24 });
    await d.log.flush();
    const entry = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.subject === 'catalog/desk-rules');
    expect(entry?.changes).toEqual([{ field: 'cancelNoticeHours', before: 12, after: 24 }]);
  });

  it('default, when typed without the later rules, to 30 days, 12 months and the three every-visit forms', () => {
    expect(DeskRulesInputSchema.parse({ cancelNoticeHours: 24, lateAfterMinutes: 10, waitAmberMinutes: 15, waitRedMinutes: 30 })).toEqual(DESK_RULE_DEFAULTS);
    expect(DESK_RULE_DEFAULTS).toMatchObject({ verifyEveryDays: 30, formsValidMonths: 12, everyVisitForms: ['consent-to-treat', 'hipaa-notice', 'financial-policy'] });
  });
});
